"""What the initiative and registration pages share: the reader's gate and how a status looks."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied

from dvk.accounts.roles import VIEW
from dvk.initiatives.enums import Status
from dvk.units.selectors import has_permission

# Bootstrap badge classes by status: grey while a draft, blue while moving, green/red once decided.
STATUS_BADGES = {
    Status.DRAFT: "text-bg-secondary",
    Status.SUBMITTED: "text-bg-primary",
    Status.RETURNED: "text-bg-warning",
    Status.ACCEPTED: "text-bg-info",
    Status.SELF_ASSESSED: "text-bg-info",
    Status.UNDER_REVIEW: "text-bg-primary",
    Status.RECOGNISED: "text-bg-success",
    Status.NOT_RECOGNISED: "text-bg-danger",
    Status.WITHDRAWN: "text-bg-dark",
}


def status_badge(status: str | None) -> dict[str, str]:
    """{"label", "css"} for a status code (empty for none)."""
    if not status:
        return {"label": "", "css": ""}
    return {"label": str(Status(status).label), "css": STATUS_BADGES.get(status, "text-bg-secondary")}


class ReaderMixin(LoginRequiredMixin):
    """Pages every role reads: 403 for a signed-in user who may read nothing (no membership)."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not has_permission(request.user, VIEW):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)
