"""The `dvk` command: DVK's own commands (serve, demo, createadmin, genkey …) and Django's."""

import os
import sys

DVK_COMMANDS = {
    "serve": "chạy DVK (máy chủ WSGI waitress); --demo: nạp dữ liệu mẫu; --host, --port",
    "demo": "nạp (hoặc nạp lại) dữ liệu mẫu Na Hang và Bắc Kạn; chạy nhiều lần không sinh trùng",
    "createadmin": "tạo tài khoản quản trị hệ thống đầu tiên",
    "genkey": "tạo khóa bí mật trong thư mục dữ liệu (DVK_DATA_DIR)",
    "import": "nhập Excel: dvk import units|initiatives|commendations TỆP [--dry-run] [--only-valid]",
    "report": "số liệu, báo cáo: dvk report summary --unit MÃ --phase MÃ|--years 2020-2022 --format json|xlsx|docx|pdf",
    "worker": "chạy tác vụ nền (nhập Excel …); dvk serve đã tự chạy một tiến trình",
    "migrate": "cập nhật cấu trúc cơ sở dữ liệu",
}


def _usage() -> str:
    lines = ["Cách dùng: dvk <lệnh> [tùy chọn]", "", "Các lệnh của DVK:"]
    lines += [f"  {name:<12} {text}" for name, text in DVK_COMMANDS.items()]
    lines += ["", "Các lệnh khác của Django: dvk help"]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in {"-h", "--help"}:
        print(_usage())
        return 0
    if argv[0] == "serve" and "--demo" in argv:
        os.environ["DVK_DEMO"] = "1"
    if argv[0] == "genkey":
        os.environ["DVK_GENERATE_KEY"] = "1"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dvk.settings")

    from dvk.config import ConfigurationError

    try:
        import django
        from django.core.management import execute_from_command_line
        from django.db.utils import OperationalError, ProgrammingError

        django.setup()
    except ConfigurationError as exc:
        print(f"Lỗi cấu hình: {exc}", file=sys.stderr)
        return 2
    try:
        execute_from_command_line(["dvk", *argv])
    except (OperationalError, ProgrammingError) as exc:
        from dvk.core.database import explain_database_error

        if isinstance(exc, ProgrammingError) and "does not exist" not in str(exc):
            raise
        print(explain_database_error(exc), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
