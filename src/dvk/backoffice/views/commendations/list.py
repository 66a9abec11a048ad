from django.views.generic import ListView

from dvk.accounts import roles
from dvk.backoffice.views.commendations.base import CommendationPageMixin
from dvk.commendations.selectors import commendations_for_user, proposals_for_user
from dvk.units.selectors import has_permission


class CommendationListView(CommendationPageMixin, ListView):
    """Commendation decisions issued in the user's scope, with how many collectives and individuals each
    names."""

    permissions = (roles.VIEW,)
    template_name = "backoffice/commendations/list.html"
    context_object_name = "decisions"
    paginate_by = 50

    def get_queryset(self):
        return commendations_for_user(self.request.user)

    def get_context_data(self, **kwargs):
        can_manage = has_permission(self.request.user, roles.MANAGE_COMMENDATIONS)
        return super().get_context_data(can_manage=can_manage, **kwargs)


class ProposalListView(CommendationPageMixin, ListView):
    """Proposals (đề nghị khen thưởng) of the user's scope."""

    permissions = (roles.VIEW,)
    template_name = "backoffice/commendations/proposals.html"
    context_object_name = "proposals"
    paginate_by = 50

    def get_queryset(self):
        return proposals_for_user(self.request.user)

    def get_context_data(self, **kwargs):
        can_manage = has_permission(self.request.user, roles.MANAGE_COMMENDATIONS)
        return super().get_context_data(can_manage=can_manage, **kwargs)
