"""What the three imports share: problems with their place in the file, one row's cells, the plan an import
makes before writing, and the base class of an import.

An import runs in two steps. `validate(tables)` reads every row, checks it against the catalogues, the unit
tree and the importer's scope, compares it with what DVK holds and returns a `Plan`: the problems, each row's
outcome (new, changed, unchanged, invalid, duplicate) and the writes to make. Nothing is written. `write(plan)`
then makes exactly those writes; the service runs it in one transaction.
"""

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from dvk.imports import values
from dvk.imports.reading import Column, Table

NEW, CHANGED, UNCHANGED, INVALID, DUPLICATE = "new", "changed", "unchanged", "invalid", "duplicates"


@dataclass(frozen=True)
class Problem:
    sheet: str
    row: int | None
    column: str  # "E (Năm)", or "" for the whole row or file
    message: str
    suggestion: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "message": self.message,
            "suggestion": self.suggestion,
        }

    def sentence(self) -> str:
        place = [f"Trang tính “{self.sheet}”"] if self.sheet else []
        if self.row:
            place.append(f"dòng {self.row}")
        if self.column:
            place.append(f"cột {self.column}")
        return f"{', '.join(place)}: {self.message}" if place else self.message


@dataclass
class Plan:
    """What an import found and would write. `writes` is the import's own description of its writes."""

    rows: int = 0
    problems: list[Problem] = field(default_factory=list)
    outcomes: Counter = field(default_factory=Counter)
    ignored_columns: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    writes: Any = None

    def counts(self) -> dict[str, int]:
        return {
            "rows": self.rows,
            **{k: self.outcomes.get(k, 0) for k in (NEW, CHANGED, UNCHANGED, INVALID, DUPLICATE)},
        }

    @property
    def has_writes(self) -> bool:
        return bool(self.outcomes.get(NEW) or self.outcomes.get(CHANGED))


class Row:
    """One data row: its cells by field, read with the parsers of `values`; a cell that cannot be read is
    recorded as a problem of this row (sheet, row number, column letter and header)."""

    def __init__(self, table: Table, number: int, cells: tuple, columns: dict[str, Column], problems: list):
        self.table = table
        self.number = number
        self.cells = cells
        self.columns = columns
        self._problems = problems
        self.errors = 0

    @property
    def sheet(self) -> str:
        return self.table.sheet

    @property
    def place(self) -> str:
        return f"dòng {self.number} (trang tính “{self.sheet}”)"

    def has(self, name: str) -> bool:
        return name in self.table.positions

    def raw(self, name: str) -> Any:
        index = self.table.positions.get(name)
        return None if index is None else self.cells[index]

    def given(self, name: str) -> bool:
        return not values.is_blank(self.raw(name))

    def column_label(self, name: str) -> str:
        letter = self.table.letters.get(name, "")
        header = self.columns[name].header if name in self.columns else name
        return f"{letter} ({header})" if letter else header

    def error(self, name: str | None, message: str, suggestion: str = "") -> None:
        self.errors += 1
        column = self.column_label(name) if name else ""
        self._problems.append(Problem(self.sheet, self.number, column, message, suggestion))

    def read(self, name: str, parser: Callable[..., Any] = values.text, **options: Any) -> Any:
        """The cell parsed, or None (blank, or unreadable: then a problem is recorded)."""
        index = self.table.positions.get(name)
        if index is None:
            return None
        raw = self.cells[index]
        if raw is None or raw == "" or (isinstance(raw, str) and raw.isspace()):
            return None
        try:
            return parser(raw, **options)
        except values.CellError as error:
            self.error(name, error.message)
            return None

    def required(self, name: str, parser: Callable[..., Any] = values.text, **options: Any) -> Any:
        value = self.read(name, parser, **options)
        if value is None and not self.given(name):
            self.error(name, f"Chưa ghi {self.columns[name].header.lower()}.")
        return value

    def text(self, name: str, max_length: int) -> str:
        value = self.read(name) or ""
        if len(value) > max_length:
            self.error(name, f"Nội dung dài {len(value)} ký tự, quá giới hạn {max_length} ký tự.")
            return value[:max_length]
        return value


class Importer:
    """Base of the three imports. Subclasses give `kind`, `columns`, `check_row` and `write`."""

    kind = ""
    columns: tuple[Column, ...] = ()
    PROGRESS_EVERY = 500

    def __init__(self, actor):
        self.actor = actor
        self.plan = Plan()
        self.by_field = {column.field: column for column in self.columns}
        self.on_progress: Callable[[int, int], None] | None = None

    def validate(self, tables: list[Table]) -> Plan:
        total = sum(len(table.rows) for table in tables) + 1
        for table in tables:
            self.plan.ignored_columns += [f"{name} — trang tính “{table.sheet}”" for name in table.ignored]
            for number, cells in table.rows:
                self.plan.rows += 1
                self.check_row(Row(table, number, cells, self.by_field, self.plan.problems))
                if self.on_progress is not None and self.plan.rows % self.PROGRESS_EVERY == 0:
                    self.on_progress(self.plan.rows, total)
        self.resolve()
        self.plan.problems.sort(key=lambda p: (p.sheet, p.row or 0))
        return self.plan

    def check_row(self, row: Row) -> None:
        raise NotImplementedError

    def resolve(self) -> None:
        """Cross-row work after every row was read: compare with the database, decide outcomes."""

    def write(self, plan: Plan, *, context: "WriteContext") -> None:
        raise NotImplementedError


@dataclass
class WriteContext:
    """What a write needs besides the plan: the acting user, the run (for the audit comment) and a callback
    reporting progress as (done, total)."""

    actor: Any
    run_id: int | None
    file_name: str
    progress: Callable[[int, int], None]

    @property
    def comment(self) -> str:
        number = f" (lần nhập số {self.run_id})" if self.run_id else ""
        return f"Nhập từ tệp “{self.file_name}”{number}."
