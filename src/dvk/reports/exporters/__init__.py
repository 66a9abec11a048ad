"""The export formats of the figures and of the summary report: a registry `format → exporter`.

An exporter is a callable that takes a `FigureSet` (what the CLI and the dashboard export: the figures alone)
or a `SummaryReport` (a report with its narrative; its figures are the frozen snapshot or, until "chốt số liệu",
the live figures) and returns the file's bytes. Every exporter accepts both: the CLI passes a FigureSet.

Adding a format (xlsx, docx, pdf …) touches no existing file: create a module in this package, e.g.
`exporters/xlsx.py`, and register the exporter there::

    from dvk.reports.exporters import ExportSource, register

    @register("xlsx", extension="xlsx", content_type=XLSX_CONTENT_TYPE, label="Excel (.xlsx)")
    def export_xlsx(source: ExportSource) -> bytes: ...

The registry imports every module of this package the first time it is read (`EXPORTERS`, `get_exporter`,
`available_formats`), so a module that exists is a format that works everywhere: the CLI's `--format`, the
pages' download buttons and the benchmark. A module that fails to import is an error, not a missing format.
"""

import importlib
import json
import pkgutil
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

from dvk.core.errors import DvkError
from dvk.reports.figures import FigureSet
from dvk.reports.models import SummaryReport
from dvk.reports.selectors import report_figures

ExportSource = FigureSet | SummaryReport


@dataclass(frozen=True)
class Exporter:
    """A registered format: calling it turns a `FigureSet` or a `SummaryReport` into the file's bytes."""

    format: str
    function: Callable[[ExportSource], bytes]
    extension: str
    content_type: str
    label: str
    binary: bool

    def __call__(self, source: ExportSource) -> bytes:
        return self.function(source)

    def filename(self, stem: str) -> str:
        return f"{stem}.{self.extension}"


class UnknownFormat(DvkError):
    """The format is not (yet) one DVK can write."""


class _Registry(Mapping[str, Exporter]):
    """A read-only mapping that discovers the format modules of this package on first use."""

    def __init__(self) -> None:
        self._exporters: dict[str, Exporter] = {}
        self._discovered = False

    def add(self, exporter: Exporter) -> None:
        self._exporters[exporter.format] = exporter

    def _discover(self) -> None:
        if self._discovered:
            return
        self._discovered = True
        for module in pkgutil.iter_modules(__path__):
            if not module.name.startswith("_"):
                importlib.import_module(f"{__name__}.{module.name}")

    def __getitem__(self, name: str) -> Exporter:
        self._discover()
        return self._exporters[name]

    def __iter__(self) -> Iterator[str]:
        self._discover()
        return iter(self._exporters)

    def __len__(self) -> int:
        self._discover()
        return len(self._exporters)


EXPORTERS = _Registry()


def register(
    name: str, *, extension: str, content_type: str, label: str = "", binary: bool = True
) -> Callable[[Callable[[ExportSource], bytes]], Callable[[ExportSource], bytes]]:
    """Register `function` as the exporter of format `name` (a later registration of a name replaces it)."""

    def decorator(function: Callable[[ExportSource], bytes]) -> Callable[[ExportSource], bytes]:
        EXPORTERS.add(Exporter(name, function, extension, content_type, label or name.upper(), binary))
        return function

    return decorator


def available_formats() -> list[str]:
    return sorted(EXPORTERS)


def get_exporter(name: str) -> Exporter:
    """The exporter of `name`, or UnknownFormat with the formats that exist."""
    try:
        return EXPORTERS[name]
    except KeyError:
        formats = ", ".join(available_formats())
        raise UnknownFormat(
            f"Chưa hỗ trợ xuất định dạng “{name}”. Các định dạng hiện có: {formats}."
        ) from None


def figures_json(source: ExportSource) -> dict:
    """The DESIGN §5 JSON of a FigureSet, or of a report: frozen by "chốt số liệu", else live."""
    if isinstance(source, FigureSet):
        return source.as_json()
    if source.is_frozen and source.frozen_figures:
        return source.frozen_figures["figures"]
    return report_figures(source).as_json()


@register("json", extension="json", content_type="application/json", label="JSON", binary=False)
def export_json(source: ExportSource) -> bytes:
    """The machine-readable figures of DESIGN §5, UTF-8, Vietnamese letters kept as they are."""
    text = json.dumps(figures_json(source), ensure_ascii=False, indent=2)
    return (text + "\n").encode("utf-8")
