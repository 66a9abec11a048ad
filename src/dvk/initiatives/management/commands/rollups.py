"""`dvk rollups [--repair]`: compare the roll-ups stored on the initiatives (the year masks the figures read)
with their registrations, and recompute those that differ. Correct writers never leave any; a database restored
from parts, or edited by hand, may."""

import sys

from django.core.management.base import BaseCommand

from dvk.initiatives.models import Initiative
from dvk.initiatives.rollups import refresh_initiative_rollups, stale_rollups

CHUNK = 5000


class Command(BaseCommand):
    help = (
        "Kiểm tra các số tổng hợp lưu trên từng mô hình (năm đăng ký, công nhận, tiêu biểu …) so với các lượt đăng "
        "ký; với --repair thì tính lại những mô hình bị lệch. Mã thoát 1 khi còn mô hình lệch."
    )

    def add_arguments(self, parser):
        parser.add_argument("--repair", action="store_true", help="tính lại các mô hình bị lệch")

    def handle(self, *args, repair: bool = False, **options):
        ids = list(Initiative.objects.order_by("pk").values_list("pk", flat=True))
        stale = [
            pk for start in range(0, len(ids), CHUNK) for pk in stale_rollups(ids[start : start + CHUNK])
        ]
        if not stale:
            self.stdout.write(f"Đã kiểm tra {len(ids)} mô hình: số tổng hợp khớp với các lượt đăng ký.")
            return
        if not repair:
            self.stdout.write(
                f"{len(stale)}/{len(ids)} mô hình có số tổng hợp lệch với các lượt đăng ký "
                f"(ví dụ mã nội bộ {', '.join(map(str, stale[:10]))}). Chạy lại với --repair để tính lại."
            )
            sys.exit(1)
        for start in range(0, len(stale), CHUNK):
            refresh_initiative_rollups(stale[start : start + CHUNK])
        self.stdout.write(f"Đã tính lại số tổng hợp của {len(stale)}/{len(ids)} mô hình.")
