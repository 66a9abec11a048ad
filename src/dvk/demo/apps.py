from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "dvk.demo"
    label = "demo"
    verbose_name = "Dữ liệu mẫu"
