"""Announcements of the review and recognition work (notifications listen). Sent after the transaction commits."""

from django.dispatch import Signal

# kwargs: review (evaluations.Review), actor
review_assigned = Signal()
# kwargs: registration, reviewer, review_id (the deleted sheet's), actor
review_withdrawn = Signal()
# kwargs: recognition (evaluations.Recognition), actor
recognition_recorded = Signal()
