"""Reads for notifications: a user's own notifications, and who should be told about a unit's records.

"The unit's staff" are the people whose membership grants a permission on that unit (see
`units.selectors.expand_scope`: a membership covers its unit's subtree and the units merged into it), taken at
the nearest level that has any: a commune's registration is announced to the commune's officers, not to every
secretariat above it; a district's own registration to the district's officers.
"""

from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.shortcuts import get_object_or_404

from dvk.accounts.models import User
from dvk.accounts.roles import roles_granting
from dvk.notifications.models import Notification
from dvk.units.models import Membership, Unit


def notifications_for_user(user) -> QuerySet[Notification]:
    """The user's own notifications, unread first, newest first."""
    return (
        Notification.objects.filter(user_id=user.pk)
        .annotate(
            unread_first=Case(
                When(read_at__isnull=True, then=Value(0)), default=Value(1), output_field=IntegerField()
            )
        )
        .order_by("unread_first", "-created_at", "-id")
    )


def get_notification_for_user(user, pk) -> Notification:
    """The same 404 for "missing" and "someone else's"."""
    return get_object_or_404(Notification.objects.filter(user_id=user.pk), pk=pk)


def unread_count(user) -> int:
    if user is None or not user.is_authenticated:
        return 0
    return Notification.objects.filter(user_id=user.pk, read_at__isnull=True).count()


def covering_unit_ids(unit_id: int) -> list[int]:
    """Units whose memberships reach `unit_id`, nearest first: the unit, its ancestors up to the root, then
    (for a unit merged away, or under one) the unit it was merged into with its ancestors, and so on."""
    ordered: list[int] = []
    queue = [unit_id]
    while queue:
        path = Unit.objects.filter(pk=queue.pop(0)).values_list("path", flat=True).first()
        if path is None:
            continue
        prefixes = [path[:end] for end in range(Unit.steplen, len(path) + 1, Unit.steplen)]
        chain = Unit.objects.filter(path__in=prefixes).values_list("pk", "path", "merged_into_id")
        for pk, _path, merged_into_id in sorted(chain, key=lambda row: len(row[1]), reverse=True):
            if pk in ordered:
                continue
            ordered.append(pk)
            if merged_into_id is not None and merged_into_id not in ordered:
                queue.append(merged_into_id)
    return ordered


def users_to_notify(unit_id: int, permission: str, *, exclude=None) -> list[User]:
    """Active users holding `permission` on the unit through a membership at the nearest covering level,
    without `exclude` (the person who acted)."""
    covering = covering_unit_ids(unit_id)
    rank = {pk: position for position, pk in enumerate(covering)}
    memberships = list(
        Membership.objects.filter(
            unit_id__in=covering, role__in=roles_granting(permission), user__is_active=True
        ).select_related("user")
    )
    if not memberships:
        return []
    nearest = min(rank[membership.unit_id] for membership in memberships)
    users = {m.user.pk: m.user for m in memberships if rank[m.unit_id] == nearest}
    if exclude is not None:
        users.pop(exclude.pk, None)
    return sorted(users.values(), key=lambda user: user.pk)
