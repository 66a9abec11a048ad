"""The detail pages: an initiative (mô hình) with its years, replications, commendations and files; a
registration (lượt đăng ký) with its timeline, reviews, recognition and only the actions the user may take."""

from django.views.generic import TemplateView

from dvk.backoffice.exports import result_label
from dvk.backoffice.views.initiatives import presenters
from dvk.backoffice.views.initiatives.common import ReaderMixin, status_badge
from dvk.evaluations.models import Review
from dvk.evaluations.selectors import reviews_of_registration_for_user
from dvk.initiatives.replication import replications_for_user
from dvk.initiatives.richtext import sanitize_rich_text
from dvk.initiatives.selectors import (
    attachments_of,
    available_transitions,
    get_initiative_for_user,
    get_registration_for_user,
    honorees_naming,
    may_record_replication,
    registration_actions,
    registration_events,
    registrations_of_initiative,
    replication_source,
    reviews_of,
)


def _rich_texts(record, names: tuple[str, ...]) -> dict[str, str]:
    """Formatted fields as safe HTML: sanitised again on the way out, so rows written in bulk (demo, import)
    print as safely as those written through the forms; plain text becomes paragraphs."""
    return {name: sanitize_rich_text(getattr(record, name)) for name in names if getattr(record, name)}


class InitiativeDetailView(ReaderMixin, TemplateView):
    template_name = "backoffice/initiatives/detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        initiative = get_initiative_for_user(user, kwargs["pk"])
        registrations = list(registrations_of_initiative(user, initiative))
        for registration in registrations:
            registration.badge = status_badge(registration.status)
            registration.result = result_label(registration)
        context.update(
            initiative=initiative,
            indicators=presenters.indicators(initiative),
            texts=_rich_texts(initiative, ("description", "objectives", "results")),
            registrations=registrations,
            source=replication_source(user, initiative),
            replications=list(replications_for_user(user, initiative)),
            honorees=list(honorees_naming(initiative)),
            files=presenters.file_links(attachments_of(initiative)),
            can_record_replication=may_record_replication(initiative, user),
        )
        return context


class RegistrationDetailView(ReaderMixin, TemplateView):
    template_name = "backoffice/initiatives/registration.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        registration = get_registration_for_user(user, kwargs["pk"])
        reviews = reviews_of(registration)
        # Which sheets this user may read is decided by the evaluations selector alone.
        readable = list(reviews_of_registration_for_user(user, registration))
        see_all = len(readable) == len(reviews)
        own_review = next((review for review in reviews if review.reviewer_id == user.pk), None)
        context.update(
            registration=registration,
            initiative=registration.initiative,
            badge=status_badge(registration.status),
            recognition=getattr(registration, "recognition", None),
            texts=_rich_texts(registration, ("results",)),
            timeline=presenters.timeline(list(registration_events(registration, with_reviews=see_all))),
            reviews=reviews,
            readable_reviews=readable,
            hidden_reviews=len(reviews) - len(readable),
            submitted_reviews=sum(1 for review in reviews if review.state == Review.State.SUBMITTED),
            own_review=own_review,
            honorees=list(honorees_naming(registration.initiative)),
            files=presenters.file_links(attachments_of(registration.initiative, registration)),
            transitions=presenters.transition_buttons(available_transitions(registration, user)),
            links=presenters.action_links(registration, registration_actions(registration, user)),
            next_url=self.request.get_full_path(),
        )
        return context
