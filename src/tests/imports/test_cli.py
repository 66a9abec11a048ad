"""`dvk import units|initiatives|commendations FILE [--dry-run] [--only-valid] [--user U]` and its exit codes:
0 imported, 1 refused for the file's content, 2 usage errors."""

import io

import pytest
from django.core.management import call_command

from dvk.imports.models import ImportRun
from dvk.initiatives.models import Initiative
from tests.e2e.server import dvk_env, run_dvk
from tests.imports.registers import initiative_row, initiatives_file


def dvk_import(*args) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import", *args, stdout=out, stderr=err)
        code = 0
    except SystemExit as exit_:
        code = exit_.code
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def good_file(tmp_path, tree):
    path = tmp_path / "so-theo-doi.xlsx"
    path.write_bytes(initiatives_file(initiative_row("C-1", "Mô hình", tree.b1, 2022, result="Công nhận")))
    return path


@pytest.fixture
def bad_file(tmp_path, tree):
    path = tmp_path / "co-loi.xlsx"
    rows = [
        initiative_row("C-1", "Mô hình", tree.b1, 2022),
        initiative_row("C-2", "Mô hình lỗi", tree.b1, 2022, sector="Nông nghiệp"),
    ]
    path.write_bytes(initiatives_file(*rows))
    return path


def test_a_valid_file_is_imported_as_an_administrator_by_default(people, good_file):
    code, out, _err = dvk_import("initiatives", str(good_file))

    assert code == 0
    assert "Số dòng: 1 — mới 1, thay đổi 0, không đổi 0, lỗi 0, lặp lại 0." in out
    assert "Đã nhập: 1 mới, 0 thay đổi, 0 không đổi." in out
    run = ImportRun.objects.get()
    assert (run.created_by, run.source, run.status) == (people.admin, "cli", "done")
    assert Initiative.objects.get().code == "C-1"
    assert dvk_import("initiatives", str(good_file))[0] == 0  # again: nothing new, still imported


def test_dry_run_writes_nothing(people, good_file):
    code, out, _err = dvk_import("initiatives", str(good_file), "--dry-run")

    assert code == 0
    assert "Sẽ nhập: 1 mới" in out
    assert "chạy thử, chưa ghi gì" in out
    assert not Initiative.objects.exists()


def test_a_file_with_problems_is_refused_with_every_problem_printed(people, bad_file):
    code, out, err = dvk_import("initiatives", str(bad_file), "--user", people.secretariat.username)

    assert code == 1
    assert "Trang tính “Danh sách”, dòng 3, cột H (Lĩnh vực): Không có lĩnh vực “Nông nghiệp”." in out
    assert "Tệp có 1 lỗi nên chưa ghi gì" in err
    assert not Initiative.objects.exists()


def test_only_valid_imports_the_valid_rows_and_lists_the_others(people, bad_file):
    code, out, _err = dvk_import("initiatives", str(bad_file), "--only-valid")

    assert code == 0
    assert "dòng 3" in out
    assert list(Initiative.objects.values_list("code", flat=True)) == ["C-1"]


def test_an_unreadable_file_is_refused_with_exit_code_1(people, tmp_path):
    path = tmp_path / "anh.xlsx"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))

    code, out, _err = dvk_import("units", str(path))

    assert code == 1
    assert "không phải" in out


def test_usage_errors_exit_with_code_2(people, tmp_path, good_file):
    assert dvk_import("initiatives", str(tmp_path / "khong-co.xlsx"))[0] == 2
    code, _out, err = dvk_import("initiatives", str(good_file), "--user", "khong-ai")
    assert code == 2
    assert "Không có người dùng “khong-ai”" in err


@pytest.mark.slow
def test_the_dvk_command_exits_2_for_an_unknown_kind_and_0_after_an_import(tmp_path):
    env = dvk_env(tmp_path / "data", DVK_DEBUG="1")
    assert run_dvk(["migrate", "--verbosity", "0"], env=env, cwd=tmp_path).returncode == 0
    assert (
        run_dvk(
            ["createadmin", "--username", "a", "--password", "Xx-12345-long"], env=env, cwd=tmp_path
        ).returncode
        == 0
    )
    units = tmp_path / "don-vi.csv"
    units.write_text("Mã đơn vị,Tên đơn vị,Loại đơn vị\nCLI-1,Tỉnh Thử,Tỉnh\n", encoding="utf-8-sig")

    unknown = run_dvk(["import", "people", str(units)], env=env, cwd=tmp_path)
    imported = run_dvk(["import", "units", str(units)], env=env, cwd=tmp_path)

    assert unknown.returncode == 2
    assert imported.returncode == 0, imported.stdout + imported.stderr
    assert "Đã nhập: 1 mới" in imported.stdout
