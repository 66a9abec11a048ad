from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.views.generic import TemplateView

from dvk.accounts import roles
from dvk.backoffice.forms_commendations import ProposalItemsForm, ProposalScopeForm
from dvk.backoffice.views.commendations.base import CommendationPageMixin
from dvk.commendations.models import Proposal
from dvk.commendations.selectors import (
    commendations_for_user,
    get_proposal_for_user,
    proposal_candidates_for_user,
    proposal_initiatives,
)
from dvk.commendations.services import create_proposal, update_proposal
from dvk.core.errors import DvkError
from dvk.units.selectors import has_permission


def default_title(phase) -> str:
    return f"Đề nghị khen thưởng phong trào thi đua “Dân vận khéo” giai đoạn {phase.start_year} - {phase.end_year}"


class ProposalCreateView(CommendationPageMixin, TemplateView):
    """Pick a unit and a phase, then tick among the initiatives recognised in it (exemplary ones first and
    ticked by default) to propose them for commendation."""

    template_name = "backoffice/commendations/proposal_form.html"

    def render_page(self, scope, items=None):
        context = {"scope": scope, "items": items, "candidates": None, "chosen": set()}
        if scope.is_valid():
            user, data = self.request.user, scope.cleaned_data
            shown = list(
                proposal_candidates_for_user(
                    user, unit=data["unit"], phase=data["phase"], only_exemplary=data["only_exemplary"]
                )
            )
            if items is None:
                all_candidates = proposal_candidates_for_user(user, unit=data["unit"], phase=data["phase"])
                items = ProposalItemsForm(
                    candidates=all_candidates, initial={"title": default_title(data["phase"])}
                )
                chosen = {str(c.pk) for c in shown if c.is_exemplary}
            else:
                chosen = set(items.data.getlist("initiatives"))
            context.update(items=items, candidates=shown, chosen=chosen)
        return self.render_to_response(self.get_context_data(**context))

    def get(self, request, *args, **kwargs):
        return self.render_page(ProposalScopeForm(request.GET or None, user=request.user))

    def post(self, request, *args, **kwargs):
        scope = ProposalScopeForm(request.POST, user=request.user)
        if not scope.is_valid():
            return self.render_page(scope)
        data = scope.cleaned_data
        items = ProposalItemsForm(
            request.POST,
            candidates=proposal_candidates_for_user(request.user, unit=data["unit"], phase=data["phase"]),
        )
        if items.is_valid():
            try:
                proposal = create_proposal(
                    actor=request.user,
                    unit=data["unit"],
                    phase=data["phase"],
                    title=items.cleaned_data["title"],
                    initiatives=list(items.cleaned_data["initiatives"]),
                )
            except DvkError as error:
                items.add_error(None, error.message)
            else:
                messages.success(request, f"Đã lập đề nghị khen thưởng “{proposal.title}”.")
                return redirect("commendations:proposal", proposal.pk)
        return self.render_page(scope, items)


class ProposalView(CommendationPageMixin, TemplateView):
    """A proposal: its initiatives, the decisions answering it and, while undecided, its editable list."""

    permissions = (roles.VIEW,)
    template_name = "backoffice/commendations/proposal.html"

    def load_objects(self, pk=None, **kwargs) -> None:
        self.proposal = get_proposal_for_user(self.request.user, pk)
        self.can_edit = self.proposal.state != Proposal.State.DECIDED and has_permission(
            self.request.user, roles.MANAGE_COMMENDATIONS, self.proposal.unit_id
        )
        self.can_decide = has_permission(self.request.user, roles.MANAGE_COMMENDATIONS, self.proposal.unit_id)

    def candidates(self):
        proposal = self.proposal
        return proposal_candidates_for_user(self.request.user, unit=proposal.unit, phase=proposal.phase)

    def get_context_data(self, items=None, **kwargs):
        context = super().get_context_data(**kwargs)
        included = list(proposal_initiatives(self.proposal))
        if self.can_edit and items is None:
            items = ProposalItemsForm(
                candidates=self.candidates(),
                initial={"title": self.proposal.title, "initiatives": [i.pk for i in included]},
            )
        chosen = (
            set(items.data.getlist("initiatives"))
            if items is not None and items.is_bound
            else {str(i.pk) for i in included}
        )
        context.update(
            proposal=self.proposal,
            included=included,
            items=items,
            candidates=list(self.candidates()) if self.can_edit else [],
            chosen=chosen,
            can_edit=self.can_edit,
            can_decide=self.can_decide,
            decisions=commendations_for_user(self.request.user).filter(proposal=self.proposal),
        )
        return context

    def post(self, request, *args, **kwargs):
        if not self.can_edit:
            raise PermissionDenied
        items = ProposalItemsForm(request.POST, candidates=self.candidates())
        if items.is_valid():
            try:
                update_proposal(
                    actor=request.user,
                    proposal=self.proposal,
                    title=items.cleaned_data["title"],
                    initiatives=list(items.cleaned_data["initiatives"]),
                )
            except DvkError as error:
                items.add_error(None, error.message)
            else:
                messages.success(request, "Đã lưu đề nghị khen thưởng.")
                return redirect(request.path)
        return self.render_to_response(self.get_context_data(items=items))
