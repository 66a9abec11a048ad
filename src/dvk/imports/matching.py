"""Matching what people type in spreadsheets against DVK's names: column headers and closed values (unit
kinds, sectors, results, authorities …).

Registers come from many hands: "VĂN HOÁ – XÃ HỘI", "Văn hóa - xã hội" and "van hoa-xa hoi" are the same
sector. Two texts match when their *keys* are equal: the text NFKC-normalised ("m²" → "m2"), folded with
`core.text.fold` (lower case, diacritics and tone marks removed, so "hoá" and "hóa" agree, đ → d), every run
of punctuation, dashes ("–", "—", "-") and spaces reduced to one space. When nothing matches, `difflib`
offers the closest names, shown to the user as "Có phải là …?".
"""

import difflib
import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from dvk.core.text import fold

_NOT_WORD = re.compile(r"[^0-9a-z]+")


def key(value: object) -> str:
    """The form two texts are compared in (see the module docstring)."""
    if value is None:
        return ""
    return _key(str(value))


@functools.lru_cache(maxsize=65536)
def _key(text: str) -> str:
    """Registers repeat the same few closed values thousands of times: each is folded once."""
    return _NOT_WORD.sub(" ", fold(unicodedata.normalize("NFKC", text))).strip()


class Suggester:
    """Finds the candidates closest to a text (compared by key); built once for many look-ups."""

    def __init__(self, candidates: Iterable[str]):
        self.by_key: dict[str, str] = {}
        for candidate in candidates:
            self.by_key.setdefault(key(candidate), candidate)
        self.keys = list(self.by_key)

    def closest(self, wanted: str, *, n: int = 3, cutoff: float = 0.6) -> list[str]:
        found = difflib.get_close_matches(key(wanted), self.keys, n=n, cutoff=cutoff)
        return [self.by_key[k] for k in found]


def closest(wanted: str, candidates: Iterable[str], *, n: int = 3, cutoff: float = 0.6) -> list[str]:
    """The candidates (as written) closest to `wanted`, best first; compared by key."""
    return Suggester(candidates).closest(wanted, n=n, cutoff=cutoff)


def quoted(values: Iterable[str]) -> str:
    """“A”, “B”, “C” — how messages list names."""
    return ", ".join(f"“{value}”" for value in values)


def did_you_mean(wanted: str, candidates: Iterable[str]) -> str:
    """ "Có phải là “X”?" for the closest candidate, or an empty string."""
    found = closest(wanted, candidates, n=1)
    return f"Có phải là “{found[0]}”?" if found else ""


@dataclass
class Choices:
    """A closed list of values, each with its label (what a template's drop-down offers) and aliases."""

    name: str  # what the value is, in a message: "loại đơn vị", "lĩnh vực" …
    labels: dict[object, str] = field(default_factory=dict)  # value -> label
    _by_key: dict[str, object] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self):
        self.labels = {value: str(label) for value, label in self.labels.items()}  # lazy labels → text
        for value, label in self.labels.items():
            self._by_key.setdefault(key(label), value)

    @classmethod
    def of(cls, name: str, pairs: Iterable[tuple[object, str]], aliases: dict[str, object] | None = None):
        choices = cls(name=name, labels=dict(pairs))
        for alias, value in (aliases or {}).items():
            choices._by_key.setdefault(key(alias), value)
        return choices

    def find(self, text: str) -> object | None:
        return self._by_key.get(key(text))

    def label(self, value: object) -> str:
        return self.labels.get(value, "")

    def unknown_message(self, text: str) -> str:
        """ "Không có lĩnh vực “X”. Có phải là “Y”? Các giá trị được dùng: …" """
        hint = did_you_mean(text, self.labels.values())
        allowed = quoted(self.labels.values())
        message = f"Không có {self.name} “{text}”."
        if hint:
            message += f" {hint}"
        return f"{message} Các giá trị được dùng: {allowed}."

    def suggestion(self, text: str) -> str:
        found = closest(text, self.labels.values(), n=1)
        return found[0] if found else ""
