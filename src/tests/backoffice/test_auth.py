"""Signing in, the home page per role, account locking and password change."""

import pytest
from django.urls import reverse

SIGN_IN = "/dang-nhap/"


def sign_in(client, username, password="demo"):
    return client.post(SIGN_IN, {"username": username, "password": password})


def test_the_sign_in_page_speaks_vietnamese(client, db):
    page = client.get(SIGN_IN).content.decode()
    assert '<html lang="vi">' in page
    assert "Đăng nhập" in page
    assert 'name="viewport"' in page


def test_pages_need_a_signed_in_user(client, db):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith(SIGN_IN)


def test_a_wrong_password_gets_a_vietnamese_message(client, people):
    response = sign_in(client, "cb_b1", "sai")
    assert response.status_code == 200
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in response.content.decode()


@pytest.mark.parametrize(
    ("username", "present", "absent"),
    [
        ("cb_b1", ["Cán bộ đơn vị", "Xã B1", "Đơn vị"], ["Người dùng", "Quản trị hệ thống"]),
        ("tt_b", ["Thường trực Ban Chỉ đạo", "Huyện B", "Người dùng"], ["Quản trị hệ thống"]),
        ("ld_a", ["Lãnh đạo (xem)", "Tỉnh A"], ["Người dùng"]),
        ("root_admin", ["Quản trị hệ thống", "Người dùng"], []),
    ],
)
def test_the_home_page_shows_the_users_roles_and_navigation(client, people, username, present, absent):
    response = sign_in(client, username)
    assert response.status_code == 302
    page = client.get(reverse("home")).content.decode()
    for text in present:
        assert text in page
    for text in absent:
        assert text not in page


def test_repeated_failures_lock_the_account_even_for_the_right_password(client, people, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "cb_b1", "sai")
    response = sign_in(client, "cb_b1", "demo")
    assert response.status_code == 429
    assert "Tài khoản tạm khóa" in response.content.decode()
    # Another officer of the same office (same address) can still sign in.
    assert sign_in(client, "tt_b", "demo").status_code == 302


def test_a_user_changes_their_password(client, people):
    sign_in(client, "cb_b1")
    response = client.post(
        reverse("password_change"),
        {"old_password": "demo", "new_password1": "Mat-khau-moi-2026", "new_password2": "Mat-khau-moi-2026"},
    )
    assert response.status_code == 302
    people.staff.refresh_from_db()
    assert people.staff.check_password("Mat-khau-moi-2026")


def test_a_weak_new_password_is_refused_in_vietnamese(client, people):
    sign_in(client, "cb_b1")
    response = client.post(
        reverse("password_change"), {"old_password": "demo", "new_password1": "123", "new_password2": "123"}
    )
    assert response.status_code == 200
    assert "Mật khẩu này quá ngắn" in response.content.decode()


def test_sessions_expire(settings):
    assert settings.SESSION_COOKIE_AGE <= 12 * 3600
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
