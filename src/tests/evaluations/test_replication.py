"""Nhân rộng: B replicates A, recorded by the secretariat of B's scope (services in initiatives/replication.py)."""

import pytest

from dvk.core.errors import NotAllowed, ValidationFailed
from dvk.core.models import AuditEvent
from dvk.initiatives.replication import (
    record_replication,
    replication_sources_for_user,
    replications_for_user,
)
from tests.factories import InitiativeFactory


def test_recording_and_clearing_a_replication_link(tree, people):
    original = InitiativeFactory(unit=tree.c1, name="Mô hình gốc huyện C")
    copy = InitiativeFactory(unit=tree.b1)
    people.secretariat.memberships.create(unit=tree.c, role="viewer")
    result = record_replication(actor=people.secretariat, initiative=copy, source=original)
    assert (result.replicated_from, result.version) == (original, 2)
    event = AuditEvent.objects.get(action="initiative.replication")
    assert (event.actor, event.changes) == (people.secretariat, {"replicated_from": [None, original.pk]})
    record_replication(actor=people.secretariat, initiative=copy, source=None)
    copy.refresh_from_db()
    assert copy.replicated_from is None
    assert AuditEvent.objects.filter(action="initiative.replication").count() == 2


def test_self_links_and_cycles_are_refused(tree, people):
    a = InitiativeFactory(unit=tree.b1)
    b = InitiativeFactory(unit=tree.b2, replicated_from=a)
    c = InitiativeFactory(unit=tree.b2, replicated_from=b)
    with pytest.raises(ValidationFailed, match="chính nó"):
        record_replication(actor=people.secretariat, initiative=a, source=a)
    with pytest.raises(ValidationFailed, match="vòng tròn"):
        record_replication(actor=people.secretariat, initiative=a, source=c)
    a.refresh_from_db()
    assert a.replicated_from is None


def test_replication_needs_the_role_on_b_and_sight_of_a(tree, people):
    mine = InitiativeFactory(unit=tree.b1)
    theirs = InitiativeFactory(unit=tree.c1)
    for actor in (people.staff, people.reviewer, people.viewer, people.secretariat_c):
        with pytest.raises(NotAllowed):
            record_replication(actor=actor, initiative=mine, source=None)
    with pytest.raises(NotAllowed, match="phạm vi"):
        record_replication(actor=people.secretariat, initiative=mine, source=theirs)


def test_where_an_initiative_spread_never_shows_a_sibling_subtree(tree, people):
    original = InitiativeFactory(unit=tree.b1)
    near = InitiativeFactory(unit=tree.b2, replicated_from=original)
    far = InitiativeFactory(unit=tree.c1, replicated_from=original)
    assert list(replications_for_user(people.secretariat, original)) == [near]
    assert set(replications_for_user(people.viewer, original)) == {near, far}
    assert list(replications_for_user(people.secretariat_c, original)) == [far]


def test_sources_are_searched_without_diacritics_inside_the_scope(tree, people):
    road = InitiativeFactory(unit=tree.b1, name="Con đường hoa")
    InitiativeFactory(unit=tree.c1, name="Con đường khác")
    assert list(replication_sources_for_user(people.secretariat, search="con duong")) == [road]
    assert list(replication_sources_for_user(people.secretariat, search="duong", exclude=road)) == []
