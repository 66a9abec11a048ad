"""Screen forms of the user pages. Unit choices are limited to units where the signed-in user holds
MANAGE_USERS; the views hand the cleaned data to `dvk.accounts.services`."""

from django import forms
from django.utils.translation import gettext_lazy as _

from dvk.accounts.roles import MANAGE_USERS, Role
from dvk.backoffice.forms_units import BootstrapFormMixin, UnitChoiceField
from dvk.units.selectors import unit_ids_with_permission, units_for_user


def user_managing_units(user, *, include_inactive: bool = False):
    """Units of the user's scope where they manage users."""
    return units_for_user(user, include_inactive=include_inactive).filter(
        pk__in=unit_ids_with_permission(user, MANAGE_USERS)
    )


class _NewPasswordMixin(forms.Form):
    password1 = forms.CharField(
        label=_("Mật khẩu"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
    password2 = forms.CharField(
        label=_("Nhập lại mật khẩu"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("Hai lần nhập mật khẩu không khớp nhau."))
        return cleaned


class MembershipForm(BootstrapFormMixin, forms.Form):
    field_order = ["unit", "role"]
    role = forms.ChoiceField(label=_("Vai trò"), choices=Role.choices)

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def extra_fields(self):
        return {"unit": UnitChoiceField(queryset=user_managing_units(self.user), label=_("Đơn vị"))}


class UserCreateForm(BootstrapFormMixin, _NewPasswordMixin):
    username = forms.CharField(
        label=_("Tên đăng nhập"),
        max_length=150,
        help_text=_("Chữ không dấu, số và các ký tự @ . + - _ (ví dụ: nguyenvana.xab1)."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "none"}),
    )
    full_name = forms.CharField(label=_("Họ và tên"), max_length=150)
    position = forms.CharField(label=_("Chức vụ"), max_length=150, required=False)
    email = forms.EmailField(label=_("Thư điện tử"), required=False)
    role = forms.ChoiceField(label=_("Vai trò"), choices=Role.choices)

    field_order = ["username", "full_name", "position", "email", "unit", "role", "password1", "password2"]

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def extra_fields(self):
        return {"unit": UnitChoiceField(queryset=user_managing_units(self.user), label=_("Đơn vị"))}


class ResetPasswordForm(BootstrapFormMixin, _NewPasswordMixin):
    pass


class UserFilterForm(BootstrapFormMixin, forms.Form):
    field_order = ["q", "unit", "role"]
    q = forms.CharField(
        label=_("Tìm kiếm"),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("Tên đăng nhập, họ tên, thư điện tử")}),
    )
    role = forms.ChoiceField(
        label=_("Vai trò"), required=False, choices=[("", _("Mọi vai trò")), *Role.choices]
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def extra_fields(self):
        return {
            "unit": UnitChoiceField(
                queryset=user_managing_units(self.user, include_inactive=True),
                required=False,
                label=_("Đơn vị (kể cả trực thuộc)"),
                empty_label=_("Mọi đơn vị"),
            )
        }
