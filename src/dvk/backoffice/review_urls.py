"""URLs of the review screens (namespace "review")."""

urlpatterns = []
