"""Fill the search tokens of initiatives that existed before the token table (see dvk.initiatives.search)."""

from django.db import migrations

BATCH = 500


def index_existing(apps, schema_editor):
    from dvk.initiatives.search import insert_tokens, tokens_for

    Initiative = apps.get_model("initiatives", "Initiative")
    SearchToken = apps.get_model("initiatives", "SearchToken")
    ids = list(Initiative.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        rows = [
            (initiative.pk, token)
            for initiative in Initiative.objects.filter(pk__in=chunk).select_related("unit")
            for token in sorted(
                tokens_for(
                    initiative.code,
                    initiative.name,
                    initiative.person_name,
                    initiative.description,
                    initiative.unit.name,
                )
            )
        ]
        SearchToken.objects.filter(initiative_id__in=chunk).delete()
        insert_tokens(rows)


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0002_search_token")]

    operations = [migrations.RunPython(index_existing, migrations.RunPython.noop)]
