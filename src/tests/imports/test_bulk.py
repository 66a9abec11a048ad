"""The importer's bulk insert gives each new record its id and stores its values exactly as the ORM would."""

from datetime import date
from decimal import Decimal

from django.db import transaction

from dvk.imports.bulk import insert_new
from dvk.initiatives.enums import InitiativeKind, Status
from dvk.initiatives.models import Initiative, Registration
from tests.factories import InitiativeFactory, sector


def test_new_rows_get_ids_and_their_values(tree):
    existing = InitiativeFactory(unit=tree.b1)  # ids continue after rows already there
    initiatives = [
        Initiative(
            code=f"BULK-{n}",
            name=f"Mô hình {n}",
            unit=tree.b1,
            kind=InitiativeKind.INDIVIDUAL,
            person_name="Hà Thị Lan",
            sector=sector(),
            started_on=date(2021, 3, 1),
            funds_mobilised=Decimal("1500000"),
            roads_km=Decimal("12.5"),
        )
        for n in range(3)
    ]
    with transaction.atomic():
        insert_new(initiatives)
        registrations = [
            Registration(initiative=i, unit=tree.b1, year=2022, status=Status.ACCEPTED) for i in initiatives
        ]
        insert_new(registrations)
    ids = [i.pk for i in initiatives]
    assert len(set(ids)) == 3
    assert min(ids) > existing.pk
    stored = Initiative.objects.get(pk=ids[1])
    assert (stored.code, stored.person_name, stored.started_on) == ("BULK-1", "Hà Thị Lan", date(2021, 3, 1))
    assert (stored.funds_mobilised, stored.roads_km) == (Decimal("1500000"), Decimal("12.50"))
    assert stored.created_at is not None
    assert (
        list(Registration.objects.filter(initiative_id__in=ids).values_list("status", flat=True))
        == [Status.ACCEPTED] * 3
    )
    # The next ORM insert does not collide with the reserved ids.
    assert InitiativeFactory(unit=tree.b1).pk not in ids
