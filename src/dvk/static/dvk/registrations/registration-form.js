/* Unit staff's registration forms, as progressive enhancement (every form works without JavaScript):
   - the person's name and position show only for an individual model;
   - a textarea marked data-richtext becomes a small editor (bold, italic, lists, links) whose HTML goes back
     into the textarea. The server sanitises it again (dvk.initiatives.richtext); this only builds the
     editor's content from allowed tags so that nothing typed can run here. */
(function () {
  "use strict";

  function toggleIndividual(select) {
    var individual = select.value === "individual";
    document.querySelectorAll("[data-individual-fields]").forEach(function (block) {
      block.hidden = !individual;
    });
  }

  document.querySelectorAll("select[data-kind-select]").forEach(function (select) {
    select.addEventListener("change", function () { toggleIndividual(select); });
    toggleIndividual(select);
  });

  var ALLOWED = { P: "p", BR: "br", STRONG: "strong", B: "strong", EM: "em", I: "em", UL: "ul", OL: "ol",
                  LI: "li", A: "a", DIV: "p" };

  function safeCopy(source, target) {
    source.childNodes.forEach(function (node) {
      if (node.nodeType === Node.TEXT_NODE) {
        target.appendChild(document.createTextNode(node.textContent));
        return;
      }
      if (node.nodeType !== Node.ELEMENT_NODE) { return; }
      var name = ALLOWED[node.tagName];
      if (!name) { safeCopy(node, target); return; }
      var copy = document.createElement(name);
      if (name === "a") {
        var href = node.getAttribute("href") || "";
        if (/^(https?:|mailto:)/i.test(href)) { copy.setAttribute("href", href); }
      }
      safeCopy(node, copy);
      target.appendChild(copy);
    });
  }

  function initialContent(text) {
    var holder = document.createElement("div");
    if (/<\s*\/?\s*(p|br|strong|em|ul|ol|li|a|b|i|div)\b/i.test(text)) {
      safeCopy(new DOMParser().parseFromString(text, "text/html").body, holder);
    } else {
      text.split(/\n\s*\n/).forEach(function (block) {
        if (!block.trim()) { return; }
        var p = document.createElement("p");
        block.split("\n").forEach(function (line, i) {
          if (i) { p.appendChild(document.createElement("br")); }
          p.appendChild(document.createTextNode(line));
        });
        holder.appendChild(p);
      });
    }
    return holder;
  }

  var BUTTONS = [
    ["bold", "B", "Chữ đậm", "fw-bold"],
    ["italic", "I", "Chữ nghiêng", "fst-italic"],
    ["insertUnorderedList", "• Danh sách", "Danh sách gạch đầu dòng", ""],
    ["insertOrderedList", "1. Danh sách", "Danh sách đánh số", ""],
    ["createLink", "Liên kết", "Chèn liên kết", ""]
  ];

  function enhance(textarea) {
    var editor = document.createElement("div");
    editor.className = "form-control dvk-editor" + (textarea.classList.contains("is-invalid") ? " is-invalid" : "");
    editor.contentEditable = "true";
    editor.setAttribute("role", "textbox");
    editor.setAttribute("aria-multiline", "true");
    var label = document.querySelector('label[for="' + textarea.id + '"]');
    if (label) {
      label.id = label.id || textarea.id + "_label";
      editor.setAttribute("aria-labelledby", label.id);
      label.addEventListener("click", function () { editor.focus(); });
    }
    var holder = initialContent(textarea.value);
    while (holder.firstChild) { editor.appendChild(holder.firstChild); }

    var toolbar = document.createElement("div");
    toolbar.className = "dvk-editor-toolbar";
    toolbar.setAttribute("role", "toolbar");
    BUTTONS.forEach(function (spec) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "btn btn-sm btn-outline-secondary " + spec[3];
      button.textContent = spec[1];
      button.title = spec[2];
      button.setAttribute("aria-label", spec[2]);
      button.addEventListener("click", function () {
        editor.focus();
        if (spec[0] === "createLink") {
          var url = window.prompt("Địa chỉ liên kết (https://…)", "https://");
          if (url && /^(https?:\/\/|mailto:)/i.test(url)) { document.execCommand("createLink", false, url); }
        } else {
          document.execCommand(spec[0], false, null);
        }
        sync();
      });
      toolbar.appendChild(button);
    });

    function sync() { textarea.value = editor.innerHTML; }
    editor.addEventListener("input", sync);
    if (textarea.form) { textarea.form.addEventListener("submit", sync); }
    textarea.hidden = true;
    textarea.parentNode.insertBefore(toolbar, textarea);
    textarea.parentNode.insertBefore(editor, textarea);
  }

  document.querySelectorAll("textarea[data-richtext]").forEach(enhance);

  /* Self-assessment: the running total of the points typed (numbers written 37,5 or 37.5). */
  function points(text) {
    var value = text.replace(/\s/g, "");
    value = value.indexOf(",") >= 0 ? value.replace(/\./g, "").replace(",", ".") : value;
    var number = parseFloat(value);
    return isNaN(number) ? 0 : number;
  }
  var total = document.querySelector("[data-score-total]");
  if (total) {
    var inputs = document.querySelectorAll("input[data-score]");
    var showTotal = function () {
      var sum = 0;
      inputs.forEach(function (input) { sum += points(input.value); });
      total.querySelector("[data-score-sum]").textContent = String(Math.round(sum * 100) / 100).replace(".", ",");
    };
    inputs.forEach(function (input) { input.addEventListener("input", showTotal); });
    total.hidden = false;
    showTotal();
  }
})();
