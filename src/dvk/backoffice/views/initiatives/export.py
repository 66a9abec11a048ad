from django.http import HttpResponse
from django.utils import timezone
from django.views import View

from dvk.backoffice.exports import XLSX_CONTENT_TYPE, registrations_xlsx
from dvk.backoffice.forms_filters import ListFilterForm
from dvk.backoffice.views.initiatives.common import ReaderMixin
from dvk.initiatives.selectors import registrations_for_user


class ExportView(ReaderMixin, View):
    """The registrations behind the current filter of either list, one row each, as .xlsx in the import
    format (DESIGN §7), so that an exported file can be imported again."""

    def get(self, request):
        form = ListFilterForm(request.GET, user=request.user)
        registrations = registrations_for_user(request.user, form.filters())
        if not request.GET.get("sort"):
            registrations = registrations.order_by("initiative__code", "year", "pk")
        response = HttpResponse(registrations_xlsx(registrations), content_type=XLSX_CONTENT_TYPE)
        filename = f"danh-sach-mo-hinh-{timezone.localdate():%Y%m%d}.xlsx"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
