"""Turning a database failure into one sentence a user can act on."""

import psycopg
from django.conf import settings
from django.db import connection
from django.db.utils import OperationalError
from psycopg import sql


def describe_database() -> str:
    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3"):
        return f"SQLite tại {db['NAME']}"
    return f"PostgreSQL “{db.get('NAME')}” trên {db.get('HOST') or 'localhost'}:{db.get('PORT') or 5432}"


def explain_database_error(exc: Exception) -> str:
    text = str(exc)
    where = describe_database()
    if "database" in text and "does not exist" in text:
        return f"Không tìm thấy cơ sở dữ liệu {where}: hãy tạo cơ sở dữ liệu (createdb) hoặc sửa DVK_DATABASE_URL."
    if "password authentication failed" in text or "authentication" in text:
        return (
            f"Không đăng nhập được vào {where}: kiểm tra tên người dùng và mật khẩu trong DVK_DATABASE_URL."
        )
    if "no such table" in text or ("relation" in text and "does not exist" in text):
        return f"Cơ sở dữ liệu {where} chưa được khởi tạo: chạy “dvk migrate” (hoặc “dvk serve”) trước."
    if "unable to open database file" in text:
        return f"Không mở được {where}: kiểm tra thư mục dữ liệu DVK_DATA_DIR và quyền ghi."
    return f"Không kết nối được tới {where}: kiểm tra máy chủ cơ sở dữ liệu đang chạy và DVK_DATABASE_URL."


def create_postgresql_database_if_missing() -> bool:
    """For the demo on PostgreSQL: create the named database when the server is up but the database is not.
    Returns True when it created one."""
    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3"):
        return False
    try:
        connection.ensure_connection()
        return False
    except OperationalError as exc:
        if "does not exist" not in str(exc):
            raise
    params = {
        k: v
        for k, v in {
            "host": db.get("HOST"),
            "port": db.get("PORT"),
            "user": db.get("USER"),
            "password": db.get("PASSWORD"),
        }.items()
        if v
    }
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(db["NAME"])))
    connection.close()
    return True
