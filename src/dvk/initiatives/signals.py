"""Announcements other apps listen to (notifications, e-mail). Sent after the transaction commits."""

from django.dispatch import Signal

# kwargs: registration, from_status, to_status, actor, note
registration_transitioned = Signal()
