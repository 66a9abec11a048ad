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
    # Unit staff: writing initiatives and registrations.
    path("dang-ky/", include(("dvk.backoffice.registrations_urls", "registrations"))),
    # Everyone: lists, search, details.
    path("mo-hinh/", include(("dvk.backoffice.initiatives_urls", "initiatives"))),
    # Secretariat and reviewers: screening, review, recognition.
    path("binh-xet/", include(("dvk.backoffice.review_urls", "review"))),
    path("khen-thuong/", include(("dvk.backoffice.commendations_urls", "commendations"))),
    path("thong-bao/", include(("dvk.backoffice.notifications_urls", "notifications"))),
    # Figures and summary reports.
    path("so-lieu/", include(("dvk.backoffice.dashboard_urls", "dashboard"))),
    path("bao-cao/", include(("dvk.backoffice.reports_urls", "reports"))),
    # Bringing a committee's Excel registers in.
    path("nhap-du-lieu/", include(("dvk.backoffice.imports_urls", "imports"))),
]
