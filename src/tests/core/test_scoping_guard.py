"""Pages, reports and the public site never start from a manager of a scoped entity: they go through the
selectors built on `visible_unit_ids` (STYLE.md, "Scoping, in one place")."""

import re
from pathlib import Path

import dvk

GUARDED = ["backoffice", "public", "api", "reports"]
# Selector modules are the door itself, and the statistics service is a scoped read: it counts exactly the scope
# of the unit it is given (`reports.rows` reads that scope's units), and its callers obtain that unit through
# `get_unit_for_user`.
EXEMPT = {"reports/figures.py", "reports/rows.py", "reports/selectors.py"}
FORBIDDEN = re.compile(
    r"\b(Initiative|Registration|Unit|Membership|Honoree|Commendation|Recognition|Review)\.objects\b"
)


def test_no_guarded_module_queries_scoped_entities_directly():
    root = Path(dvk.__file__).parent
    offenders = []
    for app in GUARDED:
        for path in (root / app).rglob("*.py") if (root / app).exists() else []:
            if "migrations" in path.parts or str(path.relative_to(root)) in EXEMPT:
                continue
            for number, line in enumerate(path.read_text().splitlines(), start=1):
                if FORBIDDEN.search(line):
                    offenders.append(f"{path.relative_to(root)}:{number}: {line.strip()}")
    assert offenders == []


def test_the_guard_catches_a_direct_query():
    assert FORBIDDEN.search("qs = Registration.objects.filter(year=2022)")
    assert not FORBIDDEN.search("qs = registrations_for_user(user)")
