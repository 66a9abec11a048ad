"""What unit staff may write as formatted text (an initiative's description and objectives, a year's results),
and how multi-line plain text is kept.

Formatted text is stored as sanitised HTML restricted to paragraphs, line breaks, bold, italics, lists and
links, so the pages can print it as it is. Text typed without any markup (a phone's plain textarea, the
importer, the API) becomes paragraphs. Everything is NFC-normalised like every other text users type.
"""

import html
import re
import unicodedata

import nh3

ALLOWED_TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "a"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
URL_SCHEMES = {"http", "https", "mailto"}

# Browser editors write <b>, <i> and <div>; keep their meaning under the allowed names.
_SYNONYMS = {"b": "strong", "i": "em", "div": "p"}
_SYNONYM_TAG = re.compile(r"<(/?)(b|i|div)(\s[^>]*)?>", re.IGNORECASE)
_ANY_TAG = re.compile(r"</?\s*(p|br|strong|em|ul|ol|li|a|b|i|div|span|font|h[1-6])\b[^>]*>", re.IGNORECASE)
_EMPTY_PARAGRAPH = re.compile(r"<p>(\s|<br>|&nbsp;|\u00a0)*</p>")
_BLANK_LINES = re.compile(r"\n\s*\n")


def _nfc(value: str) -> str:
    return unicodedata.normalize("NFC", value.replace("\r\n", "\n").replace("\r", "\n"))


def _paragraphs(text: str) -> str:
    """Plain text → <p> per block separated by blank lines, <br> for single line breaks."""
    blocks = [block.strip() for block in _BLANK_LINES.split(text) if block.strip()]
    return "".join(
        "<p>" + "<br>".join(html.escape(line.strip()) for line in block.split("\n")) + "</p>"
        for block in blocks
    )


def _rename_synonyms(value: str) -> str:
    return _SYNONYM_TAG.sub(lambda m: f"<{m.group(1)}{_SYNONYMS[m.group(2).lower()]}>", value)


def sanitize_rich_text(value: str | None) -> str:
    """Safe HTML for a formatted field: only the allowed tags, links with http(s)/mailto and rel="noopener"."""
    if not value:
        return ""
    value = _nfc(value).strip()
    if not _ANY_TAG.search(value):
        value = _paragraphs(value)
    cleaned = nh3.clean(
        _rename_synonyms(value),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
    )
    return _EMPTY_PARAGRAPH.sub("", cleaned).strip()


def rich_text_is_empty(value: str | None) -> bool:
    """True when a formatted value holds no visible text (e.g. "<p><br></p>")."""
    return not nh3.clean(value or "", tags=set()).strip()


def clean_multiline(value: str | None) -> str:
    """Plain text over several lines (targets, self-assessment): NFC, trimmed lines, at most one blank line
    between paragraphs."""
    if not value:
        return ""
    lines = [" ".join(line.split()) for line in _nfc(value).split("\n")]
    text = "\n".join(lines).strip()
    return _BLANK_LINES.sub("\n\n", text)
