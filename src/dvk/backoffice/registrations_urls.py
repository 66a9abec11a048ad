"""URLs of the registrations screens. Names are a contract other screens link to; a name still pointing at
PendingView is a screen not built yet."""

from django.urls import path

from dvk.backoffice.views.registrations.attachment_file import AttachmentFileView
from dvk.backoffice.views.registrations.attachment_remove import AttachmentRemoveView
from dvk.backoffice.views.registrations.attachments import AttachmentsView
from dvk.backoffice.views.registrations.create import RegistrationCreateView
from dvk.backoffice.views.registrations.edit import RegistrationEditView
from dvk.backoffice.views.registrations.register_again import RegisterAgainView
from dvk.backoffice.views.registrations.self_assess import SelfAssessView
from dvk.backoffice.views.registrations.transition import RegistrationTransitionView
from dvk.backoffice.views.registrations.year_end import ContinueView, StopView

urlpatterns = [
    path("moi/", RegistrationCreateView.as_view(), name="create"),
    path("dang-ky-lai/", RegisterAgainView.as_view(), name="register_again"),
    path("<int:pk>/sua/", RegistrationEditView.as_view(), name="edit"),
    path("<int:pk>/chuyen/", RegistrationTransitionView.as_view(), name="transition"),
    path("<int:pk>/tu-danh-gia/", SelfAssessView.as_view(), name="self_assess"),
    path("<int:pk>/duy-tri/", ContinueView.as_view(), name="continue"),
    path("<int:pk>/dung/", StopView.as_view(), name="stop"),
    path("<int:pk>/tep/", AttachmentsView.as_view(), name="attachments"),
    path("tep/<int:pk>/go/", AttachmentRemoveView.as_view(), name="attachment_remove"),
    # Serving evidence after the scope check (photos inline, documents as downloads).
    path("tep/<int:pk>/", AttachmentFileView.as_view(), name="attachment_file"),
    path("tep/<int:pk>/anh-nho/", AttachmentFileView.as_view(thumbnail=True), name="attachment_thumbnail"),
]
