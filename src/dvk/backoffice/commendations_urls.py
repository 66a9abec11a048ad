"""URLs of the commendations screens (namespace "commendations")."""

urlpatterns = []
