from django.core.management import call_command
from django.core.management.base import BaseCommand

from dvk.demo.loader import DEMO_ACCOUNTS, load_demo


class Command(BaseCommand):
    help = (
        "Nạp dữ liệu mẫu (huyện Na Hang 2020-2022, thành phố Bắc Kạn 2021-2023); chạy lại không sinh trùng."
    )

    def handle(self, *args, **options):
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write(load_demo())
        self.stdout.write("Tài khoản mẫu (mật khẩu: demo): " + ", ".join(name for name, _ in DEMO_ACCOUNTS))
