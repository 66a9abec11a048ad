"""`dvk createadmin`: create a system administrator, interactively or from --username/--password."""

import getpass

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from dvk.accounts.services import create_administrator
from dvk.core.errors import DvkError


class Command(BaseCommand):
    help = "Tạo tài khoản quản trị hệ thống."

    def add_arguments(self, parser):
        parser.add_argument("--username", help="tên đăng nhập")
        parser.add_argument("--email", default="", help="thư điện tử")
        parser.add_argument("--full-name", default="", help="họ và tên")
        parser.add_argument("--password", help="mật khẩu (không ghi thì được hỏi)")

    def handle(self, *args, username, email, full_name, password, **options):
        username = username or input("Tên đăng nhập: ").strip()
        if not username:
            raise CommandError("Cần có tên đăng nhập.")
        if password is None:
            password = getpass.getpass("Mật khẩu: ")
            if password != getpass.getpass("Nhập lại mật khẩu: "):
                raise CommandError("Hai lần nhập mật khẩu không khớp.")
        try:
            validate_password(password)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from None
        try:
            user = create_administrator(
                username=username, password=password, email=email, full_name=full_name
            )
        except DvkError as exc:
            raise CommandError(exc.message) from None
        self.stdout.write(self.style.SUCCESS(f"Đã tạo tài khoản quản trị “{user.username}”."))
