"""THE definition of what a signed-in user may see and where they hold a permission.

A user's scope is the subtrees of the units of their memberships plus, transitively, the historical units
merged into any unit of that scope (and those units' subtrees). Every selector of every app starts from
`visible_unit_ids`; nothing else decides visibility.
"""

from collections.abc import Iterable

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from dvk.accounts.roles import ADMINISTRATOR_ONLY, MANAGE_USERS, ROLE_PERMISSIONS, roles_granting
from dvk.units.models import Membership, Unit

_CACHE_ATTR = "_dvk_scope_cache"


def subtree_filter(paths: Iterable[str], prefix: str = "") -> Q:
    """Units (reached through `prefix`, e.g. "unit__") under any of `paths`, inclusive."""
    query = Q(**{f"{prefix}pk__in": []})
    for path in sorted(set(paths)):
        query |= Q(**{f"{prefix}path__startswith": path})
    return query


def scope_paths(unit_ids: Iterable[int]) -> list[str]:
    """The paths of the subtrees that make up the scope of `unit_ids`: their own subtrees plus, to a fixpoint,
    those of the units merged into a unit already in the scope. `expand_scope` is every unit under them; callers
    that filter many records filter by these few paths instead of thousands of ids."""
    frontier = set(Unit.objects.filter(pk__in=list(unit_ids)).values_list("path", flat=True))
    roots: set[str] = set()
    while frontier:
        roots |= frontier
        frontier = set(
            Unit.objects.filter(subtree_filter(frontier, "merged_into__"))
            .exclude(subtree_filter(roots))
            .values_list("path", flat=True)
        )
    return sorted(path for path in roots if not any(path.startswith(r) and path != r for r in roots))


def expand_scope(unit_ids: Iterable[int]) -> frozenset[int]:
    """The units under `unit_ids` (inclusive) plus their predecessors through merges, to a fixpoint."""
    roots = scope_paths(unit_ids)
    if not roots:
        return frozenset()
    return frozenset(Unit.objects.filter(subtree_filter(roots)).values_list("pk", flat=True))


def _cached(user, key, compute):
    cache = user.__dict__.setdefault(_CACHE_ATTR, {})
    if key not in cache:
        cache[key] = compute()
    return cache[key]


def clear_scope_cache(user) -> None:
    user.__dict__.pop(_CACHE_ATTR, None)


def visible_unit_ids(user) -> frozenset[int]:
    """Units whose records `user` may read. Computed once per user object (one request)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return frozenset()
    if user.is_superuser:
        return _cached(user, "all", lambda: frozenset(Unit.objects.values_list("pk", flat=True)))
    return _cached(
        user,
        "visible",
        lambda: expand_scope(Membership.objects.filter(user=user).values_list("unit_id", flat=True)),
    )


def unit_ids_with_permission(user, permission: str) -> frozenset[int]:
    """Units where `user` holds `permission` through one of their roles (all units for an administrator)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return frozenset()
    if user.is_superuser:
        return visible_unit_ids(user)
    if permission in ADMINISTRATOR_ONLY:
        return frozenset()
    return _cached(
        user,
        ("perm", permission),
        lambda: expand_scope(
            Membership.objects.filter(user=user, role__in=roles_granting(permission)).values_list(
                "unit_id", flat=True
            )
        ),
    )


def has_permission(user, permission: str, unit_id: int | None = None) -> bool:
    """Does `user` hold `permission` on the unit (or, with no unit, anywhere)?"""
    allowed = unit_ids_with_permission(user, permission)
    return bool(allowed) if unit_id is None else unit_id in allowed


def user_roles(user) -> set[str]:
    if not user.is_authenticated:
        return set()
    return _cached(
        user, "roles", lambda: set(Membership.objects.filter(user=user).values_list("role", flat=True))
    )


def user_permissions(user) -> frozenset[str]:
    """Every permission `user` holds somewhere: what the navigation offers."""
    if user.is_authenticated and user.is_superuser:
        return frozenset().union(*ROLE_PERMISSIONS.values(), ADMINISTRATOR_ONLY)
    return frozenset().union(*(ROLE_PERMISSIONS[role] for role in user_roles(user)))


def units_for_user(user, *, include_inactive: bool = True) -> QuerySet[Unit]:
    units = Unit.objects.filter(pk__in=visible_unit_ids(user))
    if not include_inactive:
        units = units.filter(is_active=True)
    return units.select_related("merged_into").order_by("path")


def get_unit_for_user(user, pk) -> Unit:
    """The unit if visible; the same 404 for "missing" and "not yours"."""
    return get_object_or_404(units_for_user(user), pk=pk)


def memberships_for_user(user) -> QuerySet[Membership]:
    """Memberships a user may manage: those in units where they hold MANAGE_USERS."""
    return (
        Membership.objects.filter(unit_id__in=unit_ids_with_permission(user, MANAGE_USERS))
        .select_related("user", "unit")
        .order_by("unit__path", "user__username")
    )


def scope_roots(user) -> QuerySet[Unit]:
    """The top units of a user's scope (their membership units, or the roots for an administrator)."""
    if user.is_superuser:
        return Unit.objects.get_root_nodes()
    return Unit.objects.filter(memberships__user=user).distinct().order_by("path")


def own_memberships(user) -> QuerySet[Membership]:
    """The user's own memberships (their roles and units), for their home page."""
    return Membership.objects.filter(user=user).select_related("unit").order_by("unit__path", "role")
