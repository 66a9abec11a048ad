from django.core.exceptions import PermissionDenied
from django.urls import reverse

from dvk.accounts.roles import EDIT_INITIATIVE
from dvk.backoffice.forms_registrations import ConfirmForm
from dvk.backoffice.views.registrations.base import PermissionGateMixin, ServiceFormView
from dvk.initiatives.attachments import get_attachment_for_user, remove_attachment
from dvk.units.selectors import has_permission


class AttachmentRemoveView(PermissionGateMixin, ServiceFormView):
    """Take a photo or document off a registration's evidence, after confirmation. Nothing is deleted."""

    permissions = (EDIT_INITIATIVE,)
    form_class = ConfirmForm
    template_name = "backoffice/registrations/confirm.html"
    title = "Gỡ tệp đính kèm"
    submit_label = "Gỡ tệp"

    def load_objects(self, pk=None, **kwargs) -> None:
        self.attachment = get_attachment_for_user(self.request.user, pk)
        unit_id = self.attachment.registration.unit_id if self.attachment.registration_id else None
        if not has_permission(
            self.request.user, EDIT_INITIATIVE, unit_id or self.attachment.initiative.unit_id
        ):
            raise PermissionDenied

    def perform(self, form) -> str:
        remove_attachment(actor=self.request.user, attachment=self.attachment)
        return f"Đã gỡ “{self.attachment.original_name}”."

    def get_success_url(self) -> str:
        if self.attachment.registration_id:
            return reverse("registrations:attachments", args=[self.attachment.registration_id])
        return reverse("initiatives:detail", args=[self.attachment.initiative_id])

    def get_context_data(self, **kwargs):
        attachment = self.attachment
        return super().get_context_data(
            intro=(
                f"Tệp “{attachment.original_name}” sẽ không còn hiện trong hồ sơ của mô hình. Tệp vẫn được lưu "
                "trong hệ thống và việc gỡ được ghi vào nhật ký thay đổi."
            ),
            danger=True,
            blocked="Tệp này đã được gỡ trước đó." if attachment.is_removed else "",
            cancel_url=self.get_success_url(),
            **kwargs,
        )
