"""`dvk serve [--demo] [--host H] [--port P]`: migrate, optionally load the demo, and serve DVK with waitress
(a production WSGI server that also runs on Windows), static files through WhiteNoise. Beside the web server it
runs one background worker (`dvk worker` in a child process, stopped with the server) so that the one-command
start needs nothing else; `--no-worker` leaves that to separately started `dvk worker` processes."""

import os
import signal
import subprocess
import sys

from django.conf import settings
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
        parser.add_argument(
            "--no-worker",
            action="store_true",
            help="không chạy tiến trình việc nền kèm theo (dùng dvk worker riêng)",
        )

    def handle(self, *args, demo, host, port, threads, no_serve, no_worker, **options):
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
        worker = None if no_worker else start_worker()
        signal.signal(signal.SIGTERM, _stop_on_signal)
        try:
            serve(application, host=host, port=port, threads=threads, ident="DVK")
        finally:
            stop_worker(worker)


def _stop_on_signal(signum, frame):
    raise SystemExit(0)


def start_worker() -> subprocess.Popen | None:
    """One `dvk worker` child process, when tasks go through the database queue."""
    if "django_tasks_db" not in settings.TASKS["default"]["BACKEND"]:
        return None
    command = [sys.executable, "-m", "dvk", "worker", "--parent-pid", str(os.getpid()), "--verbosity", "0"]
    return subprocess.Popen(command, stdin=subprocess.DEVNULL)


def stop_worker(worker: subprocess.Popen | None) -> None:
    """Ask the worker to stop (a running import finishes or rolls back), then end it if it lingers."""
    if worker is None or worker.poll() is not None:
        return
    worker.terminate()
    try:
        worker.wait(timeout=20)
    except subprocess.TimeoutExpired:
        worker.kill()
        worker.wait(timeout=10)
