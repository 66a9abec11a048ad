"""The list and detail selectors: scope first (a leak test each), then filters, sort and a constant number of
queries."""

from types import SimpleNamespace

import pytest
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext

from dvk.accounts.roles import Role
from dvk.campaigns.models import AwardForm, ClassificationLevel, Sector
from dvk.commendations.models import Authority, Commendation, Honoree
from dvk.core.audit import log_event
from dvk.evaluations.models import Recognition, Review
from dvk.initiatives.enums import InitiativeKind, Status
from dvk.initiatives.replication import replications_for_user
from dvk.initiatives.selectors import (
    COUNTED,
    ListFilters,
    classification_names_for_user,
    get_initiative_for_user,
    get_registration_for_user,
    honorees_naming,
    initiatives_for_user,
    phases_for_user,
    registration_actions,
    registration_events,
    registrations_for_user,
    registrations_of_initiative,
    replication_source,
)
from dvk.initiatives.services import transition_registration
from tests.factories import InitiativeFactory, PhaseFactory, RegistrationFactory, make_user


def codes(queryset) -> list[str]:
    return [getattr(row, "code", None) or row.initiative.code for row in queryset]


def recognise(registration, *, exemplary=False, name="Công nhận", recognised=True):
    Recognition.objects.create(
        registration=registration,
        recognised=recognised,
        is_exemplary=exemplary,
        classification_name=name if recognised else "",
    )


@pytest.fixture
def data(tree):
    """Initiatives in B1, B2 (scope of B) and C1 (the sibling subtree)."""
    other_sector = Sector.objects.order_by("order")[1]
    b1 = InitiativeFactory(code="B1-1", unit=tree.b1, name="Dân vận khéo làm đường")
    b2 = InitiativeFactory(code="B2-1", unit=tree.b2, name="Gương sáng", kind=InitiativeKind.INDIVIDUAL)
    b2.sector = other_sector
    b2.save()
    c1 = InitiativeFactory(code="C1-1", unit=tree.c1, name="Dân vận khéo ở xã C1")
    regs = SimpleNamespace(
        b1_2021=RegistrationFactory(initiative=b1, year=2021, status=Status.RECOGNISED),
        b1_2022=RegistrationFactory(initiative=b1, year=2022, status=Status.SUBMITTED),
        b2_2022=RegistrationFactory(initiative=b2, year=2022, status=Status.DRAFT),
        c1_2022=RegistrationFactory(initiative=c1, year=2022, status=Status.RECOGNISED),
    )
    recognise(regs.b1_2021, exemplary=True, name="Tiêu biểu")
    recognise(regs.c1_2022, exemplary=True, name="Tiêu biểu")
    return SimpleNamespace(b1=b1, b2=b2, c1=c1, regs=regs, other_sector=other_sector)


def test_initiatives_for_user_never_shows_the_sibling_subtree(data, people):
    assert sorted(codes(initiatives_for_user(people.secretariat))) == ["B1-1", "B2-1"]
    assert sorted(codes(initiatives_for_user(people.secretariat, ListFilters()))) == ["B1-1", "B2-1"]
    assert codes(initiatives_for_user(people.staff, ListFilters(search="dan van kheo"))) == ["B1-1"]
    assert codes(initiatives_for_user(people.nobody, ListFilters())) == []
    assert sorted(codes(initiatives_for_user(people.viewer, ListFilters()))) == ["B1-1", "B2-1", "C1-1"]


def test_a_unit_filter_out_of_scope_widens_nothing(data, people, tree):
    assert codes(initiatives_for_user(people.secretariat, ListFilters(unit=tree.c1))) == []
    assert codes(registrations_for_user(people.secretariat, ListFilters(unit=tree.c))) == []


def test_registrations_for_user_never_shows_the_sibling_subtree(data, people):
    seen = {r.pk for r in registrations_for_user(people.secretariat, ListFilters())}
    assert seen == {data.regs.b1_2021.pk, data.regs.b1_2022.pk, data.regs.b2_2022.pk}
    exemplary = registrations_for_user(people.secretariat, ListFilters(exemplary=True))
    assert [r.pk for r in exemplary] == [data.regs.b1_2021.pk]


def test_get_initiative_and_registration_give_the_same_404_for_missing_and_not_yours(data, people):
    assert get_initiative_for_user(people.staff, data.b1.pk) == data.b1
    assert get_registration_for_user(people.staff, data.regs.b1_2022.pk) == data.regs.b1_2022
    for pk in (data.c1.pk, 999_999):
        with pytest.raises(Http404):
            get_initiative_for_user(people.secretariat, pk)
    for pk in (data.regs.c1_2022.pk, 999_999):
        with pytest.raises(Http404):
            get_registration_for_user(people.secretariat, pk)


def test_unit_filter_includes_the_subtree(data, people, tree):
    assert sorted(codes(initiatives_for_user(people.viewer, ListFilters(unit=tree.b)))) == ["B1-1", "B2-1"]
    assert codes(initiatives_for_user(people.viewer, ListFilters(unit=tree.b2))) == ["B2-1"]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"year": 2021}, ["B1-1"]),
        ({"status": Status.DRAFT}, ["B2-1"]),
        ({"status": COUNTED}, ["B1-1"]),
        ({"kind": InitiativeKind.INDIVIDUAL}, ["B2-1"]),
        ({"classification": "Tiêu biểu"}, ["B1-1"]),
        ({"exemplary": True}, ["B1-1"]),
        ({"exemplary": False}, ["B1-1", "B2-1"]),  # B1 has a year that was not exemplary
        ({"search": "guong"}, ["B2-1"]),
        ({"year": 2022, "status": Status.RECOGNISED}, []),  # one registration must meet both
    ],
)
def test_initiative_filters(data, people, filters, expected):
    assert sorted(codes(initiatives_for_user(people.secretariat, ListFilters(**filters)))) == expected


def test_sector_filter(data, people):
    assert codes(initiatives_for_user(people.secretariat, ListFilters(sector=data.other_sector))) == ["B2-1"]
    found = registrations_for_user(people.secretariat, ListFilters(sector=data.other_sector))
    assert [r.pk for r in found] == [data.regs.b2_2022.pk]


def test_phase_filter_takes_its_years_and_its_launching_subtree(data, people, tree):
    phase_b = PhaseFactory(launched_by=tree.b, code="2021-2021", start_year=2021, end_year=2021)
    phase_c = PhaseFactory(launched_by=tree.c, code="2022-2022", start_year=2022, end_year=2022)
    assert codes(initiatives_for_user(people.viewer, ListFilters(phase=phase_b))) == ["B1-1"]
    assert codes(initiatives_for_user(people.viewer, ListFilters(phase=phase_c))) == ["C1-1"]
    assert codes(registrations_for_user(people.secretariat, ListFilters(phase=phase_c))) == []


def test_phases_and_classifications_offered_are_those_of_the_scope(tree, people):
    own = PhaseFactory(launched_by=tree.b, code="B")
    above = PhaseFactory(launched_by=tree.province, code="A")
    sibling = PhaseFactory(launched_by=tree.c, code="C")
    ClassificationLevel.objects.create(phase=own, code="tb", name="Tiêu biểu", min_score=90)
    ClassificationLevel.objects.create(phase=sibling, code="xs", name="Xuất sắc", min_score=95)
    assert set(phases_for_user(people.staff)) == {own, above}
    assert set(phases_for_user(people.viewer)) == {own, above, sibling}
    assert classification_names_for_user(people.staff) == ["Tiêu biểu"]


def test_sorting(data, people):
    by_name = initiatives_for_user(people.secretariat, ListFilters(sort="name"))
    assert codes(by_name) == ["B1-1", "B2-1"]
    assert codes(initiatives_for_user(people.secretariat, ListFilters(sort="-name"))) == ["B2-1", "B1-1"]
    # Statuses sort in workflow order: the draft before the submitted one.
    assert codes(initiatives_for_user(people.secretariat, ListFilters(sort="status"))) == ["B2-1", "B1-1"]
    by_year = registrations_for_user(people.secretariat, ListFilters(sort="year"))
    assert [r.year for r in by_year] == [2021, 2022, 2022]
    assert codes(initiatives_for_user(people.secretariat, ListFilters(sort="bogus"))) != []


def test_the_list_annotations(data, people):
    row = initiatives_for_user(people.secretariat, ListFilters()).get(pk=data.b1.pk)
    assert (row.latest_year, row.latest_status, row.ever_exemplary) == (2022, Status.SUBMITTED, True)


def _queries(run) -> int:
    with CaptureQueriesContext(connection) as captured:
        run()
    return len(captured.captured_queries)


def _touch_initiatives(user) -> list:
    return [
        (row.unit.name, row.sector.name, row.latest_status, row.ever_exemplary)
        for row in initiatives_for_user(user, ListFilters(search="mo hinh", sort="status"))
    ]


def _touch_registrations(user) -> list:
    return [
        (
            row.initiative.name,
            row.initiative.sector.name,
            row.unit.name,
            row.phase,
            getattr(row, "recognition", None),
        )
        for row in registrations_for_user(user, ListFilters(search="mo hinh"))
    ]


def test_lists_cost_the_same_number_of_queries_for_one_row_and_for_many(tree, people):
    user = make_user(tree.b1, Role.STAFF, username="counting")
    first = RegistrationFactory(initiative=InitiativeFactory(unit=tree.b1), year=2022)
    recognise(first)
    one = (_queries(lambda: _touch_initiatives(user)), _queries(lambda: _touch_registrations(user)))
    for year in (2020, 2021):
        registration = RegistrationFactory(initiative=InitiativeFactory(unit=tree.b1), year=year)
        recognise(registration)
    user = make_user(tree.b1, Role.STAFF, username="counting2")  # a fresh user: the scope is computed again
    assert (_queries(lambda: _touch_initiatives(user)), _queries(lambda: _touch_registrations(user))) == one
    assert initiatives_for_user(user, ListFilters(search="mo hinh")).count() == 3


def test_detail_selectors_keep_to_the_scope(data, people, tree):
    data.c1.replicated_from = data.b1
    data.c1.save()
    b2_copy = InitiativeFactory(unit=tree.b2, replicated_from=data.b1)
    from_c = InitiativeFactory(unit=tree.b2, replicated_from=data.c1)
    assert list(replications_for_user(people.secretariat, data.b1)) == [b2_copy]
    assert {i.pk for i in replications_for_user(people.viewer, data.b1)} == {b2_copy.pk, data.c1.pk}
    assert replication_source(people.secretariat, from_c) is None
    assert replication_source(people.viewer, from_c) == data.c1
    assert [r.year for r in registrations_of_initiative(people.staff, data.b1)] == [2022, 2021]


def test_honorees_naming_an_initiative(data, tree, people):
    decision = Commendation.objects.create(
        number="12/QĐ",
        date="2022-10-14",
        issuing_unit=tree.b,
        award_form=AwardForm.objects.first(),
        authority=Authority.GOVERNMENT,
    )
    named = Honoree.objects.create(commendation=decision, kind="collective", name="Xã B1", unit=tree.b1)
    named.initiatives.add(data.b1)
    Honoree.objects.create(commendation=decision, kind="collective", name="Xã B2", unit=tree.b2)
    assert list(honorees_naming(data.b1)) == [named]
    assert list(honorees_naming(data.b2)) == []


@pytest.mark.parametrize(
    ("status", "who", "expected"),
    [
        (Status.DRAFT, "staff", {"edit", "attachments"}),
        (Status.RETURNED, "staff", {"edit", "attachments"}),
        (Status.ACCEPTED, "staff", {"self_assess", "attachments", "continue", "stop"}),
        (Status.RECOGNISED, "staff", {"continue", "stop"}),
        (Status.UNDER_REVIEW, "secretariat", {"assign", "results"}),
        (Status.UNDER_REVIEW, "staff", set()),
        (Status.DRAFT, "viewer", set()),
        (Status.DRAFT, "staff_c", set()),
        (Status.SUBMITTED, "staff", set()),
    ],
)
def test_registration_actions(tree, people, status, who, expected):
    registration = RegistrationFactory(initiative=InitiativeFactory(unit=tree.b1), status=status)
    assert registration_actions(registration, getattr(people, who)) == expected


def test_a_closed_year_offers_no_year_end_action(tree, people):
    registration = RegistrationFactory(
        initiative=InitiativeFactory(unit=tree.b1), status=Status.RECOGNISED, outcome="continued"
    )
    assert registration_actions(registration, people.staff) == set()


def test_the_timeline_reads_the_audit_trail_in_order(tree, people):
    registration = RegistrationFactory(initiative=InitiativeFactory(unit=tree.b1), status=Status.DRAFT)
    transition_registration(registration, Status.SUBMITTED, actor=people.staff)
    transition_registration(registration, Status.RETURNED, actor=people.secretariat, note="Bổ sung ảnh")
    review = Review.objects.create(registration=registration, reviewer=people.reviewer)
    log_event(actor=people.secretariat, action="review.assign", target=review, scope_unit_id=tree.b1.pk)
    events = list(registration_events(registration))
    assert [e.changes["status"] for e in events] == [["draft", "submitted"], ["submitted", "returned"]]
    assert events[1].comment == "Bổ sung ảnh"
    assert [e.action for e in registration_events(registration, with_reviews=True)][-1] == "review.assign"
