from django.urls import path

from dvk.backoffice.views.accounts import users

urlpatterns = [
    path("", users.UserListView.as_view(), name="users"),
]
