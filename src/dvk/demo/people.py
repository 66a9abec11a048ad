"""Demo accounts (password `demo`), existing only in demo data."""

from django.contrib.auth.hashers import make_password

from dvk.accounts.models import User
from dvk.accounts.roles import Role
from dvk.demo.units import DemoUnits
from dvk.units.models import Membership

DEMO_PASSWORD = "demo"

# The six accounts the README lists, then the extra reviewers whose scores fill the demo's review sheets.
DEMO_ACCOUNTS = [
    ("admin", "Quản trị hệ thống"),
    ("thuongtruc", "Thường trực Ban Chỉ đạo huyện Na Hang"),
    ("thuongtruc.backan", "Thường trực Ban Chỉ đạo thành phố Bắc Kạn"),
    ("canbo", "Cán bộ thị trấn Na Hang"),
    ("hoidong", "Thành viên hội đồng bình xét huyện Na Hang"),
    ("lanhdao", "Lãnh đạo tỉnh Tuyên Quang (xem)"),
]


def build_people(units: DemoUnits) -> dict[str, User]:
    password = make_password(DEMO_PASSWORD)
    township = units.na_hang_communes[0]
    spec = [  # username, full name, position, unit, role
        (
            "thuongtruc",
            "Hà Thị Thu Trang",
            "Phó Trưởng Ban Dân vận Huyện ủy",
            units.na_hang,
            Role.SECRETARIAT,
        ),
        (
            "thuongtruc.backan",
            "Hoàng Thị Ngọc Anh",
            "Phó Trưởng Ban Dân vận Thành ủy",
            units.bac_kan,
            Role.SECRETARIAT,
        ),
        ("canbo", "Ma Văn Hưng", "Công chức Văn phòng Đảng ủy thị trấn", township, Role.STAFF),
        ("hoidong", "Triệu Đức Minh", "Ủy viên Ban Chỉ đạo huyện", units.na_hang, Role.REVIEWER),
        ("hoidong2", "Lương Thị Hằng", "Ủy viên Ban Chỉ đạo huyện", units.na_hang, Role.REVIEWER),
        ("hoidong.backan", "Nông Văn Thành", "Ủy viên Ban Chỉ đạo thành phố", units.bac_kan, Role.REVIEWER),
        ("hoidong.backan2", "Lý Thị Dung", "Ủy viên Ban Chỉ đạo thành phố", units.bac_kan, Role.REVIEWER),
        (
            "lanhdao",
            "Nguyễn Quang Huy",
            "Trưởng Ban Tuyên giáo và Dân vận Tỉnh ủy",
            units.tuyen_quang,
            Role.VIEWER,
        ),
    ]
    people = {}
    admin, _ = User.objects.get_or_create(
        username="admin",
        defaults={
            "full_name": "Quản trị hệ thống",
            "is_superuser": True,
            "is_staff": True,
            "password": password,
        },
    )
    people["admin"] = admin
    for username, full_name, position, unit, role in spec:
        user, _ = User.objects.get_or_create(
            username=username, defaults={"full_name": full_name, "position": position, "password": password}
        )
        Membership.objects.get_or_create(user=user, unit=unit, role=role)
        people[username] = user
    return people
