"""`dvk serve [--demo] [--host H] [--port P]`: migrate, optionally load the demo, and serve DVK with waitress
(a production WSGI server that also runs on Windows), static files through WhiteNoise."""

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection
from django.db.utils import OperationalError

from dvk.accounts.selectors import has_administrator
from dvk.core.database import create_postgresql_database_if_missing, describe_database, explain_database_error


class Command(BaseCommand):
    help = "Chạy DVK: cập nhật cơ sở dữ liệu, (tùy chọn) nạp dữ liệu mẫu, mở máy chủ web."

    def add_arguments(self, parser):
        parser.add_argument("--demo", action="store_true", help="nạp dữ liệu mẫu và các tài khoản mẫu")
        parser.add_argument("--host", default="127.0.0.1", help="địa chỉ lắng nghe (mặc định 127.0.0.1)")
        parser.add_argument("--port", type=int, default=8000, help="cổng (mặc định 8000)")
        parser.add_argument("--threads", type=int, default=8, help="số luồng phục vụ (mặc định 8)")
        parser.add_argument("--no-serve", action="store_true", help="chỉ chuẩn bị cơ sở dữ liệu rồi thoát")

    def handle(self, *args, demo, host, port, threads, no_serve, **options):
        try:
            if demo and create_postgresql_database_if_missing():
                self.stdout.write(f"Đã tạo cơ sở dữ liệu {describe_database()}.")
            connection.ensure_connection()
        except OperationalError as exc:
            self.stderr.write(explain_database_error(exc))
            raise SystemExit(1) from None

        self.stdout.write(f"Cơ sở dữ liệu: {describe_database()}")
        call_command("migrate", interactive=False, verbosity=0)
        if demo:
            from dvk.demo.loader import DEMO_ACCOUNTS, load_demo

            summary = load_demo()
            self.stdout.write(summary)
        if not has_administrator():
            self.stdout.write(
                self.style.WARNING(
                    "Chưa có tài khoản quản trị. Tạo tài khoản đầu tiên bằng lệnh: dvk createadmin"
                )
            )
        if no_serve:
            return

        from waitress import serve

        from dvk.wsgi import application

        shown_host = "127.0.0.1" if host in {"0.0.0.0", "::"} else host
        self.stdout.write(self.style.SUCCESS(f"DVK đang chạy tại http://{shown_host}:{port}/"))
        if demo:
            self.stdout.write("Tài khoản mẫu (mật khẩu: demo):")
            for username, description in DEMO_ACCOUNTS:
                self.stdout.write(f"  {username:<20} {description}")
        self.stdout.write("Nhấn Ctrl+C để dừng.")
        self.stdout.flush()
        serve(application, host=host, port=port, threads=threads, ident="DVK")
