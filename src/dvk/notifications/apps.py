from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "dvk.notifications"
    label = "notifications"
    verbose_name = "Thông báo"

    def ready(self) -> None:
        from dvk.commendations.signals import commendation_issued
        from dvk.evaluations.signals import review_assigned, review_withdrawn
        from dvk.initiatives.signals import registration_transitioned
        from dvk.notifications import receivers

        registration_transitioned.connect(
            receivers.on_registration_transitioned, dispatch_uid="dvk-notify-registration"
        )
        review_assigned.connect(receivers.on_review_assigned, dispatch_uid="dvk-notify-review")
        review_withdrawn.connect(receivers.on_review_withdrawn, dispatch_uid="dvk-notify-review-withdrawn")
        commendation_issued.connect(receivers.on_commendation_issued, dispatch_uid="dvk-notify-commendation")
