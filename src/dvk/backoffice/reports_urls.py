"""URLs of the reports screens (namespace "reports")."""

urlpatterns = []
