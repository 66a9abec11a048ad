"""Commendation pages: proposals, decisions with honorees, the list of decisions."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dvk.campaigns.models import AwardForm
from dvk.commendations.models import Commendation, Honoree, Proposal
from dvk.commendations.services import create_proposal, issue_commendation
from dvk.initiatives.enums import InitiativeKind
from tests.commendations.helpers import collective, decision_values, person, recognised
from tests.evaluations.helpers import make_phase


def page(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


@pytest.fixture
def phase(tree):
    return make_phase(tree.b)


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def decision_post(tree, rows, **changes) -> dict:
    data = {
        "number": "15/QĐ-UBND",
        "date": "2022-10-14",
        "issuing_unit": tree.b.pk,
        "issuer_title": "UBND huyện B",
        "signer_name": "Hoàng Văn Thắng",
        "signer_position": "Chủ tịch UBND huyện",
        "award_form": AwardForm.objects.get(code="giay-khen").pk,
        "authority": "government",
        "honorees-TOTAL_FORMS": str(len(rows) + 1),
        "honorees-INITIAL_FORMS": "0",
    }
    for i, row in enumerate(rows):
        data.update({f"honorees-{i}-{field}": value for field, value in row.items()})
    data[f"honorees-{len(rows)}-kind"] = "collective"
    data.update(changes)
    return data


def test_the_list_shows_decisions_of_the_scope_with_counts(tree, people, as_user):
    issue_commendation(
        actor=people.secretariat,
        honorees=[collective(tree.b1), collective(tree.b2), person(tree.b1)],
        **decision_values(tree.b, number="1568/QĐ-UBND"),
    )
    issue_commendation(
        actor=people.secretariat_c, honorees=[collective(tree.c1)], **decision_values(tree.c, number="99/QĐ")
    )
    html = page(as_user(people.secretariat).get(reverse("commendations:list")))
    assert "Quyết định khen thưởng" in html
    assert "Số 1568/QĐ-UBND" in html
    assert "99/QĐ" not in html
    assert '<td class="text-end">2</td>' in html
    assert '<td class="text-end">1</td>' in html
    assert "Ghi quyết định mới" in html


def test_readers_see_the_list_without_actions_and_staff_are_refused_nothing_they_may_not_see(
    tree, people, as_user
):
    html = page(as_user(people.viewer).get(reverse("commendations:list")))
    assert "Ghi quyết định mới" not in html
    assert as_user(people.viewer).get(reverse("commendations:decision_create")).status_code == 403
    assert as_user(people.nobody).get(reverse("commendations:list")).status_code == 403


def test_the_list_costs_the_same_queries_for_one_and_three_rows(tree, people, as_user):
    client = as_user(people.secretariat)
    issue_commendation(
        actor=people.secretariat, honorees=[collective(tree.b1)], **decision_values(tree.b, number="1")
    )
    one = queries(client, reverse("commendations:list"))
    for number in ("2", "3"):
        issue_commendation(
            actor=people.secretariat,
            honorees=[person(tree.b2), collective(tree.b1)],
            **decision_values(tree.b, number=number),
        )
    assert queries(client, reverse("commendations:list")) == one


def test_recording_a_decision_with_honorees(tree, people, as_user):
    initiative = recognised(tree.b1)
    rows = [
        {"kind": "collective", "name": "", "unit": tree.b1.code, "initiative_codes": initiative.code},
        {
            "kind": "individual",
            "name": "Ma Văn Hưng",
            "position": "Bí thư chi bộ",
            "unit": tree.b2.code.lower(),
        },
    ]
    response = as_user(people.secretariat).post(
        reverse("commendations:decision_create"), decision_post(tree, rows), follow=True
    )
    html = page(response)
    assert "Đã ghi Quyết định số 15/QĐ-UBND ngày 14/10/2022 với 2 tập thể, cá nhân." in html
    assert "Tập thể được khen thưởng (1)" in html
    assert "Ma Văn Hưng" in html
    honoree = Honoree.objects.get(kind="collective")
    assert (honoree.name, list(honoree.initiatives.all())) == ("Xã B1", [initiative])


def test_a_duplicate_honoree_is_a_message_on_the_form(tree, people, as_user):
    rows = [
        {"kind": "individual", "name": "Ma Văn Hưng", "unit": tree.b1.code},
        {"kind": "individual", "name": "ma van hung", "unit": tree.b1.code},
    ]
    html = page(
        as_user(people.secretariat).post(reverse("commendations:decision_create"), decision_post(tree, rows))
    )
    assert "đã có trong quyết định này" in html
    assert "Ma Văn Hưng" in html
    assert not Commendation.objects.exists()


def test_a_duplicate_number_is_an_error_on_its_field(tree, people, as_user):
    issue_commendation(actor=people.secretariat, honorees=[collective(tree.b1)], **decision_values(tree.b))
    rows = [{"kind": "collective", "unit": tree.b2.code}]
    html = page(
        as_user(people.secretariat).post(reverse("commendations:decision_create"), decision_post(tree, rows))
    )
    assert "đã có quyết định khen thưởng số 15/QĐ-UBND" in html
    assert Commendation.objects.count() == 1


def test_unknown_codes_are_row_errors(tree, people, as_user):
    rows = [
        {"kind": "collective", "unit": tree.c1.code},
        {"kind": "collective", "unit": tree.b1.code, "initiative_codes": "XX-1"},
    ]
    html = page(
        as_user(people.secretariat).post(reverse("commendations:decision_create"), decision_post(tree, rows))
    )
    assert f"Không có đơn vị mã “{tree.c1.code}” trong phạm vi khen thưởng của bạn." in html
    assert "Không tìm thấy mô hình: XX-1." in html
    assert not Commendation.objects.exists()


def test_more_rows_keeps_what_was_typed(tree, people, as_user):
    rows = [{"kind": "individual", "name": "Ma Văn Hưng", "unit": tree.b1.code}]
    data = decision_post(tree, rows, more_rows="1")
    html = page(as_user(people.secretariat).post(reverse("commendations:decision_create"), data))
    assert 'value="Ma Văn Hưng"' in html
    assert 'name="honorees-TOTAL_FORMS" value="6"' in html
    assert "invalid-feedback" not in html
    assert not Commendation.objects.exists()


def test_a_proposal_prefills_the_decision(tree, people, phase, as_user):
    group = recognised(tree.b1, exemplary=True)
    individual = recognised(tree.b2, kind=InitiativeKind.INDIVIDUAL)
    proposal = create_proposal(
        actor=people.secretariat,
        unit=tree.b,
        phase=phase,
        title="Đề nghị giai đoạn",
        initiatives=[group, individual],
    )
    html = page(
        as_user(people.secretariat).get(reverse("commendations:decision_create") + f"?proposal={proposal.pk}")
    )
    assert 'value="Xã B1"' in html
    assert 'value="Nguyễn Thị Mai"' in html
    assert f'value="{group.code}"' in html
    assert f'<option value="{tree.b.pk}" selected>' in html


def test_creating_a_proposal_from_the_candidates(tree, people, phase, as_user):
    star = recognised(tree.b1, exemplary=True, name="Mô hình tiêu biểu B1")
    plain = recognised(tree.b2, name="Mô hình công nhận B2")
    recognised(tree.c1, name="Mô hình huyện C")
    client = as_user(people.secretariat)
    url = reverse("commendations:proposal_create")
    html = page(client.get(url, {"unit": tree.b.pk, "phase": phase.pk}))
    assert "Mô hình tiêu biểu B1" in html
    assert "Mô hình công nhận B2" in html
    assert "Mô hình huyện C" not in html
    assert f'value="{star.pk}" id="initiative-{star.pk}" checked' in html
    assert f'value="{plain.pk}" id="initiative-{plain.pk}">' in html
    response = client.post(
        url,
        {"unit": tree.b.pk, "phase": phase.pk, "title": "Đề nghị khen", "initiatives": [star.pk, plain.pk]},
        follow=True,
    )
    assert "Đã lập đề nghị khen thưởng “Đề nghị khen”." in page(response)
    assert set(Proposal.objects.get().initiatives.all()) == {star, plain}


def test_the_proposal_page_edits_until_decided(tree, people, phase, as_user):
    star = recognised(tree.b1, exemplary=True, name="Mô hình tiêu biểu B1")
    plain = recognised(tree.b2, name="Mô hình công nhận B2")
    proposal = create_proposal(
        actor=people.secretariat, unit=tree.b, phase=phase, title="Đề nghị", initiatives=[star]
    )
    client = as_user(people.secretariat)
    url = reverse("commendations:proposal", args=[proposal.pk])
    html = page(client.get(url))
    assert "Mô hình được đề nghị (1)" in html
    assert "Ghi quyết định khen thưởng từ đề nghị này" in html
    client.post(url, {"title": "Đề nghị sửa", "initiatives": [star.pk, plain.pk]})
    assert Proposal.objects.get().initiatives.count() == 2
    html = page(client.post(url, {"title": "Đề nghị sửa", "initiatives": []}))
    assert "Chọn ít nhất một mô hình" in html
    assert as_user(people.secretariat_c).get(url).status_code == 404


def test_adding_an_honoree_to_a_decision(tree, people, as_user):
    decision = issue_commendation(
        actor=people.secretariat, honorees=[person(tree.b1)], **decision_values(tree.b)
    )
    url = reverse("commendations:decision", args=[decision.pk])
    client = as_user(people.secretariat)
    data = {
        "add-TOTAL_FORMS": "1",
        "add-INITIAL_FORMS": "0",
        "add-0-kind": "individual",
        "add-0-name": "Nguyễn Thị Mai",
        "add-0-unit": tree.b1.code,
    }
    html = page(client.post(url, data))
    assert "đã có trong quyết định này" in html
    data["add-0-unit"] = tree.b2.code
    assert "Đã thêm 1 tập thể, cá nhân vào quyết định." in page(client.post(url, data, follow=True))
    assert decision.honorees.count() == 2
    viewer = as_user(people.viewer)
    assert "Thêm tập thể, cá nhân vào quyết định" not in page(viewer.get(url))
    assert viewer.post(url, data).status_code == 403


def test_the_decision_page_costs_the_same_queries_for_one_and_three_honorees(tree, people, as_user):
    initiative = recognised(tree.b1)
    decision = issue_commendation(
        actor=people.secretariat,
        honorees=[collective(tree.b1, initiatives=[initiative])],
        **decision_values(tree.b),
    )
    client = as_user(people.viewer)
    url = reverse("commendations:decision", args=[decision.pk])
    one = queries(client, url)
    from dvk.commendations.services import add_honorees

    add_honorees(
        actor=people.secretariat,
        commendation=decision,
        honorees=[person(tree.b1, initiatives=[initiative]), collective(tree.b2)],
    )
    assert queries(client, url) == one


def test_the_proposal_list_costs_the_same_queries_for_one_and_three_rows(tree, people, phase, as_user):
    client = as_user(people.secretariat)
    initiative = recognised(tree.b1)
    create_proposal(
        actor=people.secretariat, unit=tree.b, phase=phase, title="Đề nghị 1", initiatives=[initiative]
    )
    html = page(client.get(reverse("commendations:proposals")))
    assert "Đề nghị 1" in html
    one = queries(client, reverse("commendations:proposals"))
    for title in ("Đề nghị 2", "Đề nghị 3"):
        create_proposal(
            actor=people.secretariat, unit=tree.b1, phase=phase, title=title, initiatives=[initiative]
        )
    assert queries(client, reverse("commendations:proposals")) == one
