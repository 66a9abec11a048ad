"""URLs of the dashboard screens (namespace "dashboard")."""

urlpatterns = []
