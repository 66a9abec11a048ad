from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.views import View

from dvk.initiatives.attachments import get_attachment_for_user


class AttachmentFileView(LoginRequiredMixin, View):
    """Serve an attachment (or its thumbnail) to a user who may see its registration. Evidence is never a
    public URL: files are read through the storage API after the scope check."""

    thumbnail = False

    def get(self, request, pk):
        attachment = get_attachment_for_user(request.user, pk)
        stored = attachment.thumbnail if self.thumbnail else attachment.file
        if attachment.is_removed or not stored:
            raise Http404
        try:
            handle = default_storage.open(stored.name, "rb")
        except FileNotFoundError:
            raise Http404 from None
        if self.thumbnail:
            return FileResponse(handle, content_type="image/jpeg")
        return FileResponse(
            handle,
            content_type=attachment.content_type,
            as_attachment=attachment.kind != attachment.Kind.PHOTO,
            filename=attachment.original_name,
        )
