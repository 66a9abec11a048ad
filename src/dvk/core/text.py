"""Text helpers for Vietnamese: NFC normalisation of what users type, and folding for search without
diacritics ("dan van kheo" finds "Dân vận khéo", "duong" finds "đường")."""

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def clean(value: str | None) -> str:
    """NFC-normalise and trim user text; collapse runs of whitespace inside one line."""
    if not value:
        return ""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", value)).strip()


def fold(value: str | None) -> str:
    """Lower-case, strip diacritics (đ → d), collapse whitespace: the form search and matching compare."""
    if not value:
        return ""
    decomposed = unicodedata.normalize("NFD", value.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return _SPACES.sub(" ", stripped.lower()).strip()
