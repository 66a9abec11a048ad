"""Which accounts a user may see and manage. An administrator sees every account; anyone else sees the accounts
with at least one membership in a unit where they hold MANAGE_USERS, and only those memberships (the memberships
come from `units.selectors.memberships_for_user`)."""

from django.db.models import Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from dvk.accounts.models import User
from dvk.core.text import clean
from dvk.units.models import Membership, Unit
from dvk.units.selectors import memberships_for_user


def users_for_manager(actor, *, unit: Unit | None = None, role: str = "", search: str = "") -> QuerySet[User]:
    """Accounts `actor` manages, each with `managed_memberships` prefetched (those in the actor's scope)."""
    memberships = memberships_for_user(actor)
    users = User.objects.all()
    if unit is not None or role or not actor.is_superuser:
        matching = memberships
        if unit is not None:
            matching = matching.filter(unit__path__startswith=unit.path)
        if role:
            matching = matching.filter(role=role)
        users = users.filter(pk__in=matching.values("user_id"))
    if search := clean(search):
        users = users.filter(
            Q(username__icontains=search) | Q(full_name__icontains=search) | Q(email__icontains=search)
        )
    return users.prefetch_related(
        Prefetch("memberships", queryset=memberships, to_attr="managed_memberships")
    ).order_by("username")


def get_user_for_manager(actor, pk) -> User:
    """The account if `actor` manages it; the same 404 for "missing" and "not yours"."""
    return get_object_or_404(users_for_manager(actor), pk=pk)


def get_membership_for_manager(actor, pk) -> Membership:
    return get_object_or_404(memberships_for_user(actor), pk=pk)


def has_administrator() -> bool:
    return User.objects.filter(is_superuser=True, is_active=True).exists()
