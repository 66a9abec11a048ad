from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.forms import formset_factory
from django.shortcuts import redirect
from django.utils import timezone
from django.views.generic import TemplateView

from dvk.accounts import roles
from dvk.backoffice.forms_commendations import DecisionForm, HonoreeForm, HonoreeFormSet
from dvk.backoffice.views.commendations.base import (
    CommendationPageMixin,
    honoree_units,
    honorees_from_forms,
    label_rows,
)
from dvk.commendations.selectors import (
    get_commendation_for_user,
    get_proposal_for_user,
    honorees_from_initiatives,
    honorees_of,
    proposal_initiatives,
)
from dvk.commendations.services import DuplicateNumber, add_honorees, issue_commendation
from dvk.core.errors import DvkError
from dvk.initiatives.enums import InitiativeKind
from dvk.units.selectors import has_permission

ROW_FIELDS = ("kind", "name", "position", "unit", "initiative_codes")
MORE_ROWS = 5


def posted_rows(data, prefix: str) -> list[dict]:
    """The filled honoree rows of a POST, as initial values (to redisplay them with more blank rows)."""
    total = int(data.get(f"{prefix}-TOTAL_FORMS", "0") or 0)
    rows = [{f: data.get(f"{prefix}-{i}-{f}", "") for f in ROW_FIELDS} for i in range(min(total, 1000))]
    return [row for row in rows if row["name"] or row["unit"] or row["initiative_codes"]]


def with_more_rows(rows: list[dict], prefix: str):
    return formset_factory(HonoreeForm, extra=MORE_ROWS)(initial=rows, prefix=prefix)


class DecisionCreateView(CommendationPageMixin, TemplateView):
    """A numbered decision with its honorees; `?proposal=<pk>` prefills the issuer, phase and one honoree row
    per collective (its unit) or individual (the person) of the proposal."""

    template_name = "backoffice/commendations/decision_form.html"
    prefix = "honorees"

    def load_objects(self, **kwargs) -> None:
        pk = self.request.GET.get("proposal") or self.request.POST.get("proposal") or ""
        self.proposal = get_proposal_for_user(self.request.user, pk) if pk.isdigit() else None
        if self.proposal and not has_permission(
            self.request.user, roles.MANAGE_COMMENDATIONS, self.proposal.unit_id
        ):
            raise PermissionDenied

    def get(self, request, *args, **kwargs):
        initial, rows = {"date": timezone.localdate()}, []
        if self.proposal is not None:
            initial.update(issuing_unit=self.proposal.unit_id, phase=self.proposal.phase_id)
            for data in honorees_from_initiatives(proposal_initiatives(self.proposal)):
                rows.append(
                    {
                        "kind": data.kind,
                        "name": data.name,
                        "position": data.position,
                        "unit": data.unit.code,
                        "initiative_codes": ", ".join(i.code for i in data.initiatives),
                    }
                )
        form = DecisionForm(initial=initial, user=request.user)
        return self.render_page(form, HonoreeFormSet(initial=rows, prefix=self.prefix))

    def post(self, request, *args, **kwargs):
        user = request.user
        if "more_rows" in request.POST:
            form = DecisionForm(initial=request.POST.dict(), user=user)
            return self.render_page(form, with_more_rows(posted_rows(request.POST, self.prefix), self.prefix))
        form = DecisionForm(request.POST, user=user)
        formset = HonoreeFormSet(request.POST, prefix=self.prefix)
        if form.is_valid() and formset.is_valid():
            honorees = honorees_from_forms(user, formset.forms)
            if honorees is not None:
                try:
                    decision = issue_commendation(
                        actor=user, proposal=self.proposal, honorees=honorees, **form.cleaned_data
                    )
                except DvkError as error:
                    form.add_error("number" if isinstance(error, DuplicateNumber) else None, error.message)
                else:
                    messages.success(request, f"Đã ghi {decision} với {len(honorees)} tập thể, cá nhân.")
                    return redirect("commendations:decision", decision.pk)
        return self.render_page(form, formset)

    def render_page(self, form, formset):
        units = honoree_units(self.request.user)
        label_rows(formset, units)
        return self.render_to_response(
            self.get_context_data(form=form, formset=formset, proposal=self.proposal, units=units)
        )


class DecisionView(CommendationPageMixin, TemplateView):
    """A decision with its collectives and individuals (and their initiatives); its issuer's secretariat may
    name more honorees, never the same one twice."""

    permissions = (roles.VIEW,)
    template_name = "backoffice/commendations/decision.html"
    prefix = "add"

    def load_objects(self, pk=None, **kwargs) -> None:
        self.decision = get_commendation_for_user(self.request.user, pk)
        self.can_manage = has_permission(
            self.request.user, roles.MANAGE_COMMENDATIONS, self.decision.issuing_unit_id
        )

    def get(self, request, *args, **kwargs):
        return self.render_page(HonoreeFormSet(prefix=self.prefix) if self.can_manage else None)

    def post(self, request, *args, **kwargs):
        if not self.can_manage:
            raise PermissionDenied
        if "more_rows" in request.POST:
            return self.render_page(with_more_rows(posted_rows(request.POST, self.prefix), self.prefix))
        formset = HonoreeFormSet(request.POST, prefix=self.prefix)
        if formset.is_valid():
            honorees = honorees_from_forms(request.user, formset.forms)
            if honorees is not None:
                try:
                    added = add_honorees(actor=request.user, commendation=self.decision, honorees=honorees)
                except DvkError as error:
                    return self.render_page(formset, error=error.message)
                messages.success(request, f"Đã thêm {len(added)} tập thể, cá nhân vào quyết định.")
                return redirect(request.path)
        return self.render_page(formset)

    def render_page(self, formset, error: str = ""):
        honorees = list(honorees_of(self.decision))
        units = honoree_units(self.request.user) if formset is not None else []
        if formset is not None:
            label_rows(formset, units)
        return self.render_to_response(
            self.get_context_data(
                decision=self.decision,
                collectives=[h for h in honorees if h.kind == InitiativeKind.COLLECTIVE],
                individuals=[h for h in honorees if h.kind == InitiativeKind.INDIVIDUAL],
                formset=formset,
                error=error,
                units=units,
            )
        )
