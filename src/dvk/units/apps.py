from django.apps import AppConfig


class UnitsConfig(AppConfig):
    name = "dvk.units"
    label = "units"
    verbose_name = "Đơn vị"
