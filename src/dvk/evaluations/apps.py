from django.apps import AppConfig


class EvaluationsConfig(AppConfig):
    name = "dvk.evaluations"
    label = "evaluations"
    verbose_name = "Bình xét và công nhận"
