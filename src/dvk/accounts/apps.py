from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "dvk.accounts"
    label = "accounts"
    verbose_name = "Tài khoản"
