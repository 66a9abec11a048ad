"""The plain data the statistics service returns (DESIGN §5): totals split by kind, breakdown rows by child unit,
sector and year, and the fixed JSON form other systems rely on. Computed only by `reports.figures`."""

from dataclasses import asdict, dataclass, field

from dvk.initiatives.enums import InitiativeKind

KINDS = (InitiativeKind.COLLECTIVE.value, InitiativeKind.INDIVIDUAL.value)
MEASURES = ("registrations", "recognized", "new_initiatives", "exemplary")
OWN_ROW = "own"  # the "trực thuộc" row: the scope unit's own records


@dataclass
class ByKind:
    total: int = 0
    collective: int = 0
    individual: int = 0

    def add(self, kind: str, n: int) -> None:
        self.total += n
        setattr(self, kind, getattr(self, kind) + n)


def _zero_by_kind() -> dict[str, dict[str, int]]:
    return {k: dict.fromkeys(MEASURES, 0) for k in KINDS}


@dataclass
class Row:
    """One line of a breakdown (a sector, a child unit, a year or a unit × sector cell)."""

    registrations: int = 0
    recognized: int = 0
    new_initiatives: int = 0
    exemplary: int = 0
    by_kind: dict[str, dict[str, int]] = field(default_factory=_zero_by_kind)

    def add(self, kind: str, measure: str, n: int) -> None:
        setattr(self, measure, getattr(self, measure) + n)
        self.by_kind[kind][measure] += n


@dataclass
class UnitRow(Row):
    unit_id: int | None = None
    code: str = ""
    name: str = ""
    is_own: bool = False
    # The row split by sector (sector id → its figures): the biểu thống kê's child unit × sector × kind.
    by_sector: dict[int, Row] = field(default_factory=dict)


@dataclass
class SectorRow(Row):
    sector_id: int | None = None
    name: str = ""


@dataclass
class YearRow(Row):
    year: int = 0


@dataclass
class FigureSet:
    unit_id: int
    unit_code: str
    unit_name: str
    start_year: int
    end_year: int
    phase_id: int | None
    phase_code: str | None
    registrations: int = 0
    new_initiatives: ByKind = field(default_factory=ByKind)
    recognized: ByKind = field(default_factory=ByKind)
    recognitions: int = 0
    exemplary: ByKind = field(default_factory=ByKind)
    cumulative_initiatives: ByKind = field(default_factory=ByKind)
    active_initiatives: ByKind = field(default_factory=ByKind)
    commended: ByKind = field(default_factory=ByKind)
    by_sector: list[SectorRow] = field(default_factory=list)
    by_unit: list[UnitRow] = field(default_factory=list)
    by_year: list[YearRow] = field(default_factory=list)

    def as_json(self) -> dict:
        """The machine-readable form of DESIGN §5 (keys fixed for other systems)."""

        def line(row: Row) -> dict:
            return {m: getattr(row, m) for m in ("registrations", "recognized", "new_initiatives")}

        return {
            "unit": {"code": self.unit_code, "name": self.unit_name},
            "phase": {
                "code": self.phase_code or f"{self.start_year}-{self.end_year}",
                "start_year": self.start_year,
                "end_year": self.end_year,
            },
            "registrations": self.registrations,
            "new_initiatives": asdict(self.new_initiatives),
            "recognized": asdict(self.recognized),
            "recognitions": self.recognitions,
            "exemplary": asdict(self.exemplary),
            "cumulative_initiatives": asdict(self.cumulative_initiatives),
            "active_initiatives": asdict(self.active_initiatives),
            "commended": asdict(self.commended),
            "by_sector": [{"sector": r.name, **line(r)} for r in self.by_sector],
            "by_unit": [{"unit": {"code": r.code, "name": r.name}, **line(r)} for r in self.by_unit],
            "by_year": [{"year": r.year, **line(r)} for r in self.by_year],
        }
