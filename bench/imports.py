"""Benchmark of the initiatives import (issue 5, item 10). Not a test.

Generates a register of 10,000 rows (≈ 4,000 initiatives of 200 communes, each registered in 1-4 years, with
content, indicators, results and decisions), then on a fresh database:

1. preview: read and validate the file, count new/changed/unchanged (nothing written);
2. commit: read, validate again and write everything in one transaction (with audit events, roll-ups and
   search tokens);
3. the same file again (idempotent: 0 new, 0 changed).

Prints rows per second of each step and the peak memory of the process (resident set size).

    .venv/bin/python bench/imports.py [--rows 10000]
    DVK_DATABASE_URL=postgresql://root@127.0.0.1:5432/dvk_bench_imports .venv/bin/python bench/imports.py

Without DVK_DATABASE_URL it runs on SQLite in a temporary data directory. A PostgreSQL database is dropped
and created again first.
"""

import argparse
import datetime
import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DVK_DATA_DIR", tempfile.mkdtemp(prefix="dvk-bench-imports-"))
os.environ.setdefault("DVK_SECRET_KEY", "bench-only")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dvk.settings")

SECTORS = ["Kinh tế", "Văn hóa - xã hội", "Quốc phòng - an ninh", "Xây dựng hệ thống chính trị"]
RESULTS = ["", "Công nhận", "Công nhận", "Tiêu biểu", "Không công nhận"]
WORDS = [
    "vận",
    "động",
    "nhân",
    "dân",
    "hiến",
    "đất",
    "làm",
    "đường",
    "giao",
    "thông",
    "nông",
    "thôn",
    "xây",
    "dựng",
    "nhà",
    "văn",
    "hóa",
    "thôn",
    "bản",
    "phát",
    "triển",
    "kinh",
    "tế",
    "hộ",
    "gia",
    "đình",
    "giảm",
    "nghèo",
    "bền",
    "vững",
    "giữ",
    "gìn",
    "an",
    "ninh",
    "trật",
    "tự",
    "hòa",
    "giải",
    "ở",
    "cơ",
    "sở",
    "bảo",
    "vệ",
    "môi",
    "trường",
]


def recreate_postgresql(url: str) -> None:
    import dj_database_url
    import psycopg
    from psycopg import sql

    db = dj_database_url.parse(url)
    params = {k: v for k, v in {"host": db["HOST"], "port": db["PORT"], "user": db["USER"]}.items() if v}
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as admin:
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(db["NAME"])))
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(db["NAME"])))


def build_tree():
    from dvk.accounts.models import User
    from dvk.units.models import Unit

    province = Unit.objects.add_root({"code": "BENCH", "name": "Tỉnh Thử", "kind": "province"})
    communes = []
    for d in range(10):
        district = Unit.objects.add_child(
            Unit.objects.get(pk=province.pk), {"code": f"H{d:02d}", "name": f"Huyện {d}", "kind": "district"}
        )
        for c in range(20):
            parent = Unit.objects.get(pk=district.pk)
            communes.append(
                Unit.objects.add_child(
                    parent, {"code": f"X{d:02d}{c:02d}", "name": f"Xã {d}-{c}", "kind": "commune"}
                )
            )
    admin = User.objects.create_superuser("bench", password="bench-only-123")
    return admin, communes


def sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def build_file(rows: int, communes) -> bytes:
    from tests.imports.files import xlsx
    from tests.imports.registers import INITIATIVE_HEADER

    rng = random.Random(20250701)
    table = [INITIATIVE_HEADER]
    number = 0
    while len(table) <= rows:
        number += 1
        unit = rng.choice(communes)
        individual = rng.random() < 0.4
        name = sentence(rng, 8)
        first = rng.randint(2015, 2023)
        for year in range(first, min(first + rng.randint(1, 4), 2025)):
            result = rng.choice(RESULTS)
            table.append(
                [
                    len(table),
                    f"BM-{number:05d}",
                    name,
                    unit.code,
                    "Cá nhân" if individual else "Tập thể",
                    f"Nguyễn Văn {number}" if individual else "",
                    "Trưởng thôn" if individual else "",
                    rng.choice(SECTORS),
                    year,
                    result,
                    "Cấp huyện" if result else "",
                    f"{year - 2000}-QĐ/BCĐ" if result else "",
                    datetime.date(year, 12, 10) if result else None,
                    sentence(rng, 30),
                    sentence(rng, 12),
                    rng.randint(10, 400),
                    f"{rng.randint(5, 900)}.000.000",
                    "",
                ]
            )
            if len(table) > rows:
                break
    return xlsx(table)


class StepClock:
    """A progress callback for `commit_import` that notes when each step (validate, write) starts."""

    def __init__(self):
        self.marks: list[tuple[str, float]] = []

    def step(self, label: str, start: int, end: int) -> None:
        self.marks.append((label, time.perf_counter()))

    def __call__(self, done: int, total: int) -> None:
        pass

    def split(self, finished: float) -> str:
        ends = [mark for _label, mark in self.marks[1:]] + [finished]
        return ", ".join(
            f"{label.removeprefix('Đang ')} {end - begin:.2f} s"
            for (label, begin), end in zip(self.marks, ends, strict=False)
        )


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(label: str, rows: int, action, clock: StepClock | None = None):
    started, cpu = time.perf_counter(), time.process_time()
    outcome = action()
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    counts = outcome.run.counts
    print(
        f"{label:<32} {seconds:6.2f} s {rows / seconds:7,.0f} rows/s (CPU of this process {cpu:5.2f} s)  "
        f"new {counts['new']}, changed {counts['changed']}, unchanged {counts['unchanged']}; "
        f"peak RSS {peak_mb():,.0f} MB"
    )
    if clock is not None:
        print(f"{'':<32} {clock.split(started + seconds)}")
    return outcome


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    rows = parser.parse_args().rows
    url = os.environ.get("DVK_DATABASE_URL", "")
    if url.startswith("postgres"):
        recreate_postgresql(url)

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from dvk.imports.services import commit_import, preview_import

    call_command("migrate", verbosity=0)
    admin, communes = build_tree()
    data = build_file(rows, communes)
    print(
        f"{connection.vendor}: {rows:,} rows, {len(data) / 1024 / 1024:.1f} MB .xlsx, peak RSS so far {peak_mb():,.0f} MB"
    )

    def preview():
        return preview_import(actor=admin, kind="initiatives", data=data, filename="bench.xlsx")

    first = timed("preview (validate, count)", rows, preview)
    clock = StepClock()
    timed(
        "commit (validate + write)",
        rows,
        lambda: commit_import(first.run, actor=admin, on_progress=clock),
        clock,
    )
    second = timed("preview of the same file again", rows, preview)
    clock = StepClock()
    timed(
        "commit of the same file again",
        rows,
        lambda: commit_import(second.run, actor=admin, on_progress=clock),
        clock,
    )
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()
