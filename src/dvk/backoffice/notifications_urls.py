"""URLs of the notifications screens (namespace "notifications")."""

urlpatterns = []
