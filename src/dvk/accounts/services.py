"""The writes on user accounts and memberships.

An administrator manages everyone. A secretariat manages users only in units where it holds MANAGE_USERS
(its subtree): it creates users there, gives and takes roles there, and locks, unlocks or resets the password
of users whose every membership lies in that scope; it never touches an administrator.
"""

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction

from dvk.accounts.models import User
from dvk.accounts.roles import MANAGE_USERS, Role
from dvk.core.audit import log_event
from dvk.core.errors import InvalidState, NotAllowed, ValidationFailed
from dvk.core.text import clean
from dvk.units.models import Membership, Unit
from dvk.units.selectors import clear_scope_cache, has_permission, unit_ids_with_permission


class PasswordRejected(ValidationFailed):
    """The new password fails one of the configured password validators."""


@transaction.atomic
def create_administrator(
    *, username: str, password: str, email: str = "", full_name: str = "", actor=None
) -> User:
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationFailed(f"Tên đăng nhập “{username}” đã có người dùng.")
    user = User.objects.create_superuser(
        username=username, email=email, password=password, full_name=full_name
    )
    log_event(actor=actor, action="user.create_administrator", target=user)
    return user


def _is_administrator(actor) -> bool:
    return actor is not None and actor.is_authenticated and actor.is_active and actor.is_superuser


def _require_unit(actor, unit: Unit) -> Unit:
    unit = Unit.objects.get(pk=unit.pk)
    if not has_permission(actor, MANAGE_USERS, unit.pk):
        raise NotAllowed(f"Bạn không có quyền quản lý người dùng của đơn vị “{unit.name}”.")
    if not unit.is_active:
        raise InvalidState(f"Đơn vị “{unit.name}” đã ngừng hoạt động, không thể phân công người dùng vào đó.")
    return unit


def _require_role(role: str) -> None:
    if role not in Role.values:
        raise ValidationFailed(f"Vai trò “{role}” không hợp lệ.")


def _require_not_administrator(actor, user: User) -> None:
    if user.is_superuser and not _is_administrator(actor):
        raise NotAllowed(f"Chỉ quản trị hệ thống được thay đổi tài khoản quản trị “{user.username}”.")


def account_refusal(actor, user: User) -> str | None:
    """Why `actor` may not lock, unlock or reset the password of `user` (None when they may): an
    administrator manages every other account; a secretariat, accounts whose every membership is in its
    MANAGE_USERS scope, never an administrator's. Pages use it to decide which buttons to show."""
    if actor is not None and actor.pk == user.pk:
        return "Bạn không thể thực hiện thao tác này trên tài khoản của chính mình."
    if _is_administrator(actor):
        return None
    if user.is_superuser:
        return f"Chỉ quản trị hệ thống được thay đổi tài khoản quản trị “{user.username}”."
    unit_ids = set(user.memberships.values_list("unit_id", flat=True))
    if not unit_ids or not unit_ids <= unit_ids_with_permission(actor, MANAGE_USERS):
        return (
            f"Người dùng “{user.username}” còn được phân công ở đơn vị ngoài phạm vi quản lý của bạn; "
            "hãy liên hệ cấp trên hoặc quản trị hệ thống."
        )
    return None


def _require_account(actor, user: User) -> None:
    if (refusal := account_refusal(actor, user)) is not None:
        raise NotAllowed(refusal)


def _check_password(password: str, user: User) -> None:
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise PasswordRejected(" ".join(error.messages)) from None


def _scope_unit_id(user: User) -> int | None:
    return user.memberships.order_by("unit__path").values_list("unit_id", flat=True).first()


def _clean_account(username: str, email: str) -> tuple[str, str]:
    username = clean(username)
    try:
        User.username_validator(username)
    except ValidationError:
        raise ValidationFailed(
            f"Tên đăng nhập “{username}” không hợp lệ: chỉ dùng chữ, số và các ký tự @ . + - _."
        ) from None
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationFailed(f"Tên đăng nhập “{username}” đã có người dùng.")
    email = User.objects.normalize_email(clean(email))
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise ValidationFailed(f"Địa chỉ thư điện tử “{email}” không hợp lệ.") from None
    return username, email


@transaction.atomic
def create_user(
    *,
    actor,
    username: str,
    full_name: str,
    password: str,
    unit: Unit,
    role: str,
    email: str = "",
    position: str = "",
) -> User:
    """Create an account with its first membership (`role` in `unit`)."""
    unit = _require_unit(actor, unit)
    _require_role(role)
    username, email = _clean_account(username, email)
    full_name, position = clean(full_name), clean(position)
    if not full_name:
        raise ValidationFailed("Họ và tên không được để trống.")
    user = User(username=username, email=email, full_name=full_name, position=position)
    _check_password(password, user)
    user.set_password(password)
    user.save()
    Membership.objects.create(user=user, unit=unit, role=role)
    changes = {
        "username": (None, username),
        "full_name": (None, full_name),
        "email": (None, email),
        "position": (None, position),
        "unit": (None, unit.pk),
        "role": (None, role),
    }
    log_event(actor=actor, action="user.create", target=user, scope_unit_id=unit.pk, changes=changes)
    return user


@transaction.atomic
def add_membership(*, actor, user: User, unit: Unit, role: str) -> Membership:
    """Give `user` the `role` in `unit` (and so in its subtree)."""
    unit = _require_unit(actor, unit)
    _require_role(role)
    _require_not_administrator(actor, user)
    if Membership.objects.filter(user=user, unit=unit, role=role).exists():
        raise ValidationFailed(f"“{user.username}” đã có vai trò {Role(role).label} tại “{unit.name}”.")
    membership = Membership.objects.create(user=user, unit=unit, role=role)
    log_event(
        actor=actor,
        action="user.add_membership",
        target=user,
        scope_unit_id=unit.pk,
        changes={"unit": (None, unit.pk), "role": (None, role)},
        comment=f"membership {membership.pk}",
    )
    clear_scope_cache(user)
    return membership


@transaction.atomic
def remove_membership(*, actor, membership: Membership) -> None:
    """Take a role away. The membership row goes; the audit trail keeps who had which role where."""
    membership = Membership.objects.select_related("user", "unit").get(pk=membership.pk)
    user, unit = membership.user, membership.unit
    if not has_permission(actor, MANAGE_USERS, unit.pk):
        raise NotAllowed(f"Bạn không có quyền quản lý người dùng của đơn vị “{unit.name}”.")
    _require_not_administrator(actor, user)
    if not _is_administrator(actor):
        if actor.pk == user.pk:
            raise NotAllowed("Bạn không thể tự gỡ phân công của chính mình.")
        if not user.memberships.exclude(pk=membership.pk).exists():
            raise InvalidState(
                f"Đây là phân công cuối cùng của “{user.username}”. Hãy khóa tài khoản thay vì gỡ phân công."
            )
    log_event(
        actor=actor,
        action="user.remove_membership",
        target=user,
        scope_unit_id=unit.pk,
        changes={"unit": (unit.pk, None), "role": (membership.role, None)},
        comment=f"membership {membership.pk}",
    )
    membership.delete()
    clear_scope_cache(user)


@transaction.atomic
def set_user_active(*, actor, user: User, active: bool) -> User:
    """Lock (`active=False`) or unlock an account. A locked account cannot sign in; its history stays."""
    user = User.objects.select_for_update().get(pk=user.pk)
    _require_account(actor, user)
    if user.is_active == active:
        state = "đang hoạt động" if active else "đã bị khóa"
        raise InvalidState(f"Tài khoản “{user.username}” {state}.")
    user.is_active = active
    user.save(update_fields=["is_active"])
    log_event(
        actor=actor,
        action="user.activate" if active else "user.deactivate",
        target=user,
        scope_unit_id=_scope_unit_id(user),
        changes={"is_active": (not active, active)},
    )
    return user


@transaction.atomic
def reset_password(*, actor, user: User, password: str) -> User:
    """Set a new password chosen by the manager (validated like any password; never logged)."""
    user = User.objects.select_for_update().get(pk=user.pk)
    _require_account(actor, user)
    _check_password(password, user)
    user.set_password(password)
    user.save(update_fields=["password"])
    log_event(actor=actor, action="user.reset_password", target=user, scope_unit_id=_scope_unit_id(user))
    return user
