"""Running the real `dvk` command in a child process, for the browser tests and the command-line tests.

Every child gets its own data directory and working directory (so no developer's `.env` or `var/` leaks in)
and a clean environment: the parent's DVK_* variables are dropped, except DVK_DATABASE_URL where a test asks
for it. `DemoServer` is `dvk serve --demo` on a free port; `shared_demo_server()` starts it once for the whole
session, however many fixtures ask for it, and stops it when the last of them is done.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

E2E_DATABASE_NAME = "dvk_e2e"
START_TIMEOUT = float(os.environ.get("DVK_E2E_START_TIMEOUT", "120"))
COMMAND_TIMEOUT = 180


def dvk_command() -> list[str]:
    """The venv's `dvk` entry point beside the running Python, else `python -m dvk`."""
    script = Path(sys.executable).with_name("dvk")
    if script.is_file() and os.access(script, os.X_OK):
        return [str(script)]
    return [sys.executable, "-m", "dvk"]


def dvk_env(data_dir: Path, *, database_url: str | None = None, **extra: str) -> dict[str, str]:
    """The parent's environment without any DVK_* setting, plus a data directory and `extra`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DVK_") and k != "DJANGO_SETTINGS_MODULE"}
    env["DVK_DATA_DIR"] = str(data_dir)
    env["PYTHONUNBUFFERED"] = "1"
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    if database_url:
        env["DVK_DATABASE_URL"] = database_url
    env.update(extra)
    return env


def random_secret_key() -> str:
    return secrets.token_urlsafe(50)


def run_dvk(
    args: list[str],
    *,
    env: dict[str, str],
    cwd: Path,
    timeout: float = COMMAND_TIMEOUT,
) -> subprocess.CompletedProcess[str]:
    """Run `dvk ARGS` to completion (killed after `timeout` seconds), capturing text output."""
    try:
        return subprocess.run(
            [*dvk_command(), *args],
            env=env,
            cwd=cwd,
            capture_output=True,
            text=True,
            timeout=timeout,
            stdin=subprocess.DEVNULL,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        pytest.fail(
            f"`dvk {' '.join(args)}` did not finish within {timeout:.0f} s.\n"
            f"--- stdout ---\n{_text(exc.stdout)}\n--- stderr ---\n{_text(exc.stderr)}"
        )


def _text(value: bytes | str | None) -> str:
    if value is None:
        return ""
    return value.decode(errors="replace") if isinstance(value, bytes) else value


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# --- the database the demo server uses --------------------------------------------------------------------


def e2e_database_url() -> str | None:
    """None on SQLite (the data directory holds the database); on PostgreSQL the configured server with a
    database of its own, so the server never touches pytest-django's test database."""
    url = os.environ.get("DVK_DATABASE_URL", "").strip()
    if not url or url.startswith("sqlite"):
        return None
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path="/" + E2E_DATABASE_NAME))


def drop_postgresql_database(url: str) -> None:
    """Start from nothing: `dvk serve --demo` creates the database again."""
    import dj_database_url
    import psycopg
    from psycopg import sql

    db = dj_database_url.parse(url)
    params = {
        "host": db.get("HOST"),
        "port": db.get("PORT"),
        "user": db.get("USER"),
        "password": db.get("PASSWORD"),
    }
    params = {k: v for k, v in params.items() if v}
    try:
        with psycopg.connect(dbname="postgres", autocommit=True, connect_timeout=10, **params) as admin:
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(db["NAME"]))
            )
    except psycopg.Error as exc:
        pytest.fail(f"Could not drop the end-to-end database {db['NAME']!r} before the run: {exc}")


# --- the server --------------------------------------------------------------------------------------------


@dataclass
class DemoServer:
    """`dvk serve --demo` in a child process; output goes to a log file (a pipe could fill and block it)."""

    workdir: Path
    database_url: str | None = None
    host: str = "127.0.0.1"
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def log_path(self) -> Path:
        return self.workdir / "serve.log"

    def output(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")
        except FileNotFoundError:
            return ""

    def start(self, timeout: float = START_TIMEOUT) -> None:
        data_dir = self.workdir / "data"
        data_dir.mkdir(parents=True, exist_ok=True)
        if self.database_url:
            drop_postgresql_database(self.database_url)
        env = dvk_env(data_dir, database_url=self.database_url)
        command = [*dvk_command(), "serve", "--demo", "--host", self.host, "--port", str(self.port)]
        with self.log_path.open("wb") as log:
            self.process = subprocess.Popen(
                command,
                env=env,
                cwd=self.workdir,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
            )
        try:
            self._wait_until_ready(timeout)
        except BaseException:
            self.stop()
            raise

    def _wait_until_ready(self, timeout: float) -> None:
        assert self.process is not None
        deadline = time.monotonic() + timeout
        url = f"{self.base_url}/dang-nhap/"
        last_error = ""
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(
                    f"`dvk serve --demo` exited with code {self.process.returncode} before answering.\n"
                    f"--- output ---\n{self.output()}",
                    pytrace=False,
                )
            try:
                with urllib.request.urlopen(url, timeout=5) as response:
                    if response.status == 200:
                        return
                    last_error = f"HTTP {response.status}"
            except urllib.error.HTTPError as exc:
                last_error = f"HTTP {exc.code}"
            except (urllib.error.URLError, OSError) as exc:
                last_error = str(exc)
            time.sleep(0.5)
        pytest.fail(
            f"`dvk serve --demo` did not answer {url} within {timeout:.0f} s (last: {last_error}).\n"
            f"--- output ---\n{self.output()}",
            pytrace=False,
        )

    def stop(self) -> None:
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=15)


_shared: DemoServer | None = None
_shared_users = 0
_shared_failure: str | None = None


@contextlib.contextmanager
def shared_demo_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoServer]:
    """One demo server for the whole session: started by the first fixture that asks, stopped when the last
    one is torn down. A failed start is remembered, so later tests fail at once instead of waiting again."""
    global _shared, _shared_users, _shared_failure
    if _shared_failure is not None:
        pytest.fail(_shared_failure, pytrace=False)
    if _shared is None:
        workdir = tmp_path_factory.mktemp("dvk-serve-demo")
        server = DemoServer(workdir=workdir, database_url=e2e_database_url())
        try:
            server.start()
        except pytest.fail.Exception as exc:
            _shared_failure = str(exc)
            raise
        _shared = server
    _shared_users += 1
    try:
        yield _shared
    finally:
        _shared_users -= 1
        if _shared_users == 0 and _shared is not None:
            _shared.stop()
            _shared = None
