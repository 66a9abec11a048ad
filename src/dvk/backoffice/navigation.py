"""The navigation a user sees, derived from the permissions their roles grant."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from dvk.accounts import roles
from dvk.units.selectors import user_permissions


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    active: bool


# (label, url name, permission needed anywhere in the user's scope)
_ITEMS = [
    (_("Trang chủ"), "home", None),
    (_("Đăng ký mô hình"), "registrations:create", roles.EDIT_INITIATIVE),
    (_("Mô hình"), "initiatives:list", roles.VIEW),
    (_("Tiếp nhận"), "review:inbox", roles.SCREEN_REGISTRATION),
    (_("Phiếu chấm"), "review:my_reviews", roles.SCORE_REVIEW),
    (_("Khen thưởng"), "commendations:list", roles.MANAGE_COMMENDATIONS),
    (_("Số liệu"), "dashboard:index", roles.VIEW),
    (_("Báo cáo"), "reports:list", roles.VIEW),
    (_("Đơn vị"), "units:list", roles.VIEW),
    (_("Người dùng"), "accounts:users", roles.MANAGE_USERS),
    (_("Nhập Excel"), "imports:index", roles.MANAGE_UNITS),
    (_("Quản trị hệ thống"), "admin:index", roles.MANAGE_CATALOGUES),
]


def navigation_for(user, current_path: str) -> list[NavItem]:
    held = user_permissions(user)
    items = []
    for label, name, permission in _ITEMS:
        if permission is not None and permission not in held:
            continue
        url = reverse(name)
        active = current_path == url if url == "/" else current_path.startswith(url)
        items.append(NavItem(label=str(label), url=url, active=active))
    return items
