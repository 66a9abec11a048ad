"""The `dvk` command line, run as a child process with its own data directory."""

import pytest

from tests.e2e.server import dvk_env, run_dvk

pytestmark = pytest.mark.slow

STRONG_PASSWORD = "Xx-12345-long"


def is_administrator(tmp_path, env, username) -> bool:
    code = (
        "from dvk.accounts.models import User; "
        f"print(User.objects.filter(username={username!r}, is_superuser=True, is_active=True).exists())"
    )
    result = run_dvk(["shell", "--verbosity", "0", "-c", code], env=env, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip() == "True"


def test_help_lists_the_dvk_commands(tmp_path):
    result = run_dvk(["--help"], env=dvk_env(tmp_path / "data"), cwd=tmp_path, timeout=60)

    assert result.returncode == 0, result.stderr
    for command in ("serve", "demo", "createadmin"):
        assert f"  {command} " in result.stdout, f"`dvk --help` does not list {command}:\n{result.stdout}"


def test_createadmin_creates_an_administrator(tmp_path):
    env = dvk_env(tmp_path / "data", DVK_DEBUG="1")
    assert run_dvk(["migrate", "--verbosity", "0"], env=env, cwd=tmp_path).returncode == 0

    result = run_dvk(["createadmin", "--username", "a", "--password", STRONG_PASSWORD], env=env, cwd=tmp_path)

    assert result.returncode == 0, result.stderr
    assert "Đã tạo tài khoản quản trị" in result.stdout
    assert is_administrator(tmp_path, env, "a")


def test_createadmin_refuses_a_weak_password(tmp_path):
    env = dvk_env(tmp_path / "data", DVK_DEBUG="1")
    assert run_dvk(["migrate", "--verbosity", "0"], env=env, cwd=tmp_path).returncode == 0

    result = run_dvk(["createadmin", "--username", "b", "--password", "123"], env=env, cwd=tmp_path)

    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "Mật khẩu" in result.stderr  # the validators' reasons, at least one of them in Vietnamese
    assert not is_administrator(tmp_path, env, "b")
