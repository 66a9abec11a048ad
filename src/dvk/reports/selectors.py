"""Reads of summary reports and of what their documents print beside the figures.

`reports_for_user` / `get_report_for_user` scope reports by `visible_unit_ids`. The document reads
(`exemplary_initiatives`, `honorees_in_scope`) are, like `reports.figures.compute_figures`, reads of exactly
`expand_scope([unit])` of a unit their callers obtained through `get_unit_for_user` or `get_report_for_user`:
the pages never reach them with a unit the user may not see.

A *snapshot* is the plain dict the narrative and the exporters print: the figures of DESIGN §5 (`as_json`), the
breakdown rows with their per-kind splits, the unit × sector table, the exemplary models (the description and
results only of those the narrative tells as stories) and the honorees. A report's snapshot is the copy frozen by
"chốt số liệu" or, until then, a live one. The lists are read as plain values in one query each: a national
report lists tens of thousands of exemplary models.
"""

from dataclasses import asdict

from django.db.models import F, QuerySet
from django.db.models.lookups import GreaterThan
from django.shortcuts import get_object_or_404
from django.utils import timezone

from dvk.campaigns.models import Phase
from dvk.campaigns.selectors import phases_applying_to, phases_launched_within  # noqa: F401
from dvk.commendations.models import Honoree
from dvk.initiatives.enums import Status
from dvk.initiatives.models import Initiative, Registration
from dvk.initiatives.years import years_mask
from dvk.reports.figures import FigureSet, Row, compute_figures
from dvk.reports.models import SummaryReport
from dvk.reports.narrative import ReportDocument, build_document, pick_stories
from dvk.units.models import Unit
from dvk.units.selectors import scope_paths, subtree_filter, visible_unit_ids

SNAPSHOT_SCHEMA = 1


# --- Reports -----------------------------------------------------------------------------------------------


def reports_for_user(user) -> QuerySet[SummaryReport]:
    return (
        SummaryReport.objects.filter(unit_id__in=visible_unit_ids(user))
        .select_related("unit", "phase", "frozen_by", "created_by")
        .order_by("-end_year", "-pk")
    )


def get_report_for_user(user, pk) -> SummaryReport:
    """The same 404 for "missing" and "not yours"."""
    return get_object_or_404(reports_for_user(user), pk=pk)


# --- What the documents list -------------------------------------------------------------------------------


EXEMPLARY_COLUMNS = {  # item key → column of the recognised registration's row
    "code": "initiative__code",
    "name": "initiative__name",
    "kind": "initiative__kind",
    "person_name": "initiative__person_name",
    "person_position": "initiative__person_position",
    "unit": "initiative__unit__name",
    "unit_code": "initiative__unit__code",
    "unit_kind": "initiative__unit__kind",
    "sector": "initiative__sector__name",
}


def exemplary_initiatives(unit: Unit, start_year: int, end_year: int) -> list[dict]:
    """Initiatives of the unit's scope recognised as exemplary in a year of the range (the records behind the
    `exemplary` figure), with the years and the latest decision of that recognition, in the order of the
    appendix (sector, kind, unit, name).

    One query of plain values (a national report lists tens of thousands). The items carry no description and no
    results: only the few the narrative tells as stories need them, and `with_story_texts` adds them."""
    columns = list(EXEMPLARY_COLUMNS.values())
    exemplary = Initiative.objects.filter(  # as the figure: initiatives of the scope, by their year masks
        subtree_filter(scope_paths([unit.pk]), "unit__"),
        GreaterThan(F("exemplary_years").bitand(years_mask(start_year, end_year)), 0),
    )
    rows = (
        Registration.objects.filter(
            initiative__in=exemplary,
            year__range=(start_year, end_year),
            status=Status.RECOGNISED,
            recognition__is_exemplary=True,
        )
        .order_by(
            "initiative__sector__order",
            "initiative__sector__name",
            "initiative__kind",
            "initiative__unit__path",
            "initiative__name",
            "initiative_id",
            "year",
        )
        .values_list(
            "initiative_id", "year", "recognition__decision_number", "recognition__decision_date", *columns
        )
    )
    found: dict[int, dict] = {}
    for pk, year, decision_number, day, *values in rows:
        item = found.get(pk)
        if item is None:
            item = found[pk] = {"id": pk, **dict(zip(EXEMPLARY_COLUMNS, values, strict=True)), "years": []}
        item["years"].append(year)
        item["decision_number"] = decision_number
        item["decision_date"] = day.isoformat() if day else None
    return list(found.values())


def with_story_texts(exemplary: list[dict]) -> list[dict]:
    """`exemplary` with the description and results of the models the narrative tells as stories (one query
    for those few): what `narrative.story` prints of each."""
    stories = {item["id"]: item for item in pick_stories(exemplary) if "description" not in item}
    texts = Initiative.objects.filter(pk__in=stories).values_list("pk", "description", "results")
    for pk, description, results in texts:
        stories[pk].update(description=description, results=results)
    return exemplary


def honorees_in_scope(unit: Unit, *, phase: Phase | None, years: tuple[int, int]) -> list[dict]:
    """Honorees of the unit's scope in the decisions of `phase` (without a phase: decisions dated in `years`),
    the records behind the `commended` figure, in the order of their decisions."""
    honorees = Honoree.objects.filter(subtree_filter(scope_paths([unit.pk]), "unit__"))
    if phase is not None:
        honorees = honorees.filter(commendation__phase=phase)
    else:
        honorees = honorees.filter(commendation__date__year__range=years)
    rows = honorees.order_by("commendation__date", "commendation__number", "kind", "order", "pk").values_list(
        "kind",
        "name",
        "position",
        "unit__name",
        "commendation__number",
        "commendation__date",
        "commendation__issuer_title",
        "commendation__award_form__name",
    )
    return [
        {
            "kind": kind,
            "name": name,
            "position": position,
            "unit": unit_name,
            "decision_number": number,
            "decision_date": day.isoformat(),
            "issuer_title": issuer_title,
            "award_form": award_form,
        }
        for kind, name, position, unit_name, number, day, issuer_title, award_form in rows
    ]


def decisions_of(honorees: list[dict]) -> list[dict]:
    """The distinct decisions the honorees were named in, in order (for citing them in a sentence)."""
    seen: dict[tuple, dict] = {}
    for h in honorees:
        key = (h["decision_number"], h["decision_date"])
        seen.setdefault(
            key,
            {
                "number": h["decision_number"],
                "date": h["decision_date"],
                "issuer_title": h["issuer_title"],
                "award_form": h["award_form"],
            },
        )
    return list(seen.values())


# --- Snapshots ---------------------------------------------------------------------------------------------


def _row(row) -> dict:
    """A breakdown row as plain data (for a unit row, without its sector split: see `unit_sector_table`)."""
    line = asdict(row)
    line.pop("by_sector", None)
    return line


def unit_sector_table(figures: FigureSet) -> list[dict]:
    """The biểu thống kê: each breakdown row (a child unit, or "trực thuộc") split by sector and kind, from the
    rows' own sector split (`UnitRow.by_sector`), a line for every sector even where it counts nothing."""
    table = []
    for row in figures.by_unit:
        line = asdict(row)
        split = line.pop("by_sector")
        line["sectors"] = [
            {"name": s.name, "sector_id": s.sector_id, **split.get(s.sector_id, asdict(Row()))}
            for s in figures.by_sector
        ]
        table.append(line)
    return table


def build_snapshot(unit: Unit, figures: FigureSet, phase: Phase | None) -> dict:
    """Everything a report's documents print, as plain JSON-ready data."""
    years = (figures.start_year, figures.end_year)
    honorees = honorees_in_scope(unit, phase=phase, years=years)
    return {
        "schema": SNAPSHOT_SCHEMA,
        "computed_at": timezone.now().isoformat(),
        "unit": {"code": unit.code, "name": unit.name, "kind": unit.kind, "whole_of": unit.whole_of},
        "figures": figures.as_json(),
        "by_unit": [_row(r) for r in figures.by_unit],
        "by_sector": [_row(r) for r in figures.by_sector],
        "by_year": [_row(r) for r in figures.by_year],
        "unit_sector": unit_sector_table(figures),
        "exemplary": with_story_texts(exemplary_initiatives(unit, *years)),
        "honorees": honorees,
        "decisions": decisions_of(honorees),
    }


def live_snapshot(unit: Unit, *, phase: Phase | None = None, years: tuple[int, int] | None = None) -> dict:
    figures = compute_figures(unit, phase=phase, years=None if phase else years)
    return build_snapshot(unit, figures, phase)


def report_figures(report: SummaryReport) -> FigureSet:
    """The report's live figures (what "chốt số liệu" freezes)."""
    years = None if report.phase_id else (report.start_year, report.end_year)
    return compute_figures(report.unit, phase=report.phase, years=years)


def report_snapshot(report: SummaryReport) -> dict:
    """The frozen snapshot of a frozen report, else the live one."""
    if report.is_frozen and report.frozen_figures:
        return report.frozen_figures["report"]
    return build_snapshot(report.unit, report_figures(report), report.phase)


def report_document(report: SummaryReport) -> ReportDocument:
    return build_document(report, report_snapshot(report))


def draft_report(unit: Unit, *, phase: Phase | None = None, years: tuple[int, int] | None = None):
    """An unsaved report of the unit with default texts: what the CLI prints for a unit and a phase."""
    start, end = (phase.start_year, phase.end_year) if phase else years
    return SummaryReport(
        unit=unit,
        phase=phase,
        start_year=start,
        end_year=end,
        layout=unit.document_layout,
        title=default_title(SummaryReport.Kind.INTERIM, start, end),
    )


def default_title(kind: str, start: int, end: int) -> str:
    word = "Tổng kết" if kind == SummaryReport.Kind.FINAL else "Sơ kết"
    period = str(start) if start == end else f"{start} - {end}"
    return f"{word} phong trào thi đua “Dân vận khéo” giai đoạn {period}"


def source_report(source: FigureSet | SummaryReport) -> tuple[SummaryReport, dict]:
    """The report and snapshot an export prints: a report as it is, or a FigureSet (the CLI's) as an unsaved
    draft report of its unit with default texts, printing exactly those figures."""
    if isinstance(source, SummaryReport):
        return source, report_snapshot(source)
    unit = Unit.objects.get(pk=source.unit_id)
    phase = Phase.objects.filter(pk=source.phase_id).first() if source.phase_id else None
    report = draft_report(unit, phase=phase, years=(source.start_year, source.end_year))
    return report, build_snapshot(unit, source, phase)


def source_document(source: FigureSet | SummaryReport) -> ReportDocument:
    return build_document(*source_report(source))
