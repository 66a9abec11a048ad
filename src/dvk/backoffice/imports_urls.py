"""URLs of the import screens (namespace "imports")."""

urlpatterns = []
