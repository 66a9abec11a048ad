"""Every list exports in the import's columns, so export → import finds "0 new, 0 changed" (issue 5 item 8).
Checked on the demo data: Na Hang and Bắc Kạn, every workflow status, recognitions, decisions."""

import pytest

from dvk.accounts.models import User
from dvk.backoffice.exports import registrations_xlsx
from dvk.demo.loader import load_demo
from dvk.imports.exports import export_rows
from dvk.imports.models import ImportStatus
from dvk.imports.templates import build_workbook
from dvk.initiatives.models import Registration
from dvk.initiatives.selectors import registrations_for_user
from tests.imports.registers import messages, run

pytestmark = pytest.mark.slow


@pytest.fixture
def demo(db):
    load_demo()
    return User.objects.get(username="admin")


def unchanged(outcome, rows: int) -> None:
    assert outcome.run.status == ImportStatus.DONE, messages(outcome)[:5]
    assert outcome.run.counts == {
        "rows": rows,
        "new": 0,
        "changed": 0,
        "unchanged": rows,
        "invalid": 0,
        "duplicates": 0,
    }


def test_the_registrations_list_export_imports_back_unchanged(demo):
    data = registrations_xlsx(registrations_for_user(demo))

    unchanged(run(demo, "initiatives", data, name="danh-sach.xlsx"), Registration.objects.count())


@pytest.mark.parametrize("kind", ["units", "initiatives", "commendations"])
def test_each_register_exported_in_its_template_imports_back_unchanged(demo, kind):
    rows = list(export_rows(kind, demo))
    data = build_workbook(kind, actor=demo, rows=rows)

    unchanged(run(demo, kind, data), len(rows))


def test_a_secretariats_export_of_its_subtree_imports_back_unchanged(demo):
    secretariat = User.objects.get(username="thuongtruc")
    for kind in ("units", "initiatives", "commendations"):
        rows = list(export_rows(kind, secretariat))
        assert rows
        unchanged(run(secretariat, kind, build_workbook(kind, actor=secretariat, rows=rows)), len(rows))
