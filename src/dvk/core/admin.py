from django.contrib import admin

from dvk.core.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """The audit trail is read-only, for everyone."""

    list_display = ("created_at", "actor", "action", "target_type", "target_id", "comment")
    list_filter = ("action",)
    search_fields = ("action", "comment", "actor__username")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
