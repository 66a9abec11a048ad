from django.contrib.auth import views as auth_views
from django.urls import include, path

from dvk.backoffice.views import home
from dvk.backoffice.views.auth import PasswordChangeView, SignInView

urlpatterns = [
    path("", home.HomeView.as_view(), name="home"),
    path("dang-nhap/", SignInView.as_view(), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("doi-mat-khau/", PasswordChangeView.as_view(), name="password_change"),
    path("don-vi/", include(("dvk.backoffice.units_urls", "units"))),
    path("nguoi-dung/", include(("dvk.backoffice.accounts_urls", "accounts"))),
]
