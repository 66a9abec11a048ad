"""The breakdown rows of a scope, for the statistics service (`reports.figures`): which row each unit counts in.

The scope of a unit is its subtree plus its predecessors through merges (`units.selectors.scope_paths`). Its
units (not records) are placed in rows here: each child of the unit, each unit merged straight into it from
elsewhere in the tree, and the "trực thuộc" row of its own records. A unit under a child's path counts in that
child's row, a predecessor from elsewhere in the row of the unit it merged into: every unit is in exactly one row,
so child rows add up to the parent and nothing counts twice. SQL then groups records by the first path step below
the unit (`_Partition.keys`), and by unit only for the few units outside its path.
"""

from dataclasses import dataclass

from django.db.models import BigIntegerField, Case, F, Q, When
from django.db.models.functions import Substr

from dvk.reports.figureset import OWN_ROW
from dvk.units.models import Unit
from dvk.units.selectors import scope_paths, subtree_filter


def _scope_units(scope: frozenset[int]) -> dict[int, Unit]:
    units = Unit.objects.filter(pk__in=scope).only("pk", "path", "depth", "code", "name", "merged_into_id")
    return {u.pk: u for u in units}


def _units_for_rows(unit: Unit, outside_paths: list[str]) -> dict[int, Unit]:
    """The units that decide the rows, not every unit of the scope: the unit, its children, the subtrees outside
    its path (predecessors from elsewhere) and the units of its path those merged into. A unit under a child's path
    needs no lookup: SQL places it by its path."""
    fields = ("pk", "path", "depth", "code", "name", "merged_into_id")
    near = Q(pk=unit.pk) | Q(path__startswith=unit.path, depth=unit.depth + 1) | subtree_filter(outside_paths)
    units = {u.pk: u for u in Unit.objects.filter(near).only(*fields)}
    targets = {u.merged_into_id for u in units.values()} - set(units) - {None}
    in_scope = Unit.objects.filter(pk__in=targets, path__startswith=unit.path)  # the others: not in the scope
    units.update((u.pk, u) for u in in_scope.only(*fields))
    return units


def row_units(unit: Unit, scope: frozenset[int]) -> tuple[list[Unit], dict[int, int | str]]:
    """The breakdown rows of `unit` (its children, then the units merged straight into it from elsewhere) and,
    for every unit of `scope`, the row it counts in: a head's pk, or OWN_ROW for the "trực thuộc" row. The
    statistics service uses `Partition`, which reads only the units that decide rows and must agree with this
    (tests/reports/test_figures.py)."""
    return _rows(unit, _scope_units(scope))


def _rows(unit: Unit, units: dict[int, Unit]) -> tuple[list[Unit], dict[int, int | str]]:
    """Walks units, never records: a unit under the scope unit's path counts in the child on its path; a unit
    outside it (a predecessor from elsewhere, or a unit under one) follows its merge link, else its nearest
    ancestor in the scope, until it reaches a unit whose row is known."""
    by_path = {u.path: u for u in units.values()}
    prefix, key_length = unit.path, len(unit.path) + Unit.steplen
    children = [u for u in units.values() if u.depth == unit.depth + 1 and u.path.startswith(prefix)]
    merged = [u for u in units.values() if u.merged_into_id == unit.pk and not u.path.startswith(prefix)]
    heads = sorted(children, key=lambda u: u.path) + sorted(merged, key=lambda u: u.path)
    assignment: dict[int, int | str] = {unit.pk: OWN_ROW, **{h.pk: h.pk for h in heads}}

    def known(u: Unit) -> int | str | None:
        if u.pk in assignment:
            return assignment[u.pk]
        return by_path[u.path[:key_length]].pk if u.path.startswith(prefix) else None

    def next_of(u: Unit) -> Unit | None:
        if u.merged_into_id in units:
            return units[u.merged_into_id]
        ancestors = (by_path.get(u.path[:end]) for end in range(len(u.path) - Unit.steplen, 0, -Unit.steplen))
        return next((a for a in ancestors if a is not None), None)

    for start in units.values():
        chain, row = [start], known(start)
        while row is None:
            following = next_of(chain[-1])
            if following is None or following in chain:
                break
            chain.append(following)
            row = known(following)
        for u in chain:
            assignment.setdefault(u.pk, OWN_ROW if row is None else row)
    return heads, assignment


@dataclass
class Partition:
    """The scope as SQL sees it (the paths of its few subtrees) and the row of a group (by the first path step
    below the unit, or by the unit itself for the few units outside the unit's path)."""

    unit: Unit
    heads: list[Unit]
    assignment: dict[int, int | str]
    outside: list[int]
    head_by_path: dict[str, int]
    paths: list[str]

    @classmethod
    def of(cls, unit: Unit) -> "Partition":
        paths = scope_paths([unit.pk])
        units = _units_for_rows(unit, [p for p in paths if not p.startswith(unit.path)])
        heads, assignment = _rows(unit, units)
        outside = sorted(pk for pk, u in units.items() if not u.path.startswith(unit.path))
        head_by_path = {h.path: h.pk for h in heads if h.path.startswith(unit.path)}
        return cls(unit, heads, assignment, outside, head_by_path, paths)

    def scope(self, prefix: str) -> Q:
        """Records whose unit (reached through `prefix`, e.g. "initiative__unit__") is in the scope."""
        return subtree_filter(self.paths, prefix)

    def keys(self, prefix: str) -> dict:
        """Group-by expressions that place a record in its row: the first path step below the scope unit, and
        the unit itself when it lies outside the unit's path."""
        keys = {"row_path": Substr(f"{prefix}path", 1, len(self.unit.path) + Unit.steplen)}
        if self.outside:
            keys["row_unit"] = Case(
                When(**{f"{prefix}id__in": self.outside}, then=F(f"{prefix}id")),
                output_field=BigIntegerField(),
            )
        return keys

    def row_of(self, group: dict) -> int | str:
        if group.get("row_unit") is not None:
            return self.assignment[group["row_unit"]]
        return self.head_by_path.get(group["row_path"], OWN_ROW)
