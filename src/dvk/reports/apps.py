from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "dvk.reports"
    label = "reports"
    verbose_name = "Báo cáo"
