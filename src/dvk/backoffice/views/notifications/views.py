"""A user's notifications: unread first; opening one marks it read and leads to what it is about."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View
from django.views.generic import TemplateView

from dvk.notifications.selectors import get_notification_for_user, notifications_for_user
from dvk.notifications.services import mark_all_notifications_read, mark_notification_read

PAGE_SIZE = 30


class NotificationListView(LoginRequiredMixin, TemplateView):
    """GET: the list. POST: mark every notification read."""

    template_name = "backoffice/notifications/list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = Paginator(notifications_for_user(self.request.user), PAGE_SIZE).get_page(
            self.request.GET.get("page")
        )
        context["page_obj"] = page
        context["has_unread"] = any(not n.is_read for n in page.object_list)
        return context

    def post(self, request):
        count = mark_all_notifications_read(actor=request.user)
        if count:
            messages.success(request, f"Đã đánh dấu {count} thông báo là đã đọc.")
        return redirect("notifications:list")


class NotificationReadView(LoginRequiredMixin, View):
    """POST: mark one of the user's notifications read, then open what it points to (or go back to the list
    with `stay`). Someone else's notification is a 404."""

    http_method_names = ["post"]

    def post(self, request, pk):
        notification = mark_notification_read(get_notification_for_user(request.user, pk), actor=request.user)
        target = notification.url
        safe = target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()})
        if request.POST.get("stay") or not safe:
            return redirect(reverse("notifications:list"))
        return redirect(target)
