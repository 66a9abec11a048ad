"""Catalogues in Django's admin, for administrators (the app's own screens are for secretariats)."""

from django.contrib import admin

from dvk.campaigns.models import AwardForm, ClassificationLevel, CriteriaSet, Criterion, Phase, Sector


@admin.register(Sector)
class SectorAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "order", "is_active")
    list_editable = ("order", "is_active")
    search_fields = ("name", "code")


@admin.register(AwardForm)
class AwardFormAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "order", "is_active")
    list_editable = ("order", "is_active")


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 1


@admin.register(CriteriaSet)
class CriteriaSetAdmin(admin.ModelAdmin):
    list_display = ("name",)
    search_fields = ("name",)
    inlines = [CriterionInline]


class ClassificationLevelInline(admin.TabularInline):
    model = ClassificationLevel
    extra = 1


@admin.register(Phase)
class PhaseAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "launched_by", "start_year", "end_year")
    list_filter = ("start_year",)
    search_fields = ("name", "code", "launched_by__name")
    raw_id_fields = ("launched_by",)
    inlines = [ClassificationLevelInline]
