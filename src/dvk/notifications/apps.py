from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "dvk.notifications"
    label = "notifications"
    verbose_name = "Thông báo"
