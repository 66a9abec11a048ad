"""The navigation a user sees, derived from the permissions their roles grant. Screens are grouped into a few
menus so that a secretariat's navbar fits one line on a desk screen and stays short on a phone."""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from dvk.accounts import roles
from dvk.units.selectors import user_permissions


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str = ""
    active: bool = False
    children: list["NavItem"] = field(default_factory=list)


# (menu label or None for a top-level entry, entry label, url name, permission needed anywhere in the scope)
_ITEMS = [
    (None, _("Trang chủ"), "home", None),
    (None, _("Mô hình"), "initiatives:list", roles.VIEW),
    (None, _("Đăng ký"), "registrations:create", roles.EDIT_INITIATIVE),
    (_("Bình xét"), _("Tiếp nhận"), "review:inbox", roles.SCREEN_REGISTRATION),
    (_("Bình xét"), _("Phiếu chấm"), "review:my_reviews", roles.SCORE_REVIEW),
    (None, _("Khen thưởng"), "commendations:list", roles.MANAGE_COMMENDATIONS),
    (_("Số liệu"), _("Bảng số liệu"), "dashboard:index", roles.VIEW),
    (_("Số liệu"), _("Báo cáo sơ kết, tổng kết"), "reports:list", roles.VIEW),
    (_("Quản trị"), _("Đơn vị"), "units:list", roles.VIEW),
    (_("Quản trị"), _("Người dùng"), "accounts:users", roles.MANAGE_USERS),
    (_("Quản trị"), _("Nhập Excel"), "imports:index", roles.MANAGE_UNITS),
    (_("Quản trị"), _("Quản trị hệ thống"), "admin:index", roles.MANAGE_CATALOGUES),
]


def _is_active(url: str, current_path: str) -> bool:
    return current_path == url if url == "/" else current_path.startswith(url)


def navigation_for(user, current_path: str) -> list[NavItem]:
    """Top-level entries and menus; a menu with a single entry the user may open becomes a plain entry."""
    held = user_permissions(user)
    menus: dict[str, list[NavItem]] = {}
    order: list[str | NavItem] = []
    for menu, label, name, permission in _ITEMS:
        if permission is not None and permission not in held:
            continue
        url = reverse(name)
        entry = NavItem(label=str(label), url=url, active=_is_active(url, current_path))
        if menu is None:
            order.append(entry)
            continue
        if str(menu) not in menus:
            menus[str(menu)] = []
            order.append(str(menu))
        menus[str(menu)].append(entry)
    items = []
    for entry in order:
        if isinstance(entry, NavItem):
            items.append(entry)
        elif len(menus[entry]) == 1:
            items.append(menus[entry][0])
        else:
            children = menus[entry]
            items.append(NavItem(label=entry, active=any(c.active for c in children), children=children))
    return items


def flat_links(items: list[NavItem]) -> list[NavItem]:
    """Every screen of the navigation as one list (the home page's shortcuts)."""
    return [leaf for item in items for leaf in (item.children or [item])]
