"""`dvk report summary`: the seeds' figures as JSON from the command line, the other formats to a file or a
pipe, and one Vietnamese sentence with exit code 2 for every mistake in the command line."""

import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.utils import timezone

from dvk.demo.loader import load_demo
from dvk.reports.exporters import EXPORTERS, export_json, figures_json, register
from dvk.reports.figures import find_phase, find_unit
from dvk.reports.management.commands.report import Command, parse_years
from dvk.reports.models import SummaryReport

pytestmark = pytest.mark.slow  # loads the full demo (once for the module)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo, loaded once for this module inside a transaction rolled back at its end."""
    with django_db_blocker.unblock(), transaction.atomic():
        load_demo()
        yield
        transaction.set_rollback(True)


def summary_json(*args: str) -> dict:
    out = StringIO()
    call_command("report", "summary", *args, "--format", "json", stdout=out)
    return json.loads(out.getvalue())


def cli(capsys, *argv: str) -> tuple[int, str, str]:
    """Run the command as `dvk report …` on the command line does (Django's run_from_argv, without closing the
    test's database connection): returns the exit code, standard output and standard error."""
    command = Command()
    command._called_from_command_line = True
    code = 0
    try:
        options = vars(command.create_parser("dvk", "report").parse_args(list(argv)))
        command.execute(*options.pop("args", ()), **options)
    except SystemExit as exc:
        code = exc.code
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_na_hang_2020_2022(demo, db):
    data = summary_json("--unit", "072", "--phase", "2020-2022")
    assert data["unit"] == {"code": "072", "name": "Huyện Na Hang"}
    assert data["phase"] == {"code": "2020-2022", "start_year": 2020, "end_year": 2022}
    assert data["new_initiatives"] == {"total": 126, "collective": 22, "individual": 104}
    assert data["cumulative_initiatives"]["total"] == 995
    assert data["commended"] == {"total": 33, "collective": 15, "individual": 18}


def test_bac_kan_2021_2023(demo, db):
    data = summary_json("--unit", "058", "--phase", "2021-2023")
    assert data["registrations"] == 596
    assert data["recognized"]["total"] == 397
    assert data["commended"] == {"total": 20, "collective": 18, "individual": 2}


def test_the_json_has_exactly_the_keys_of_the_design(demo, db):
    data = summary_json("--unit", "072", "--phase", "2020-2022")
    assert list(data) == [
        "unit",
        "phase",
        "registrations",
        "new_initiatives",
        "recognized",
        "recognitions",
        "exemplary",
        "cumulative_initiatives",
        "active_initiatives",
        "commended",
        "by_sector",
        "by_unit",
        "by_year",
    ]
    assert set(data["by_unit"][0]) == {"unit", "registrations", "recognized", "new_initiatives"}
    assert data["by_unit"][0]["unit"] == {"code": "072", "name": "Huyện Na Hang"}  # the "trực thuộc" row
    assert [row["year"] for row in data["by_year"]] == [2020, 2021, 2022]


def test_a_year_range_instead_of_a_phase(demo, db):
    data = summary_json("--unit", "072", "--years", "2020-2022")
    assert data["phase"] == {"code": "2020-2022", "start_year": 2020, "end_year": 2022}
    assert data["new_initiatives"]["total"] == 126
    assert data["commended"]["total"] == 33  # the decision of 14/10/2022
    assert summary_json("--unit", "072", "--years", "2023")["commended"]["total"] == 0


def test_json_keeps_vietnamese_letters_and_goes_to_a_file(demo, db, capsys, tmp_path):
    target = tmp_path / "na-hang.json"
    code, out, err = cli(capsys, "summary", "--unit", "072", "--phase", "2020-2022", "--output", str(target))
    assert (code, out) == (0, "")
    assert f"vào {target}" in err
    text = target.read_text(encoding="utf-8")
    assert '"name": "Huyện Na Hang"' in text
    assert text.startswith('{\n  "unit": {')
    assert (
        json.loads(text)["registrations"]
        == summary_json("--unit", "072", "--phase", "2020-2022")["registrations"]
    )


@pytest.mark.parametrize(("fmt", "magic"), [("xlsx", b"PK"), ("docx", b"PK"), ("pdf", b"%PDF")])
def test_documents_go_to_the_output_file(demo, db, capsys, tmp_path, fmt, magic):
    target = tmp_path / f"na-hang.{fmt}"
    code, _out, _err = cli(
        capsys, "summary", "--unit", "072", "--phase", "2020-2022", "--format", fmt, "-o", "x"
    )
    assert code == 2  # -o is not an option: the full name is required
    code, _out, err = cli(
        capsys, "summary", "--unit", "072", "--phase", "2020-2022", "--format", fmt, "--output", str(target)
    )
    assert code == 0, err
    assert target.read_bytes().startswith(magic)


def test_a_document_goes_to_standard_output_when_it_is_redirected(demo, db, capsysbinary):
    code, out, _err = cli(
        capsysbinary, "summary", "--unit", "072", "--phase", "2020-2022", "--format", "xlsx"
    )
    assert code == 0
    assert out.startswith(b"PK")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["summary", "--unit", "999", "--phase", "2020-2022"], "Không tìm thấy đơn vị có mã “999”."),
        (["summary", "--unit", "072", "--phase", "2030-2032"], "Không tìm thấy giai đoạn “2030-2032”"),
        (["summary", "--unit", "072"], "Chọn đúng một trong hai: --phase"),
        (
            ["summary", "--unit", "072", "--phase", "2020-2022", "--years", "2020-2022"],
            "Chọn đúng một trong hai",
        ),
        (["summary", "--unit", "072", "--years", "2020 đến 2022"], "--years phải có dạng NĂM_ĐẦU-NĂM_CUỐI"),
        (
            ["summary", "--unit", "072", "--years", "2022-2020"],
            "năm đầu (2022) không được sau năm cuối (2020)",
        ),
        (["summary", "--unit", "072", "--years", "1990-2430"], "các năm phải nằm trong khoảng 2000-2100"),
        (["summary", "--phase", "2020-2022"], "Thiếu --unit"),
        (
            ["summary", "--unit", "072", "--phase", "2020-2022", "--format", "odt"],
            "Chưa hỗ trợ xuất định dạng “odt”",
        ),
        (["--unit", "072", "--phase", "2020-2022"], "Thiếu lệnh con “summary”"),
        (["tong-ket", "--unit", "072"], "Lệnh “tong-ket” không có."),
        (["summary", "--unit", "072", "--nam", "2020"], "Tham số không hợp lệ"),
    ],
)
def test_mistakes_are_one_sentence_and_exit_code_2(demo, db, capsys, argv, message):
    code, out, err = cli(capsys, *argv)
    assert code == 2
    assert out == ""
    assert message in err
    assert "Traceback" not in err
    assert "CommandError" not in err


def test_call_command_raises_the_same_message(demo, db):
    with pytest.raises(CommandError, match="Không tìm thấy đơn vị") as caught:
        call_command("report", "summary", "--unit", "999", "--phase", "2020-2022")
    assert caught.value.returncode == 2


def test_a_file_that_cannot_be_written_is_explained(demo, db, capsys, tmp_path):
    target = tmp_path / "missing-folder" / "x.json"
    code, _out, err = cli(capsys, "summary", "--unit", "072", "--phase", "2020-2022", "--output", str(target))
    assert code == 1
    assert "thư mục chứa tệp không tồn tại" in err


def test_the_available_formats_are_listed_for_an_unknown_one(demo, db, capsys):
    _code, _out, err = cli(capsys, "summary", "--unit", "072", "--phase", "2020-2022", "--format", "csv")
    assert "Các định dạng hiện có: docx, json, pdf, xlsx." in err


def test_parse_years():
    assert parse_years("2020-2022") == (2020, 2022)
    assert parse_years(" 2020 – 2022 ") == (2020, 2022)
    assert parse_years("2022") == (2022, 2022)


def test_the_dvk_command_exits_with_code_2_and_no_traceback(tmp_path):
    """The real `dvk` process: a mistake found before the database is touched."""
    env = {**os.environ, "DVK_DATA_DIR": str(tmp_path), "DVK_SECRET_KEY": "tests-only"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    result = subprocess.run(
        [sys.executable, "-m", "dvk", "report", "summary", "--unit", "072", "--years", "hai năm"],
        capture_output=True,
        text=True,
        env=env,
        cwd=Path(__file__).parents[3],
        check=False,
        timeout=120,
    )
    assert result.returncode == 2
    assert (
        result.stderr.strip()
        == "--years phải có dạng NĂM_ĐẦU-NĂM_CUỐI, ví dụ 2020-2022 (nhận được “hai năm”)."
    )
    assert result.stdout == ""


def test_a_registered_format_is_offered_by_the_cli(demo, db, capsys):
    register("txt", extension="txt", content_type="text/plain", binary=False)(
        lambda source: f"{figures_json(source)['registrations']} lượt\n".encode()
    )
    try:
        code, out, _err = cli(capsys, "summary", "--unit", "058", "--phase", "2021-2023", "--format", "txt")
        assert (code, out) == (0, "596 lượt\n")
    finally:
        EXPORTERS._exporters.pop("txt")


def test_the_json_of_a_report_is_its_frozen_figures_or_else_the_live_ones(demo, db):
    unit = find_unit("072")
    live = SummaryReport(unit=unit, phase=find_phase(unit, "2020-2022"), start_year=2020, end_year=2022)
    assert json.loads(export_json(live))["new_initiatives"]["total"] == 126
    frozen = SummaryReport(unit=unit, start_year=2020, end_year=2022, frozen_at=timezone.now())
    frozen.frozen_figures = {"figures": {"registrations": 1}}
    assert json.loads(export_json(frozen)) == {"registrations": 1}
