"""`dvk import units|initiatives|commendations FILE [--dry-run] [--only-valid] [--user USERNAME]`.

Prints the same summary and problems as the web preview (every problem with its sheet, row and column) and
keeps the run in the import history. Exit codes: 0 the import happened (with --dry-run: it would happen),
1 refused for the file's content, 2 usage errors (unknown kind, missing file, unknown user).
"""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand

from dvk.accounts.models import User
from dvk.core.errors import DvkError
from dvk.imports.models import ImportKind, ImportStatus
from dvk.imports.services import Outcome, commit_import, preview_import, summary


class Command(BaseCommand):
    help = "Nhập sổ theo dõi từ tệp Excel/ODS/CSV: đơn vị, mô hình (lượt đăng ký) hoặc khen thưởng."

    def add_arguments(self, parser):
        parser.add_argument(
            "kind", choices=ImportKind.values, help="loại dữ liệu: units, initiatives, commendations"
        )
        parser.add_argument("file", help="đường dẫn tệp .xlsx, .xls, .ods hoặc .csv")
        parser.add_argument("--dry-run", action="store_true", help="chỉ kiểm tra, không ghi gì")
        parser.add_argument(
            "--only-valid", action="store_true", help="nhập các dòng hợp lệ, báo cáo các dòng lỗi"
        )
        parser.add_argument(
            "--user", help="nhập với quyền của người dùng này (mặc định: một quản trị hệ thống)"
        )

    def handle(self, *args, kind, file, dry_run, only_valid, user, **options):
        actor = self.actor(user)
        path = Path(file)
        if not path.is_file():
            self.usage_error(f"Không tìm thấy tệp “{file}”.")
        try:
            outcome = preview_import(
                actor=actor, kind=kind, data=path.read_bytes(), filename=path.name, source="cli"
            )
        except DvkError as error:
            self.stderr.write(error.message)
            sys.exit(1)
        run = outcome.run
        if run.status == ImportStatus.REFUSED:
            self.report(outcome)
            sys.exit(1)
        if dry_run:
            self.report(outcome)
            self.stdout.write(
                f"{summary(outcome.plan, written=False)} (chạy thử, chưa ghi gì; lần nhập số {run.pk})"
            )
            sys.exit(1 if outcome.plan.problems and not only_valid else 0)
        result = commit_import(run, actor=actor, only_valid=only_valid, on_progress=_quiet)
        self.report(result)
        if result.run.status != ImportStatus.DONE:
            self.stderr.write(result.run.message)
            sys.exit(1)
        self.stdout.write(self.style.SUCCESS(f"{result.run.message} (lần nhập số {run.pk})"))

    def actor(self, username: str | None) -> User:
        if username:
            actor = User.objects.filter(username=username, is_active=True).first()
            if actor is None:
                self.usage_error(f"Không có người dùng “{username}” đang hoạt động.")
            return actor
        actor = User.objects.filter(is_superuser=True, is_active=True).order_by("pk").first()
        if actor is None:
            self.usage_error(
                "Chưa có tài khoản quản trị: tạo bằng lệnh “dvk createadmin” hoặc chỉ định --user."
            )
        return actor

    def usage_error(self, message: str):
        self.stderr.write(message)
        sys.exit(2)

    def report(self, outcome: Outcome) -> None:
        run = outcome.run
        counts = run.counts
        if counts:
            self.stdout.write(
                f"Số dòng: {counts.get('rows', 0)} — mới {counts.get('new', 0)}, thay đổi {counts.get('changed', 0)}, "
                f"không đổi {counts.get('unchanged', 0)}, lỗi {counts.get('invalid', 0)}, "
                f"lặp lại {counts.get('duplicates', 0)}."
            )
        for column in run.ignored_columns:
            self.stdout.write(f"Bỏ qua cột: {column}")
        for note in run.notes:
            self.stdout.write(note)
        problems = outcome.problems
        if problems:
            self.stdout.write(f"{len(problems)} lỗi:")
            for problem in problems:
                self.stdout.write(f"  {problem.sentence()}")


class _Quiet:
    """No progress file for a command-line run: the terminal shows the result."""

    def step(self, *args, **kwargs) -> None:
        pass

    def __call__(self, done: int, total: int) -> None:
        pass


_quiet = _Quiet()
