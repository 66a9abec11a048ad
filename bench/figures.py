"""Benchmark of the statistics service (issue 4, item 10) on PostgreSQL. Not a test.

Generates two synthetic movements next to each other in one database, once (a later run finds them and reuses
them), then prints for each the time of `compute_figures` on its root unit, the time of one hand-written SQL
GROUP BY over the same registrations, their ratio, the time of every registered exporter, and the machine:

- a province: ≈ 50,000 registrations over ≈ 340 units (12 old districts of 20 communes each, merged in 2025
  into 80 new communes directly under the province, 3 agencies);
- a nation: ≈ 1,000,000 registrations over ≈ 3,600 units (34 provinces of the same shape, smaller).

    .venv/bin/python bench/figures.py [--repeat 5] [--only province|nation] [--exports none|province|all]
                                      [--rebuild]

DVK_DATABASE_URL chooses the database (default postgresql://root@127.0.0.1:5432/dvk_bench; created when missing).
Rows are written with COPY and explicit ids, unit paths computed as treebeard would, initiative roll-ups computed
as `refresh_initiative_rollups` defines them (checked by one aggregate query after loading).
"""

import argparse
import os
import random
import statistics
import sys
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DVK_DATABASE_URL", "postgresql://root@127.0.0.1:5432/dvk_bench")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

FIRST_YEAR, LAST_OLD_YEAR, NEW_YEAR = 2009, 2024, 2025
PHASE = (2020, 2022)
OLD_STATUSES = {"recognised": 66, "not_recognised": 16, "accepted": 12, "withdrawn": 3, "returned": 3}
NEW_STATUSES = {"draft": 15, "submitted": 20, "returned": 5, "accepted": 30, "self_assessed": 10}
NEW_STATUSES |= {"under_review": 15, "withdrawn": 5}
UNCOUNTED = {"draft", "withdrawn"}
DURATIONS = [1, 2, 2, 3, 3, 4, 5, 6, 8]
ROLLUP_FIELDS = [  # initiatives.rollups.FIELDS, in order (this module imports Django only once configured)
    "first_year", "last_year", "stopped_year", "first_recognised_year",
    "registered_years", "recognised_years", "exemplary_years", "elsewhere_unit_id", "elsewhere_years",
    "registered_by_many",
]  # fmt: skip
COPIED = {  # the columns each generated tuple holds, in order; COPY gives the others their defaults
    "Unit": "id path depth numchild code name kind valid_from valid_to merged_into_id",
    "Initiative": "id code name kind sector_id unit_id " + " ".join(ROLLUP_FIELDS),
    "Registration": "id initiative_id unit_id year status outcome phase_id",
    "Recognition": "id registration_id recognised is_exemplary level decision_date",
    "Commendation": "id number date issuing_unit_id award_form_id authority phase_id",
    "Honoree": "id commendation_id kind name name_key unit_id order",
}
SEEDS = {"province": 4, "nation": 5}
# Of an old commune's initiatives running in 2024: the share its new commune continues in 2025, and of those the
# share with one earlier year registered by yet another unit.
TAKEN_OVER, BY_MANY = 0.3, 0.02


@dataclass(frozen=True)
class Spec:
    key: str
    code: str
    name: str
    provinces: int  # 0: the root itself is the province
    districts: int
    communes: int
    agencies: int
    registrations: int


SPECS = {
    "province": Spec("province", "BENCH-P", "Tỉnh thử nghiệm", 0, 12, 20, 3, 50_000),
    "nation": Spec("nation", "BENCH-N", "Toàn quốc (thử nghiệm)", 34, 8, 9, 2, 1_000_000),
}


def ensure_database(url: str) -> None:
    import psycopg

    parts = urlparse(url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
            print(f"created database {name}")


def machine() -> str:
    cpuinfo = Path("/proc/cpuinfo").read_text()
    model = next(ln.split(":", 1)[1].strip() for ln in cpuinfo.splitlines() if ln.startswith("model name"))
    meminfo = Path("/proc/meminfo").read_text().splitlines()
    ram_kb = int(next(ln.split()[1] for ln in meminfo if ln.startswith("MemTotal")))
    return f"{model}, {os.cpu_count()} cores, {ram_kb / 1024 / 1024:.1f} GiB RAM"


# --- writing rows with COPY ---------------------------------------------------------------------------------


def _text(value) -> str:
    if value is None:
        return "\\N"
    if value is True or value is False:
        return "t" if value else "f"
    return str(value)


def _default(field, now):
    if field.name in ("created_at", "updated_at"):
        return now
    if field.has_default():
        value = field.get_default()
        return "{}" if isinstance(value, dict) else value
    if field.null:
        return None
    if field.get_internal_type() in ("CharField", "TextField", "SlugField"):
        return ""
    raise ValueError(f"no value for {field.model.__name__}.{field.name}")


def copy_rows(model, columns: list[str], rows) -> int:
    """COPY `rows` (tuples of `columns`, attnames) into the model's table; other columns get their defaults."""
    from django.db import connection
    from django.utils import timezone

    now = timezone.now()
    fields = {f.attname: f for f in model._meta.concrete_fields}
    rest = [f for name, f in fields.items() if name not in columns]
    all_columns = ", ".join(f'"{fields[c].column}"' for c in columns) + "".join(
        f', "{f.column}"' for f in rest
    )
    tail = "".join("\t" + _text(_default(f, now)) for f in rest) + "\n"
    count = 0
    with (
        connection.cursor() as cursor,
        cursor.copy(f'COPY "{model._meta.db_table}" ({all_columns}) FROM STDIN') as copy,
    ):
        chunk = []
        for row in rows:
            chunk.append("\t".join(map(_text, row)) + tail)
            count += 1
            if len(chunk) == 20_000:
                copy.write("".join(chunk))
                chunk = []
        copy.write("".join(chunk))
    return count


def next_id(cursor, table: str) -> int:
    cursor.execute(f'SELECT COALESCE(MAX(id), 0) + 1 FROM "{table}"')
    return cursor.fetchone()[0]


def reset_sequences(models) -> None:
    from django.core.management.color import no_style
    from django.db import connection

    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(sql)


# --- the synthetic tree ----------------------------------------------------------------------------------------


class Tree:
    """Unit rows with treebeard paths computed directly (4 characters a level)."""

    COLUMNS = COPIED["Unit"].split()

    def __init__(self, first_id: int, root_step: int):
        self.rows: list[dict] = []
        self.next_id = first_id
        self.root_step = root_step

    def add(self, parent: dict | None, code: str, name: str, kind: str, **extra) -> dict:
        from dvk.units.models import Unit

        if parent is None:
            path, depth = Unit._get_path(None, 1, self.root_step), 1
        else:
            parent["numchild"] += 1
            depth = parent["depth"] + 1
            path = Unit._get_path(parent["path"], depth, parent["numchild"])
        row = {"id": self.next_id, "path": path, "depth": depth, "numchild": 0, "code": code, "name": name}
        row.update({"kind": kind, "valid_from": None, "valid_to": None, "merged_into_id": None, **extra})
        self.next_id += 1
        self.rows.append(row)
        return row


def build_province(tree: Tree, parent: dict | None, spec: Spec, prefix: str, holders: list) -> dict:
    """A province: old districts of old communes (until 2025), the new communes they merged into, agencies.
    `holders` receives (unit id, weight, era, successor) for every unit that registers initiatives."""
    province = tree.add(parent, prefix, f"Tỉnh {prefix}", "province")
    holders.append((province["id"], 1, "old", None))
    new_communes = [
        tree.add(
            province, f"{prefix}-X{n:03d}", f"Xã mới {prefix}-{n}", "commune", valid_from=date(2025, 7, 1)
        )
        for n in range(max(1, spec.districts * spec.communes // 3))
    ]
    old_index = 0
    for d in range(spec.districts):
        district = tree.add(
            province, f"{prefix}-H{d:02d}", f"Huyện {prefix}-{d}", "district", valid_to=date(2025, 6, 30)
        )
        holders.append((district["id"], 2, "old", None))
        for c in range(spec.communes):
            merged = new_communes[min(old_index // 3, len(new_communes) - 1)]
            commune = tree.add(
                district, f"{prefix}-H{d:02d}-{c:02d}", f"Xã {prefix}-{d}-{c}", "commune",
                valid_to=date(2025, 6, 30), merged_into_id=merged["id"],
            )  # fmt: skip
            holders.append((commune["id"], 12, "old", merged["id"]))
            old_index += 1
    for a in range(spec.agencies):
        agency = tree.add(province, f"{prefix}-CQ{a}", f"Cơ quan {prefix}-{a}", "agency")
        holders.append((agency["id"], 3, "old", None))
    holders.extend((n["id"], 6, "new", None) for n in new_communes)
    return province


# --- the synthetic history -------------------------------------------------------------------------------------


def _pick(rng: random.Random, weighted: dict[str, int]) -> str:
    return rng.choices(list(weighted), list(weighted.values()))[0]


def plan_years(rng: random.Random, era: str) -> list[tuple[int, str, str]]:
    """(year, status, outcome) of one initiative: a run of years continued each year and stopped at its end
    (before 2024); a few restart two years after stopping."""
    if era == "new":
        return [(NEW_YEAR, _pick(rng, NEW_STATUSES), "")]
    first = rng.choices(range(FIRST_YEAR, LAST_OLD_YEAR + 1), range(1, LAST_OLD_YEAR - FIRST_YEAR + 2))[0]
    last = min(first + rng.choice(DURATIONS) - 1, LAST_OLD_YEAR)
    runs = [(first, last)]
    if last < LAST_OLD_YEAR - 2 and rng.random() < 0.04:
        runs.append((last + 2, min(last + 2 + rng.choice(DURATIONS), LAST_OLD_YEAR)))
    years = []
    for start, end in runs:
        for year in range(start, end + 1):
            status = _pick(rng, OLD_STATUSES)
            outcome = (
                "" if status in UNCOUNTED else ("stopped" if year == end < LAST_OLD_YEAR else "continued")
            )
            years.append((year, status, outcome))
    return years


def generate_history(rng, spec: Spec, holders, sectors, ids) -> tuple[list, list, list]:
    """Initiatives with their registrations and recognitions. An old commune's initiative still running in 2024
    is, TAKEN_OVER times, continued in 2025 by the new commune the old one merged into, which then owns it: its
    older registrations stay with the old commune (its "elsewhere" unit, as after the 2025 reform). The
    roll-ups are computed by the product's own rule (`initiatives.rollups.rollups_of`)."""
    from dataclasses import astuple

    from dvk.initiatives.rollups import YearFacts, rollups_of

    units = [h[0] for h in holders]
    weights = [h[1] for h in holders]
    eras = {h[0]: h[2] for h in holders}
    successors = {h[0]: h[3] for h in holders if h[3]}
    phase_years = range(PHASE[0], PHASE[1] + 1)
    initiatives, registrations, recognitions = [], [], []
    while len(registrations) < spec.registrations:
        unit = rng.choices(units, weights)[0]
        kind = "collective" if rng.random() < 0.3 else "individual"
        years = [(year, status, outcome, unit) for year, status, outcome in plan_years(rng, eras[unit])]
        owner = unit
        if unit in successors and years[-1][0] == LAST_OLD_YEAR and rng.random() < TAKEN_OVER:
            owner = successors[unit]
            years.append((NEW_YEAR, _pick(rng, NEW_STATUSES), "", owner))
            if rng.random() < BY_MANY:  # one earlier year registered by yet another unit
                index = rng.randrange(len(years) - 1)
                years[index] = (*years[index][:3], rng.choice(units))
        ini = ids["ini"]
        ids["ini"] += 1
        code, name, sector = f"{spec.code}-{ini}", f"Mô hình thử nghiệm {ini}", rng.choice(sectors)
        facts = []
        for year, status, outcome, registering in years:
            reg = ids["reg"]
            ids["reg"] += 1
            registrations.append(
                (reg, ini, registering, year, status, outcome, ids["phase"] if year in phase_years else None)
            )
            exemplary = False
            if status in ("recognised", "not_recognised"):
                recognised = status == "recognised"
                exemplary = recognised and rng.random() < 0.12
                recognitions.append((ids["rec"], reg, recognised, exemplary, "district", date(year, 12, 10)))
                ids["rec"] += 1
            facts.append(YearFacts(year, status, outcome, registering, exemplary))
        initiatives.append((ini, code, name, kind, sector, owner, *astuple(rollups_of(owner, facts))))
    return initiatives, registrations, recognitions


def generate_commendations(rng, tree: Tree, spec: Spec, ids, award_form: int):
    from dvk.core.text import fold

    decisions, honorees = [], []
    districts = [u for u in tree.rows if u["kind"] == "district"]
    for district in districts:
        communes = [u for u in tree.rows if u["path"].startswith(district["path"]) and u["kind"] == "commune"]
        cid = ids["com"]
        ids["com"] += 1
        decisions.append(
            (
                cid,
                f"{cid}/QĐ-UBND",
                date(PHASE[1], 10, 15),
                district["id"],
                award_form,
                "government",
                ids["phase"],
            )
        )
        for n in range(rng.randint(8, 20)):
            kind = "collective" if n % 2 else "individual"
            name = f"{'Tập thể' if kind == 'collective' else 'Ông'} thử nghiệm {n}"
            honorees.append((ids["hon"], cid, kind, name, fold(name), rng.choice(communes)["id"], n))
            ids["hon"] += 1
    return decisions, honorees


def dataset_is_loaded(spec: Spec) -> bool:
    from dvk.initiatives.models import Registration
    from dvk.units.models import Unit

    root = Unit.objects.filter(code=spec.code).first()
    if root is None:
        return False
    count = Registration.objects.filter(unit__path__startswith=root.path).count()
    return count >= spec.registrations


def load(spec: Spec, seed: int) -> None:
    from django.db import connection, transaction

    from dvk.campaigns.models import AwardForm, Phase, Sector
    from dvk.commendations.models import Commendation, Honoree
    from dvk.evaluations.models import Recognition
    from dvk.initiatives.models import Initiative, Registration
    from dvk.units.models import Unit

    started = time.monotonic()
    rng = random.Random(seed)
    with transaction.atomic(), connection.cursor() as cursor:
        tables = {
            "ini": Initiative,
            "reg": Registration,
            "rec": Recognition,
            "com": Commendation,
            "hon": Honoree,
        }
        ids = {key: next_id(cursor, model._meta.db_table) for key, model in tables.items()}
        last_root = Unit.objects.get_last_root_node()
        tree = Tree(
            next_id(cursor, Unit._meta.db_table), Unit._str2int(last_root.path) + 1 if last_root else 1
        )
        holders: list = []
        if spec.provinces:
            root = tree.add(None, spec.code, spec.name, "agency")
            for p in range(spec.provinces):
                build_province(tree, root, spec, f"{spec.code}-{p:02d}", holders)
        else:
            root = build_province(tree, None, spec, spec.code, holders)
            root.update(name=spec.name)
        copy_rows(Unit, Tree.COLUMNS, ([u[c] for c in Tree.COLUMNS] for u in tree.rows))
        reset_sequences([Unit])
        phase = Phase.objects.create(launched_by_id=root["id"], code="2020-2022", name="Giai đoạn 2020 - 2022",
                                     start_year=PHASE[0], end_year=PHASE[1])  # fmt: skip
        ids["phase"] = phase.pk
        sectors = list(Sector.objects.values_list("pk", flat=True))
        initiatives, registrations, recognitions = generate_history(rng, spec, holders, sectors, ids)
        decisions, honorees = generate_commendations(rng, tree, spec, ids, AwardForm.objects.first().pk)
        generated = time.monotonic()
        rows = {Initiative: initiatives, Registration: registrations, Recognition: recognitions}
        rows.update({Commendation: decisions, Honoree: honorees})
        for model, values in rows.items():
            copy_rows(model, COPIED[model.__name__].split(), values)
        reset_sequences(tables.values())
    print(
        f"  {spec.key}: {len(tree.rows):,} units, {len(initiatives):,} initiatives, {len(registrations):,} "
        f"registrations, {len(recognitions):,} recognitions, {len(honorees):,} honorees "
        f"(generated {generated - started:.1f} s, loaded {time.monotonic() - generated:.1f} s)"
    )


def check_rollups(spec: Spec) -> None:
    """The stored roll-ups of the generated initiatives equal what `refresh_initiative_rollups` would write."""
    from django.db import connection

    counted = "r.status NOT IN ('draft', 'withdrawn')"
    bit = "1::bigint << (r.year - 2000)"
    sql = f"""
        SELECT count(*) FROM initiatives_initiative i JOIN units_unit u ON u.id = i.unit_id
        JOIN (SELECT r.initiative_id,
                     min(r.year) FILTER (WHERE {counted}) AS f,
                     max(r.year) FILTER (WHERE {counted}) AS l,
                     min(r.year) FILTER (WHERE {counted} AND r.outcome = 'stopped') AS s,
                     min(r.year) FILTER (WHERE r.status = 'recognised') AS r,
                     coalesce(sum({bit}) FILTER (WHERE {counted}), 0) AS rm,
                     coalesce(sum({bit}) FILTER (WHERE r.status = 'recognised'), 0) AS cm,
                     coalesce(sum({bit}) FILTER (WHERE r.status = 'recognised' AND c.is_exemplary), 0) AS em,
                     count(DISTINCT r.unit_id) FILTER (WHERE {counted} AND r.unit_id <> o.unit_id) AS others,
                     min(r.unit_id) FILTER (WHERE {counted} AND r.unit_id <> o.unit_id) AS eu,
                     coalesce(sum({bit}) FILTER (WHERE {counted} AND r.unit_id <> o.unit_id), 0) AS ey
              FROM initiatives_registration r
              JOIN initiatives_initiative o ON o.id = r.initiative_id
              LEFT JOIN evaluations_recognition c ON c.registration_id = r.id
              GROUP BY r.initiative_id) a ON a.initiative_id = i.id
        WHERE u.path LIKE %s AND (i.first_year IS DISTINCT FROM a.f OR i.last_year IS DISTINCT FROM a.l
              OR i.stopped_year IS DISTINCT FROM a.s OR i.first_recognised_year IS DISTINCT FROM a.r
              OR i.registered_years <> a.rm OR i.recognised_years <> a.cm OR i.exemplary_years <> a.em
              OR i.registered_by_many <> (a.others > 1)
              OR i.elsewhere_unit_id IS DISTINCT FROM (CASE WHEN a.others = 1 THEN a.eu END)
              OR i.elsewhere_years <> (CASE WHEN a.others = 1 THEN a.ey ELSE 0 END))"""
    from dvk.units.models import Unit

    root = Unit.objects.get(code=spec.code)
    with connection.cursor() as cursor:
        cursor.execute(sql, [root.path + "%"])
        wrong = cursor.fetchone()[0]
    assert wrong == 0, f"{wrong} initiatives with wrong roll-ups"


# --- measuring -------------------------------------------------------------------------------------------------

# The baseline: the one GROUP BY a person would write for the biggest part of the figure set, the registrations of
# the scope in the phase's years with their initiatives, by child unit (the first path step below the root),
# sector, kind and year. A second, naive variant groups by unit and returns tens of thousands of rows.
HAND_WRITTEN_SQL = """
    SELECT {key}, i.sector_id, i.kind, r.year, count(*), count(*) FILTER (WHERE r.status = 'recognised')
    FROM initiatives_registration r
    JOIN initiatives_initiative i ON i.id = r.initiative_id
    JOIN units_unit u ON u.id = r.unit_id
    WHERE u.path LIKE %(path)s || '%%' AND r.year BETWEEN %(y1)s AND %(y2)s AND r.status NOT IN ('draft', 'withdrawn')
    GROUP BY 1, 2, 3, 4"""
HAND_WRITTEN = {
    "by child unit": HAND_WRITTEN_SQL.format(key="substr(u.path, 1, length(%(path)s) + 4)"),
    "by unit": HAND_WRITTEN_SQL.format(key="r.unit_id"),
}


def timed(function, repeat: int, *, warm: bool = True) -> float:
    if warm:
        function()  # warm the caches
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def hand_written(sql: str, root, settings: dict) -> list:
    """One GROUP BY, run with the same session settings as the service (a fair comparison)."""
    from django.db import connection, transaction

    with transaction.atomic(), connection.cursor() as cursor:
        for name, value in settings.items():
            cursor.execute("SELECT set_config(%s, %s, true)", [name, value])
        cursor.execute(sql, {"path": root.path, "y1": PHASE[0], "y2": PHASE[1]})
        return cursor.fetchall()


def measure(spec: Spec, repeat: int, exports: bool) -> None:
    """compute_figures and the hand-written GROUP BYs, interleaved so that they share the machine's load; the
    medians of `repeat` runs after one warm-up run each."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from dvk.reports import figures as service
    from dvk.reports.exporters import EXPORTERS

    root = service.find_unit(spec.code)
    phase = service.find_phase(root, "2020-2022")
    figures = service.compute_figures(root, phase=phase)
    runs = {"service": [], "statements": [], **{label: [] for label in HAND_WRITTEN}}
    rows = {
        label: len(hand_written(sql, root, service.POSTGRESQL_SETTINGS))
        for label, sql in HAND_WRITTEN.items()
    }
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as queries:
            runs["service"].append(timed(lambda: service.compute_figures(root, phase=phase), 1, warm=False))
        runs["statements"].append([float(q["time"]) for q in queries.captured_queries])
        for label, sql in HAND_WRITTEN.items():
            runs[label].append(
                timed(lambda sql=sql: hand_written(sql, root, service.POSTGRESQL_SETTINGS), 1, warm=False)
            )
    computed = statistics.median(runs["service"])
    statements = [statistics.median(times) for times in zip(*runs["statements"], strict=True)]
    print(
        f"\n{spec.key} ({spec.code}): {figures.registrations:,} registrations in {PHASE[0]}-{PHASE[1]}, "
        f"{figures.cumulative_initiatives.total:,} initiatives by {PHASE[1]}, {len(figures.by_unit)} rows by unit"
    )
    print(f"  compute_figures (full figure set)            {computed * 1000:8.1f} ms")
    for label in HAND_WRITTEN:
        baseline = statistics.median(runs[label])
        print(
            f"  hand-written GROUP BY {label:<14} {baseline * 1000:8.1f} ms  ratio {computed / baseline:5.2f}"
            f"  ({rows[label]:,} rows)"
        )
    slow = ", ".join(f"{t * 1000:.0f}" for t in statements if t >= 0.005)
    print(f"  {len(statements)} SQL statements; the medians of those over 5 ms, in order: {slow} ms")
    if not exports:
        return
    for name, exporter in sorted(EXPORTERS.items()):
        elapsed = timed(lambda exporter=exporter: exporter(figures), 1, warm=False)
        print(f"  export {name:<28}{elapsed * 1000:8.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--only", choices=sorted(SPECS))
    parser.add_argument("--rebuild", action="store_true", help="drop and recreate the benchmark database")
    parser.add_argument(
        "--exports",
        choices=["none", "province", "all"],
        default="province",
        help="time the registered exporters (once each) on these datasets (default: the province)",
    )
    args = parser.parse_args()
    url = os.environ["DVK_DATABASE_URL"]
    if args.rebuild:
        import psycopg

        name = urlparse(url).path.lstrip("/")
        with psycopg.connect(urlparse(url)._replace(path="/postgres").geturl(), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
    ensure_database(url)

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", interactive=False, verbosity=0)
    specs = [SPECS[args.only]] if args.only else list(SPECS.values())
    print(f"machine: {machine()}")
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        print(f"PostgreSQL {cursor.fetchone()[0]}, database {connection.settings_dict['NAME']}")
    loaded = False
    for spec in specs:
        if not dataset_is_loaded(spec):
            print(f"generating the {spec.key} …")
            load(spec, seed=SEEDS[spec.key])
            check_rollups(spec)
            loaded = True
    if loaded:
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    for spec in specs:
        measure(spec, args.repeat, exports=args.exports == "all" or args.exports == spec.key)


if __name__ == "__main__":
    main()
