from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from dvk.accounts.models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "full_name", "email", "is_active", "is_superuser")
    search_fields = ("username", "full_name", "email")
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        ("DVK", {"fields": ("full_name", "position", "phone")}),
    )
