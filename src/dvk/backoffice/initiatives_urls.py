"""URLs of the initiatives screens (namespace "initiatives")."""

urlpatterns = []
