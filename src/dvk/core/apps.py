from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "dvk.core"
    label = "core"
    verbose_name = "Lõi"
