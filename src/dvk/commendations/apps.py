from django.apps import AppConfig


class CommendationsConfig(AppConfig):
    name = "dvk.commendations"
    label = "commendations"
    verbose_name = "Khen thưởng"
