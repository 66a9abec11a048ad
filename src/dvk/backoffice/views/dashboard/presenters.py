"""What the dashboard prints from one FigureSet: the cards, the chart data and the tables, each number with the
link to the list of the records behind it. No query here: every number comes from `compute_figures`.

List links use the GET parameters of the list pages (`backoffice/forms_filters.py`): unit, phase, year, kind,
sector, status ("counted", "recognised"), exemplary=1. A year range without a phase adds year_from / year_to;
new, cumulative and active initiatives add first_year_from / first_year_to / active_in.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse

from dvk.initiatives.enums import Status
from dvk.reports.figures import KINDS, FigureSet

REGISTRATIONS, INITIATIVES = "initiatives:registrations", "initiatives:list"
KIND_LABELS = {"collective": "Tập thể", "individual": "Cá nhân"}


@dataclass(frozen=True)
class Period:
    """The dashboard's period: a phase (its years) or a year range."""

    start: int
    end: int
    phase_id: int | None = None

    def params(self) -> dict:
        if self.phase_id:
            return {"phase": self.phase_id}
        if self.start == self.end:
            return {"year": self.start}
        return {"year_from": self.start, "year_to": self.end}


def list_url(name: str, params: dict) -> str:
    query = urlencode({k: v for k, v in params.items() if v not in (None, "")})
    return f"{reverse(name)}?{query}" if query else reverse(name)


class Links:
    """The list URL behind each figure, for a unit (or child unit, sector, year, kind)."""

    def __init__(self, unit_id: int, period: Period) -> None:
        self.unit_id, self.period = unit_id, period

    def figure(self, measure: str, *, kind: str = "", unit_id=None, sector_id=None, year=None) -> str | None:
        base = {"unit": unit_id or self.unit_id, "kind": kind, "sector": sector_id}
        period = {"year": year} if year else self.period.params()
        start, end = (year, year) if year else (self.period.start, self.period.end)
        spec = {
            "registrations": (REGISTRATIONS, {**period, "status": "counted"}),
            "recognitions": (REGISTRATIONS, {**period, "status": Status.RECOGNISED}),
            "recognized": (INITIATIVES, {**period, "status": Status.RECOGNISED}),
            "exemplary": (INITIATIVES, {**period, "exemplary": 1}),
            "new_initiatives": (INITIATIVES, {"first_year_from": start, "first_year_to": end}),
            "cumulative_initiatives": (INITIATIVES, {"first_year_to": end}),
            "active_initiatives": (INITIATIVES, {"first_year_to": end, "active_in": end}),
            "commended": ("commendations:list", dict(period)),
        }
        if measure not in spec:
            return None
        name, params = spec[measure]
        return list_url(name, {**base, **params})


@dataclass
class Card:
    key: str
    label: str
    help: str
    total: int
    split: list[tuple[str, int, str | None]]  # (label, value, url)
    url: str | None


CARDS = [
    ("registrations", "Lượt đăng ký", "Lượt đăng ký trong kỳ, trừ bản nháp và lượt đã rút"),
    ("new_initiatives", "Mô hình mới", "Mô hình đăng ký lần đầu trong kỳ"),
    ("recognized", "Được công nhận", "Mô hình được công nhận trong kỳ"),
    ("exemplary", "Tiêu biểu", "Mô hình được công nhận tiêu biểu trong kỳ"),
    ("cumulative_initiatives", "Tổng số mô hình", "Lũy kế đến hết kỳ"),
    ("active_initiatives", "Đang duy trì", "Mô hình chưa dừng trước năm cuối kỳ"),
    ("commended", "Khen thưởng", "Tập thể, cá nhân được khen thưởng"),
]


def registrations_by_kind(figures: FigureSet) -> dict[str, int]:
    """The registrations' kind split, as the sector rows of the FigureSet carry it."""
    return {k: sum(r.by_kind[k]["registrations"] for r in figures.by_sector) for k in KINDS}


def cards(figures: FigureSet, links: Links) -> list[Card]:
    result = []
    for key, label, help_text in CARDS:
        if key == "registrations":
            total, split = figures.registrations, registrations_by_kind(figures)
        else:
            value = getattr(figures, key)
            total, split = value.total, {k: getattr(value, k) for k in KINDS}
        parts = [(KIND_LABELS[k], split[k], links.figure(key, kind=k)) for k in KINDS]
        result.append(Card(key, label, help_text, total, parts, links.figure(key)))
    return result


def breakdown_rows(rows, links: Links, key: str) -> list[dict]:
    """Table rows of a breakdown (units, sectors, years) with a link per figure. The "trực thuộc" row of a unit
    has no list of its own (a list of a unit includes its subtree), so its numbers are not links."""
    lines = []
    for row in rows:
        target = {}
        if key == "unit" and not row.is_own:
            target = {"unit_id": row.unit_id}
        elif key == "sector":
            target = {"sector_id": row.sector_id}
        elif key == "year":
            target = {"year": row.year}
        measures = ("registrations", "new_initiatives", "recognized", "exemplary")
        lines.append(
            {
                "label": _label(row, key),
                "values": [
                    (getattr(row, m), links.figure(m, **target) if target else None) for m in measures
                ],
            }
        )
    return lines


def _label(row, key: str) -> str:
    if key == "unit":
        return f"{row.name} (trực thuộc)" if row.is_own else row.name
    return str(row.year) if key == "year" else row.name


def chart_data(figures: FigureSet, links: Links) -> dict:
    """The three charts' data for dashboard.js (passed with json_script), with the list URL of each bar."""
    sectors = figures.by_sector
    units = [r for r in figures.by_unit if not r.is_own or r.registrations]
    return {
        "sector": {
            "labels": [s.name for s in sectors],
            "datasets": [
                {
                    "label": f"Lượt đăng ký — {KIND_LABELS[k].lower()}",
                    "data": [s.by_kind[k]["registrations"] for s in sectors],
                }
                for k in KINDS
            ],
            "links": [links.figure("registrations", sector_id=s.sector_id) for s in sectors],
            "stacked": True,
        },
        "year": {
            "labels": [str(y.year) for y in figures.by_year],
            "datasets": [
                {"label": label, "data": [getattr(y, measure) for y in figures.by_year]}
                for measure, label in (
                    ("registrations", "Lượt đăng ký"),
                    ("new_initiatives", "Mô hình mới"),
                    ("recognized", "Được công nhận"),
                )
            ],
            "links": [links.figure("registrations", year=y.year) for y in figures.by_year],
        },
        "unit": {
            "labels": [_label(u, "unit") for u in units],
            "datasets": [
                {"label": "Lượt đăng ký", "data": [u.registrations for u in units]},
                {"label": "Được công nhận", "data": [u.recognized for u in units]},
            ],
            "links": [None if u.is_own else links.figure("registrations", unit_id=u.unit_id) for u in units],
            "horizontal": True,
        },
    }
