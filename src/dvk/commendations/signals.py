"""Announcements of commendation decisions (notifications listen). Sent after the transaction commits."""

from django.dispatch import Signal

# kwargs: commendation (commendations.Commendation), actor
commendation_issued = Signal()
