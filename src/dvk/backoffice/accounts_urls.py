from django.urls import path

from dvk.backoffice.views.accounts import create, detail, password, status, users

urlpatterns = [
    path("", users.UserListView.as_view(), name="users"),
    path("them/", create.UserCreateView.as_view(), name="create"),
    path("<int:pk>/", detail.UserDetailView.as_view(), name="detail"),
    path("<int:pk>/trang-thai/", status.UserActiveView.as_view(), name="set_active"),
    path("<int:pk>/dat-lai-mat-khau/", password.ResetPasswordView.as_view(), name="reset_password"),
    path("phan-cong/<int:pk>/go/", detail.MembershipRemoveView.as_view(), name="remove_membership"),
]
