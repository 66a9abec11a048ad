"""What DVK holds, as rows in the columns of the import templates, for the user's visible scope: exported,
edited in Excel and imported again, a file changes only what was edited ("0 changed" when nothing was)."""

from collections.abc import Iterator

from dvk.commendations.models import Honoree
from dvk.evaluations.models import Recognition
from dvk.imports.kinds import commendations, initiatives, units
from dvk.imports.kinds.initiatives import EXEMPLARY, NOT_RECOGNISED, RECOGNISED, plain_text
from dvk.imports.models import ImportKind
from dvk.imports.reading import MAX_ROWS
from dvk.initiatives.models import Registration
from dvk.units.models import Unit
from dvk.units.selectors import visible_unit_ids

INDICATORS = ("households_benefiting", "funds_mobilised", "workdays", "land_donated_m2", "roads_km")


def unit_rows(actor) -> Iterator[list]:
    visible = Unit.objects.filter(pk__in=visible_unit_ids(actor)).order_by("path")
    visible = visible.select_related("merged_into")
    units_list = list(visible[:MAX_ROWS])
    parent_paths = {unit.path[: -Unit.steplen] for unit in units_list if unit.depth > 1}
    codes = dict(Unit.objects.filter(path__in=parent_paths).values_list("path", "code"))
    for unit in units_list:
        yield [
            unit.code,
            unit.name,
            units.KINDS.label(unit.kind),
            codes.get(unit.path[: -Unit.steplen], "") if unit.depth > 1 else "",
            unit.valid_from,
            unit.valid_to,
            unit.merged_into.code if unit.merged_into else "",
        ]


def _result(recognition: Recognition | None) -> str:
    if recognition is None:
        return ""
    if not recognition.recognised:
        return initiatives.RESULTS.label(NOT_RECOGNISED)
    return initiatives.RESULTS.label(EXEMPLARY if recognition.is_exemplary else RECOGNISED)


def initiative_rows(actor) -> Iterator[list]:
    registrations = (
        Registration.objects.filter(unit_id__in=visible_unit_ids(actor))
        .select_related("initiative", "initiative__unit", "initiative__sector", "recognition")
        .order_by("initiative__code", "year")
    )
    for registration in registrations[:MAX_ROWS].iterator(chunk_size=2000):
        initiative = registration.initiative
        try:
            recognition = registration.recognition
        except Recognition.DoesNotExist:
            recognition = None
        yield [
            initiative.code,
            initiative.name,
            initiative.unit.code,
            initiatives.KINDS.label(initiative.kind),
            initiative.person_name,
            initiative.person_position,
            initiative.sector.name,
            registration.year,
            _result(recognition),
            initiatives.LEVELS.label(recognition.level) if recognition else "",
            recognition.decision_number if recognition else "",
            recognition.decision_date if recognition else None,
            plain_text(initiative.description),
            plain_text(initiative.results),
            initiative.address,
            *(getattr(initiative, name) for name in INDICATORS),
        ]


def commendation_rows(actor) -> Iterator[list]:
    honorees = (
        Honoree.objects.filter(commendation__issuing_unit_id__in=visible_unit_ids(actor))
        .select_related(
            "commendation__issuing_unit", "commendation__award_form", "commendation__phase", "unit"
        )
        .prefetch_related("initiatives")
        .order_by("commendation__date", "commendation__number", "kind", "order", "pk")
    )
    for honoree in honorees[:MAX_ROWS]:
        decision = honoree.commendation
        yield [
            decision.number,
            decision.date,
            decision.issuing_unit.code,
            decision.award_form.name,
            commendations.AUTHORITIES.label(decision.authority),
            decision.phase.code if decision.phase else "",
            commendations.HONOREE_KINDS.label(honoree.kind),
            honoree.name,
            honoree.position,
            honoree.unit.code,
            ", ".join(sorted(i.code for i in honoree.initiatives.all())),
        ]


def export_rows(kind: str, actor) -> Iterator[list]:
    return {
        ImportKind.UNITS: unit_rows,
        ImportKind.INITIATIVES: initiative_rows,
        ImportKind.COMMENDATIONS: commendation_rows,
    }[kind](actor)
