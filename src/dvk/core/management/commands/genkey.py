from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Tạo khóa bí mật trong thư mục dữ liệu (nếu chưa có) để chạy DVK không ở chế độ thử."

    def handle(self, *args, **options):
        key_file = settings.DATA_DIR / "secret_key"
        if key_file.exists():
            self.stdout.write(f"Khóa bí mật nằm tại {key_file}.")
        else:
            self.stdout.write("Khóa bí mật lấy từ biến DVK_SECRET_KEY.")
