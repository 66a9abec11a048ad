"""Comparing the initiatives register with what DVK holds: which initiatives and registrations are new, which
changed (and in which fields), which are unchanged; and the scope checks that need the database."""

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from dvk.campaigns.models import Phase
from dvk.evaluations.models import Recognition
from dvk.imports.kinds.base import CHANGED, INVALID, NEW, UNCHANGED, WriteContext
from dvk.imports.kinds.initiatives import (
    EXEMPLARY,
    NOT_RECOGNISED,
    RESULTS,
    Entry,
    InitiativeRows,
    plain_text,
)
from dvk.imports.matching import key
from dvk.initiatives.enums import Status
from dvk.initiatives.models import Initiative, Registration
from dvk.initiatives.richtext import clean_multiline, sanitize_rich_text
from dvk.initiatives.rollups import YearFacts, rollups_of

CHUNK = 2000
_RICH = {"description"}
_MULTILINE = {"results"}


def chunks(items: list, size: int = CHUNK):
    for start in range(0, len(items), size):
        yield items[start : start + size]


@dataclass
class NewRegistration:
    registration: Registration
    initiative: Initiative
    recognition: Recognition | None


@dataclass
class InitiativeWrites:
    new_initiatives: list[Initiative] = field(default_factory=list)
    initiative_changes: list[tuple[Initiative, dict]] = field(default_factory=list)
    new_registrations: list[NewRegistration] = field(default_factory=list)
    registration_changes: list[tuple[Registration, dict]] = field(default_factory=list)
    new_recognitions: list[Recognition] = field(default_factory=list)
    recognition_changes: list[tuple[Recognition, dict]] = field(default_factory=list)


class PhaseFinder:
    """The phase applying to a unit in a year: launched by the unit or its nearest ancestor that launched one
    covering the year (the rule of `campaigns.selectors.phase_for_year`), from one query."""

    def __init__(self):
        self.phases = list(Phase.objects.values_list("pk", "start_year", "end_year", "launched_by__path"))
        self.memo: dict[tuple[str, int], int | None] = {}

    def find(self, path: str, year: int) -> int | None:
        if (path, year) not in self.memo:
            matching = [p for p in self.phases if path.startswith(p[3]) and p[1] <= year <= p[2]]
            best = max(matching, key=lambda p: (len(p[3]), p[1]), default=None)
            self.memo[(path, year)] = best[0] if best else None
        return self.memo[(path, year)]


class CodeMaker:
    """Codes for new initiatives left without one: `<unit code>-<first year>-0001`, after the highest taken."""

    def __init__(self, taken: set[str]):
        self.taken = taken
        self.next: dict[str, int] = {}

    def make(self, unit_code: str, unit_pk: int, year: int) -> str:
        prefix = f"{unit_code}-{year}-"
        if len(prefix) + 4 > 40:
            prefix = f"U{unit_pk}-{year}-"
        if prefix not in self.next:
            codes = Initiative.objects.filter(code__startswith=prefix).values_list("code", flat=True)
            numbers = [int(code[len(prefix) :]) for code in codes if code[len(prefix) :].isdigit()]
            self.next[prefix] = max(numbers, default=0) + 1
        while True:
            code = f"{prefix}{self.next[prefix]:04d}"
            self.next[prefix] += 1
            if code.casefold() not in self.taken:
                self.taken.add(code.casefold())
                return code


def _recognition_values(result: str, given: dict[str, Any]) -> dict[str, Any]:
    recognised = result != NOT_RECOGNISED
    exemplary = result == EXEMPLARY
    return {"recognised": recognised, "is_exemplary": exemplary, **given}


def _classification(result: str) -> str:
    return "" if result == NOT_RECOGNISED else RESULTS.label(result)


def _status_for(result: str | None) -> str:
    if result is None:
        return Status.ACCEPTED
    return Status.NOT_RECOGNISED if result == NOT_RECOGNISED else Status.RECOGNISED


def set_rollups(initiative: Initiative, items: list[NewRegistration]) -> None:
    """The roll-ups of a new initiative, all of whose registrations this import writes, by the rule of
    `initiatives.rollups` (a test checks that `stale_rollups` finds nothing afterwards), computed here because
    refreshing thousands of new initiatives through SQL took longer than the rest of the import."""
    facts = [
        YearFacts(
            year=item.registration.year,
            status=item.registration.status,
            outcome=item.registration.outcome,
            unit_id=item.registration.unit_id,
            exemplary=bool(item.recognition and item.recognition.is_exemplary),
        )
        for item in items
    ]
    rollups_of(initiative.unit_id, facts).apply(initiative)


def _existing_recognition(registration: Registration | None) -> Recognition | None:
    try:
        return registration.recognition if registration is not None else None
    except Recognition.DoesNotExist:
        return None


class InitiativeImporter(InitiativeRows):
    """The initiatives import: rows (InitiativeRows), comparison (here) and writes (initiatives_write)."""

    def resolve(self) -> None:
        groups: dict[Any, list[Entry]] = defaultdict(list)
        for entry in self.entries:
            groups[entry.group].append(entry)
        existing = self.find_existing(groups)
        self.check_scope(groups, existing)
        registrations = self.load_registrations(existing.values())
        self.check_results(registrations, existing)
        writes = InitiativeWrites()
        self.phases = PhaseFinder()
        self.codes = CodeMaker({group for group in groups if isinstance(group, str)})
        for group, entries in groups.items():
            entries = [e for e in entries if (e.row.sheet, e.row.number) not in self.invalid]
            if entries:
                self.plan_group(entries, existing.get(group), registrations, writes)
        self.plan.outcomes[INVALID] = len(self.invalid)
        self.plan.writes = writes

    # --- finding what exists -------------------------------------------------------------------------------

    def find_existing(self, groups: dict[Any, list[Entry]]) -> dict[Any, Initiative]:
        codes = [entries[0].code for group, entries in groups.items() if isinstance(group, str)]
        by_code: dict[str, int] = {}
        for chunk in chunks(codes):
            by_code |= {
                c.casefold(): pk
                for pk, c in Initiative.objects.filter(code__in=chunk).values_list("pk", "code")
            }
        found: dict[Any, int] = {group: by_code[group] for group in groups if group in by_code}
        rest = {group: entries for group, entries in groups.items() if group not in found}
        if rest:
            found |= self.find_in_units(rest)
        objects: dict[int, Initiative] = {}
        for chunk in chunks(sorted(set(found.values()))):
            objects |= Initiative.objects.in_bulk(chunk)
        return {group: objects[pk] for group, pk in found.items()}

    def find_in_units(self, groups: dict[Any, list[Entry]]) -> dict[Any, int]:
        """Initiatives of the rows' units found by a code written in other letter case, or (rows without a
        code) by unit, kind, name and person."""
        unit_ids = sorted({entry.unit.pk for entries in groups.values() for entry in entries})
        by_code, by_natural = {}, defaultdict(list)
        for chunk in chunks(unit_ids):
            rows = Initiative.objects.filter(unit_id__in=chunk).values_list(
                "pk", "code", "unit_id", "kind", "name", "person_name"
            )
            for pk, code, unit_id, kind, name, person in rows:
                by_code[code.casefold()] = pk
                by_natural[(unit_id, kind, key(name), key(person))].append(pk)
        found = {}
        for group, entries in groups.items():
            if isinstance(group, str):
                if group in by_code:
                    found[group] = by_code[group]
                continue
            matches = by_natural.get(entries[0].natural_key, [])
            if len(matches) > 1:
                for entry in entries:
                    self.reject(
                        entry,
                        "code",
                        f"Đơn vị đã có {len(matches)} mô hình cùng tên “{entry.fields['name']}”: hãy ghi mã mô hình.",
                    )
            elif matches:
                found[group] = matches[0]
        return found

    def check_scope(self, groups: dict[Any, list[Entry]], existing: dict[Any, Initiative]) -> None:
        for group, initiative in existing.items():
            unit = self.directory.by_pk.get(initiative.unit_id)
            if unit is not None and self.directory.can_manage(unit):
                continue
            for entry in groups[group]:
                self.reject(
                    entry,
                    "code",
                    f"Mã mô hình “{initiative.code}” là của một mô hình thuộc đơn vị ngoài phạm vi bạn quản lý.",
                )

    def load_registrations(self, initiatives) -> dict[tuple[int, int], Registration]:
        ids = sorted(initiative.pk for initiative in initiatives)
        found = {}
        for chunk in chunks(ids):
            for registration in Registration.objects.filter(initiative_id__in=chunk).select_related(
                "recognition"
            ):
                found[(registration.initiative_id, registration.year)] = registration
        return found

    def check_results(self, registrations, existing: dict[Any, Initiative]) -> None:
        for entry in self.entries:
            initiative = existing.get(entry.group)
            registration = registrations.get((initiative.pk, entry.year)) if initiative else None
            if registration is not None:
                unit = self.directory.by_pk.get(registration.unit_id)
                if unit is None or not self.directory.can_manage(unit):
                    self.reject(
                        entry, "year", "Lượt đăng ký năm này thuộc một đơn vị ngoài phạm vi bạn quản lý."
                    )
                    continue
            if entry.recognition and not entry.result and _existing_recognition(registration) is None:
                self.reject(
                    entry,
                    "result",
                    "Đã ghi cấp, số hoặc ngày quyết định công nhận nhưng chưa ghi kết quả "
                    f"({', '.join(RESULTS.labels.values())}).",
                )

    # --- planning the writes ------------------------------------------------------------------------------

    def plan_group(self, entries: list[Entry], initiative: Initiative | None, registrations, writes) -> None:
        latest = max(reversed(entries), key=lambda entry: entry.year)  # the last of the latest year's rows
        initiative_changed = False
        if initiative is None:
            initiative = self.new_initiative(latest, min(e.year for e in entries))
            writes.new_initiatives.append(initiative)
        else:
            changes = self.initiative_changes(initiative, latest)
            registered = registrations.get((initiative.pk, latest.year))
            if registered is not None and registered.unit_id == latest.unit.pk:
                changes.pop("unit_id", None)  # the row names the unit that registered that year
            if changes:
                writes.initiative_changes.append((initiative, changes))
                initiative_changed = True
        planned = len(writes.new_registrations)
        for entry in entries:
            registration = registrations.get((initiative.pk, entry.year)) if initiative.pk else None
            outcome = self.plan_registration(entry, initiative, registration, writes)
            if outcome == UNCHANGED and entry is latest and initiative_changed:
                outcome = CHANGED
            self.plan.outcomes[outcome] += 1
        if initiative.pk is None:
            set_rollups(initiative, writes.new_registrations[planned:])

    def stored(self, name: str, value: Any) -> Any:
        if name in _RICH:
            return sanitize_rich_text(value)
        if name in _MULTILINE:
            return clean_multiline(value)
        return value

    def new_initiative(self, entry: Entry, first_year: int) -> Initiative:
        code = entry.code or self.codes.make(entry.unit.code, entry.unit.pk, first_year)
        values = {name: self.stored(name, value) for name, value in entry.fields.items()}
        initiative = Initiative(code=code, unit_id=entry.unit.pk, created_by=self.actor, **values)
        initiative.search_text = initiative.folded_text()
        return initiative

    def initiative_changes(self, initiative: Initiative, entry: Entry) -> dict[str, tuple[Any, Any]]:
        changes = {}
        for name, value in entry.fields.items():
            old = getattr(initiative, name)
            same = plain_text(old) == plain_text(value) if name in _RICH | _MULTILINE else old == value
            if not same:
                changes[name] = (old, self.stored(name, value))
        if initiative.unit_id != entry.unit.pk:
            changes["unit_id"] = (initiative.unit_id, entry.unit.pk)
        return changes

    def plan_registration(self, entry: Entry, initiative, registration, writes: InitiativeWrites) -> str:
        now = timezone.now()
        if registration is None:
            registration = Registration(
                unit_id=entry.unit.pk,
                year=entry.year,
                phase_id=self.phases.find(entry.unit.path, entry.year),
                status=_status_for(entry.result),
                status_changed_at=now,
                created_by=self.actor,
            )
            recognition = self.new_recognition(entry) if entry.result else None
            writes.new_registrations.append(NewRegistration(registration, initiative, recognition))
            return NEW
        changed = False
        if entry.result and registration.status != _status_for(entry.result):
            writes.registration_changes.append(
                (registration, {"status": (registration.status, _status_for(entry.result))})
            )
            changed = True
        current = _existing_recognition(registration)
        wanted = (
            _recognition_values(entry.result, entry.recognition) if entry.result else dict(entry.recognition)
        )
        if current is None and entry.result:
            recognition = self.new_recognition(entry)
            recognition.registration = registration
            writes.new_recognitions.append(recognition)
            return CHANGED
        if current is not None:
            changes = {
                name: (getattr(current, name), value)
                for name, value in wanted.items()
                if getattr(current, name) != value
            }
            if "recognised" in changes or "is_exemplary" in changes:
                changes["classification_name"] = (current.classification_name, _classification(entry.result))
            if changes:
                writes.recognition_changes.append((current, changes))
                changed = True
        return CHANGED if changed else UNCHANGED

    def new_recognition(self, entry: Entry) -> Recognition:
        values = _recognition_values(entry.result, entry.recognition)
        return Recognition(
            classification_name=_classification(entry.result),
            recorded_by=self.actor,
            **values,
        )

    def write(self, plan, *, context: WriteContext) -> None:
        from dvk.imports.kinds.initiatives_write import write_initiatives

        write_initiatives(plan.writes, context)
