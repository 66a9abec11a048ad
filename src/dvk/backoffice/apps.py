from django.apps import AppConfig


class BackofficeConfig(AppConfig):
    name = "dvk.backoffice"
    label = "backoffice"
    verbose_name = "Trang nghiệp vụ"
