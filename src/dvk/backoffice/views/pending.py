"""A placeholder for screens agreed by URL name but not built yet. A test fails while any URL still points here."""

from django.http import HttpResponse
from django.views import View


class PendingView(View):
    def dispatch(self, request, *args, **kwargs):
        return HttpResponse("Chức năng đang được xây dựng.", status=501)
