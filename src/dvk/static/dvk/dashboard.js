/* DVK dashboard: draws the charts from the data the page passes with json_script (#dashboard-charts).
   A click on a bar opens the list of the records behind it. No data is fetched here. */
(function () {
  "use strict";
  var source = document.getElementById("dashboard-charts");
  if (!source || typeof Chart === "undefined") {
    return;
  }
  var charts = JSON.parse(source.textContent);
  var COLOURS = ["#b71c1c", "#f9a825", "#2e7d32", "#1565c0"];
  var ROW_PX = 26;

  function height(spec) {
    if (spec.horizontal) {
      return Math.max(220, spec.labels.length * ROW_PX * spec.datasets.length / 1.5 + 70);
    }
    return 260;
  }

  // Long unit names are cut on a phone (the tooltip and the table below keep them whole).
  function shortLabel(box) {
    return function (value) {
      var label = String(this.getLabelForValue(value));
      var max = box.clientWidth < 500 ? 16 : 42;
      return label.length > max ? label.slice(0, max - 1) + "…" : label;
    };
  }

  function draw(box) {
    var spec = charts[box.getAttribute("data-chart")];
    if (!spec || !spec.labels.length) {
      box.hidden = true;
      return;
    }
    box.style.position = "relative";
    box.style.height = height(spec) + "px";
    var datasets = spec.datasets.map(function (set, index) {
      return {label: set.label, data: set.data, backgroundColor: COLOURS[index % COLOURS.length]};
    });
    var valueAxis = {beginAtZero: true, stacked: !!spec.stacked, ticks: {precision: 0}};
    var labelAxis = {stacked: !!spec.stacked, ticks: {autoSkip: false, callback: shortLabel(box)}};
    new Chart(box.querySelector("canvas"), {
      type: "bar",
      data: {labels: spec.labels, datasets: datasets},
      options: {
        indexAxis: spec.horizontal ? "y" : "x",
        maintainAspectRatio: false,
        responsive: true,
        plugins: {legend: {position: "bottom"}},
        scales: spec.horizontal ? {x: valueAxis, y: labelAxis} : {x: labelAxis, y: valueAxis},
        onClick: function (event, elements) {
          var link = elements.length && spec.links ? spec.links[elements[0].index] : null;
          if (link) {
            window.location.href = link;
          }
        },
        onHover: function (event, elements) {
          var clickable = elements.length && spec.links && spec.links[elements[0].index];
          event.native.target.style.cursor = clickable ? "pointer" : "default";
        }
      }
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll(".chart-box[data-chart]"), draw);
})();
