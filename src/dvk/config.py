"""The one place DVK reads its configuration: DVK_* environment variables, optionally from a `.env` file.

Kept free of Django imports so that settings.py and the `dvk` command can both use it before Django starts.
"""

import os
import secrets
from pathlib import Path

import dj_database_url
from dotenv import load_dotenv

load_dotenv(Path.cwd() / ".env", override=False)


class ConfigurationError(Exception):
    """A setting is missing or wrong; the message says, in Vietnamese, how to fix it."""


def text(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def flag(name: str, default: bool = False) -> bool:
    value = text(name)
    if not value:
        return default
    return value.lower() in {"1", "true", "yes", "on", "có"}


def integer(name: str, default: int) -> int:
    value = text(name)
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise ConfigurationError(f"{name} phải là một số nguyên, đang là “{value}”.") from None


def csv(name: str, default: str) -> list[str]:
    return [item.strip() for item in text(name, default).split(",") if item.strip()]


def data_dir() -> Path:
    path = Path(text("DVK_DATA_DIR", "var")).expanduser().resolve()
    for folder in (path, path / "static", path / "media"):
        folder.mkdir(parents=True, exist_ok=True)
    return path


def secret_key(directory: Path, *, may_generate: bool) -> str:
    """DVK_SECRET_KEY, else the key kept in the data directory. Demo and debug mode create that file on first
    start; a production start without either is refused with instructions."""
    configured = text("DVK_SECRET_KEY")
    if configured:
        return configured
    key_file = directory / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    if not may_generate:
        raise ConfigurationError(
            "Chưa cấu hình khóa bí mật: đặt biến DVK_SECRET_KEY (xem .env.example) "
            "hoặc chạy “dvk genkey” để tạo khóa trong thư mục dữ liệu " + str(directory) + "."
        )
    return write_secret_key(key_file)


def write_secret_key(key_file: Path) -> str:
    key = secrets.token_urlsafe(50)
    key_file.parent.mkdir(parents=True, exist_ok=True)
    key_file.write_text(key + "\n")
    key_file.chmod(0o600)
    return key


def database(directory: Path) -> dict:
    url = text("DVK_DATABASE_URL") or f"sqlite:///{directory / 'dvk.sqlite3'}"
    try:
        db = dj_database_url.parse(url, conn_max_age=integer("DVK_DB_CONN_MAX_AGE", 0))
    except ValueError as exc:
        raise ConfigurationError(f"DVK_DATABASE_URL không hợp lệ: {exc}") from None
    if db["ENGINE"] == "django.db.backends.sqlite3":
        # One office, a few writers: WAL and a busy timeout keep readers and the writer out of each other's way.
        db["OPTIONS"] = {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    db["TEST"] = {"NAME": text("DVK_TEST_DATABASE_NAME") or None}
    return db
