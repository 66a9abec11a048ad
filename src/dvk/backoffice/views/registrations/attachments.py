from django.conf import settings
from django.urls import reverse

from dvk.accounts.roles import EDIT_INITIATIVE
from dvk.backoffice.forms_registrations import AttachmentForm
from dvk.backoffice.views.registrations.base import RegistrationPageMixin, ServiceFormView
from dvk.initiatives.attachments import add_attachment, registration_attachments
from dvk.initiatives.enums import Status


class AttachmentsView(RegistrationPageMixin, ServiceFormView):
    """The registration's photos and documents (thumbnails, captions) and the upload form."""

    permissions = (EDIT_INITIATIVE,)
    form_class = AttachmentForm
    template_name = "backoffice/registrations/attachments.html"
    crumb = "Ảnh và tài liệu"
    submit_label = "Tải lên"

    @property
    def title(self) -> str:
        return f"Ảnh và tài liệu — {self.registration.initiative.name} ({self.registration.year})"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "max_mb": settings.UPLOAD_MAX_MB}

    def perform(self, form) -> str:
        attachment = add_attachment(
            actor=self.request.user,
            registration=self.registration,
            uploaded_file=form.cleaned_data["file"],
            caption=form.cleaned_data["caption"],
        )
        return f"Đã tải lên “{attachment.original_name}”."

    def handle_error(self, form, error):
        form.add_error("file", error.message)
        return self.form_invalid(form)

    def get_success_url(self) -> str:
        return reverse("registrations:attachments", args=[self.registration.pk])

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            attachments=list(registration_attachments(self.registration)),
            can_upload=self.registration.status != Status.WITHDRAWN,
            **kwargs,
        )
