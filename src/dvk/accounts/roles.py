"""Roles of DESIGN §2 and the permissions each grants inside the subtree of the membership's unit.

Pure data: the workflow table names these permissions, `dvk.units.selectors` answers where a user holds
them. The administrator is not a membership role: a superuser holds every permission everywhere.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    STAFF = "staff", _("Cán bộ đơn vị")
    SECRETARIAT = "secretariat", _("Thường trực Ban Chỉ đạo")
    REVIEWER = "reviewer", _("Thành viên hội đồng bình xét")
    VIEWER = "viewer", _("Lãnh đạo (xem)")


VIEW = "dvk.view"
EDIT_INITIATIVE = "initiatives.edit_initiative"
SUBMIT_REGISTRATION = "initiatives.submit_registration"
SELF_ASSESS_REGISTRATION = "initiatives.self_assess_registration"
WITHDRAW_REGISTRATION = "initiatives.withdraw_registration"
CLOSE_REGISTRATION_YEAR = "initiatives.close_registration_year"
SCREEN_REGISTRATION = "initiatives.screen_registration"
OPEN_REVIEW = "evaluations.open_review"
SCORE_REVIEW = "evaluations.score_review"
RECORD_RECOGNITION = "evaluations.record_recognition"
MANAGE_COMMENDATIONS = "commendations.manage"
MANAGE_REPORTS = "reports.manage"
MANAGE_UNITS = "units.manage_units"
MANAGE_USERS = "accounts.manage_users"
MANAGE_CATALOGUES = "campaigns.manage_catalogues"
MANAGE_PHASES = "campaigns.manage_phases"

_STAFF = {
    VIEW,
    EDIT_INITIATIVE,
    SUBMIT_REGISTRATION,
    SELF_ASSESS_REGISTRATION,
    WITHDRAW_REGISTRATION,
    CLOSE_REGISTRATION_YEAR,
}

ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    Role.STAFF: frozenset(_STAFF),
    Role.SECRETARIAT: frozenset(
        _STAFF
        | {
            SCREEN_REGISTRATION,
            OPEN_REVIEW,
            RECORD_RECOGNITION,
            MANAGE_COMMENDATIONS,
            MANAGE_REPORTS,
            MANAGE_UNITS,
            MANAGE_USERS,
            MANAGE_PHASES,
        }
    ),
    Role.REVIEWER: frozenset({VIEW, SCORE_REVIEW}),
    Role.VIEWER: frozenset({VIEW}),
}

ADMINISTRATOR_ONLY = frozenset({MANAGE_CATALOGUES})


def roles_granting(permission: str) -> list[str]:
    return [role for role, perms in ROLE_PERMISSIONS.items() if permission in perms]
