"""Fill the year masks and the other registering units of initiatives that existed before them, by the rule
of `dvk.initiatives.rollups.rollups_of` (pure Python, safe to call with historical models)."""

from django.db import migrations

BATCH = 2000
FIELDS = [
    "registered_years",
    "recognised_years",
    "exemplary_years",
    "elsewhere_unit_id",
    "elsewhere_years",
    "registered_by_many",
]


def fill(apps, schema_editor):
    from dvk.initiatives.rollups import YearFacts, rollups_of

    Initiative = apps.get_model("initiatives", "Initiative")
    Registration = apps.get_model("initiatives", "Registration")
    ids = list(Initiative.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), BATCH):
        initiatives = list(Initiative.objects.filter(pk__in=ids[start : start + BATCH]).only("pk", "unit_id"))
        facts = {i.pk: [] for i in initiatives}
        rows = Registration.objects.filter(initiative_id__in=list(facts)).values_list(
            "initiative_id", "year", "status", "outcome", "unit_id", "recognition__is_exemplary"
        )
        for initiative_id, year, status, outcome, unit_id, exemplary in rows:
            facts[initiative_id].append(YearFacts(year, status, outcome, unit_id, bool(exemplary)))
        for initiative in initiatives:
            rollups = rollups_of(initiative.unit_id, facts[initiative.pk])
            for name in FIELDS:
                setattr(initiative, name, getattr(rollups, name))
        Initiative.objects.bulk_update(initiatives, FIELDS, batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0004_year_masks"), ("evaluations", "0001_initial")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
