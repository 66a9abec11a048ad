"""URLs of the registrations screens (namespace "registrations")."""

urlpatterns = []
