"""`dvk serve` as a user runs it: a real child process with its own data directory."""

import urllib.request

import pytest

from tests.e2e.server import DemoServer, dvk_env, random_secret_key, run_dvk, shared_demo_server

pytestmark = pytest.mark.slow


@pytest.fixture(scope="session")
def demo_server(tmp_path_factory):
    # The same server the browser tests use: the demo is loaded once per session.
    with shared_demo_server(tmp_path_factory) as server:
        yield server


def test_serve_demo_answers_the_sign_in_page(demo_server: DemoServer):
    with urllib.request.urlopen(f"{demo_server.base_url}/dang-nhap/", timeout=30) as response:
        body = response.read().decode()
        assert response.status == 200
    assert '<html lang="vi">' in body
    assert "Đăng nhập" in body
    assert "DVK đang chạy tại" in demo_server.output()


def test_serve_on_an_empty_data_dir_tells_how_to_create_the_administrator(tmp_path):
    env = dvk_env(tmp_path / "data", DVK_SECRET_KEY=random_secret_key())

    result = run_dvk(["serve", "--no-serve"], env=env, cwd=tmp_path)

    assert result.returncode == 0, result.stderr
    assert "dvk createadmin" in result.stdout
    assert (tmp_path / "data" / "dvk.sqlite3").exists()
    assert "Traceback" not in result.stderr


def test_unreachable_database_gives_one_vietnamese_line_and_no_traceback(tmp_path):
    env = dvk_env(tmp_path / "data", database_url="postgresql://root@127.0.0.1:1/dvk", DVK_DEBUG="1")

    result = run_dvk(["serve", "--no-serve"], env=env, cwd=tmp_path, timeout=60)

    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert "Không kết nối được" in lines[0]
    assert "DVK_DATABASE_URL" in lines[0]


def test_production_start_without_a_secret_key_is_refused(tmp_path):
    env = dvk_env(tmp_path / "data")  # no DVK_DEBUG, DVK_DEMO or DVK_SECRET_KEY, no key file

    result = run_dvk(["serve", "--no-serve"], env=env, cwd=tmp_path, timeout=60)

    assert result.returncode == 2, result.stdout + result.stderr
    assert "DVK_SECRET_KEY" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "data" / "secret_key").exists()
