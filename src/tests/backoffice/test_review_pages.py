"""The secretariat's and reviewers' pages: inbox, assignment, scoring, results, recognition, replication."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dvk.accounts.roles import Role
from dvk.backoffice.navigation import flat_links, navigation_for
from dvk.evaluations.models import Recognition, Review
from dvk.evaluations.services import assign_reviewers, submit_review
from dvk.initiatives.enums import InitiativeKind, Status
from dvk.initiatives.models import Registration
from tests.evaluations.helpers import make_phase, make_registration, scores_for
from tests.factories import InitiativeFactory, make_user


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


# Inbox ------------------------------------------------------------------------------------------------------


def test_the_inbox_lists_submitted_registrations_of_the_scope_only(tree, people, as_user):
    mine = make_registration(tree.b1, name="Mô hình dân vận xã B1")
    make_registration(tree.c1, name="Mô hình của huyện C")
    make_registration(tree.b2, Status.DRAFT, name="Bản nháp xã B2")
    html = page(as_user(people.secretariat).get(reverse("review:inbox")))
    assert "Tiếp nhận đăng ký" in html
    assert "Mô hình dân vận xã B1" in html
    assert "Mô hình của huyện C" not in html
    assert "Bản nháp xã B2" not in html
    assert f'value="{mine.pk}"' in html


def test_the_inbox_is_refused_to_staff_and_reviewers(tree, people, as_user):
    for user in (people.staff, people.reviewer, people.viewer):
        assert as_user(user).get(reverse("review:inbox")).status_code == 403


def test_accepting_one_registration_from_the_inbox(tree, people, as_user):
    registration = make_registration(tree.b1)
    response = as_user(people.secretariat).post(
        reverse("review:inbox"), {"registrations": [registration.pk], "action": "accept"}, follow=True
    )
    registration.refresh_from_db()
    assert registration.status == Status.ACCEPTED
    assert "Đã tiếp nhận 1 lượt đăng ký." in page(response)


def test_bulk_screening_reports_what_it_could_not_do(tree, people, as_user):
    done = [make_registration(tree.b1) for _ in range(2)]
    refused = make_registration(tree.b2, Status.ACCEPTED, name="Đã tiếp nhận trước")
    response = as_user(people.secretariat).post(
        reverse("review:inbox"),
        {"registrations": [r.pk for r in [*done, refused]], "action": "accept"},
        follow=True,
    )
    html = page(response)
    assert "Đã tiếp nhận 2, 1 không thực hiện được:" in html
    assert "Đã tiếp nhận trước" in html
    assert Registration.objects.filter(status=Status.ACCEPTED).count() == 3


def test_returning_without_a_reason_is_a_message_not_an_error(tree, people, as_user):
    registration = make_registration(tree.b1)
    response = as_user(people.secretariat).post(
        reverse("review:inbox"), {"registrations": [registration.pk], "action": "return"}, follow=True
    )
    assert "Vui lòng ghi rõ lý do trả lại." in page(response)
    registration.refresh_from_db()
    assert registration.status == Status.SUBMITTED


def test_returning_with_a_reason(tree, people, as_user):
    registration = make_registration(tree.b1)
    as_user(people.secretariat).post(
        reverse("review:inbox"),
        {"registrations": [registration.pk], "action": "return", "reason": "Thiếu ảnh minh chứng"},
    )
    registration.refresh_from_db()
    assert (registration.status, registration.return_reason) == (Status.RETURNED, "Thiếu ảnh minh chứng")


def test_opening_review_leads_to_assignment(tree, people, as_user):
    registration = make_registration(tree.b1, Status.SELF_ASSESSED, name="Đã tự đánh giá")
    client = as_user(people.secretariat)
    assert "Đã tự đánh giá" in page(client.get(reverse("review:inbox") + "?tab=self_assessed"))
    response = client.post(
        reverse("review:inbox") + "?tab=self_assessed",
        {"registrations": [registration.pk], "action": "open_review"},
    )
    assert response.url == f"{reverse('review:assign')}?registration={registration.pk}"
    registration.refresh_from_db()
    assert registration.status == Status.UNDER_REVIEW


def test_a_registration_out_of_scope_cannot_be_posted(tree, people, as_user):
    other = make_registration(tree.c1)
    response = as_user(people.secretariat).post(
        reverse("review:inbox"), {"registrations": [other.pk], "action": "accept"}, follow=True
    )
    assert "Chọn ít nhất một lượt đăng ký." in page(response)
    other.refresh_from_db()
    assert other.status == Status.SUBMITTED


def test_the_inbox_costs_the_same_queries_for_one_and_three_rows(tree, people, as_user):
    client = as_user(people.secretariat)
    make_registration(tree.b1)
    one = queries(client, reverse("review:inbox"))
    make_registration(tree.b2, kind=InitiativeKind.INDIVIDUAL)
    make_registration(tree.b1)
    assert queries(client, reverse("review:inbox")) == one


def test_the_inbox_filters_by_unit_and_year(tree, people, as_user):
    make_registration(tree.b1, name="Năm 2022 xã B1")
    make_registration(tree.b2, name="Năm 2021 xã B2", year=2021)
    html = page(as_user(people.secretariat).get(reverse("review:inbox"), {"unit": tree.b2.pk}))
    assert "Năm 2021 xã B2" in html
    assert "Năm 2022 xã B1" not in html
    html = page(as_user(people.secretariat).get(reverse("review:inbox"), {"year": 2022}))
    assert "Năm 2022 xã B1" in html
    assert "Năm 2021 xã B2" not in html


# Assignment -------------------------------------------------------------------------------------------------


def test_the_assign_page_preselects_and_shows_conflicts(tree, people, phase, as_user):
    own = make_user(tree.b1, Role.STAFF, username="hd_b1", full_name="Lò Văn Xã")
    own.memberships.create(unit=tree.b, role=Role.REVIEWER)
    registration = make_registration(tree.b1, Status.UNDER_REVIEW, phase=phase, name="Đường hoa xã B1")
    make_registration(tree.b2, Status.UNDER_REVIEW, phase=phase, name="Mô hình khác")
    url = reverse("review:assign") + f"?registration={registration.pk}"
    html = page(as_user(people.secretariat).get(url))
    assert "Phân công thành viên hội đồng chấm điểm" in html
    assert "Đường hoa xã B1" in html
    assert "Mô hình khác" not in html
    assert f'value="{registration.pk}" id="reg-{registration.pk}" checked' in html
    assert "Không được chấm (cùng đơn vị): Lò Văn Xã" in html
    assert people.reviewer.display_name in html


def test_assigning_by_hand_from_the_page(tree, people, phase, as_user):
    registration = make_registration(tree.b1, Status.UNDER_REVIEW, phase=phase)
    response = as_user(people.secretariat).post(
        reverse("review:assign"),
        {"registrations": [registration.pk], "reviewers": [people.reviewer.pk], "mode": "all"},
        follow=True,
    )
    assert "Đã phân công 1 phiếu chấm cho 1 lượt đăng ký." in page(response)
    assert Review.objects.get().reviewer == people.reviewer


def test_a_conflict_of_interest_is_shown_on_the_page(tree, people, phase, as_user):
    own = make_user(tree.b1, Role.REVIEWER, username="hd_b1", full_name="Lò Văn Xã")
    registration = make_registration(tree.b1, Status.UNDER_REVIEW, phase=phase)
    response = as_user(people.secretariat).post(
        reverse("review:assign"), {"registrations": [registration.pk], "reviewers": [own.pk], "mode": "all"}
    )
    html = page(response)
    assert "xung đột lợi ích" in html
    assert f'value="{registration.pk}" id="reg-{registration.pk}" checked' in html
    assert not Review.objects.exists()


def test_spreading_evenly_from_the_page(tree, people, phase, as_user):
    second = make_user(tree.b, Role.REVIEWER, username="hd_b2")
    registrations = [make_registration(tree.b1, Status.UNDER_REVIEW, phase=phase) for _ in range(2)]
    as_user(people.secretariat).post(
        reverse("review:assign"),
        {
            "registrations": [r.pk for r in registrations],
            "reviewers": [people.reviewer.pk, second.pk],
            "mode": "spread",
            "per_registration": 1,
        },
    )
    assert sorted(Review.objects.values_list("reviewer__username", flat=True)) == ["hd_b", "hd_b2"]


def test_the_assign_page_costs_the_same_queries_for_one_and_three_rows(tree, people, phase, as_user):
    client = as_user(people.secretariat)
    first = make_registration(tree.b1, Status.UNDER_REVIEW, phase=phase)
    assign_reviewers(actor=people.secretariat, registrations=[first], reviewers=[people.reviewer])
    one = queries(client, reverse("review:assign"))
    for unit in (tree.b1, tree.b2):
        other = make_registration(unit, Status.UNDER_REVIEW, phase=phase)
        assign_reviewers(actor=people.secretariat, registrations=[other], reviewers=[people.reviewer])
    assert queries(client, reverse("review:assign")) == one


# Scoring ----------------------------------------------------------------------------------------------------


@pytest.fixture
def two_sheets(tree, people, phase):
    second = make_user(tree.b, Role.REVIEWER, username="hd_b2", full_name="Lương Thị Hằng")
    registration = make_registration(tree.b1, Status.UNDER_REVIEW, phase=phase, name="Dân vận khéo thôn Nà")
    sheets = assign_reviewers(
        actor=people.secretariat, registrations=[registration], reviewers=[people.reviewer, second]
    )
    return registration, {s.reviewer.username: s for s in sheets}, second


def test_a_reviewer_lists_and_scores_their_sheet(two_sheets, people, as_user):
    registration, sheets, _ = two_sheets
    client = as_user(people.reviewer)
    html = page(client.get(reverse("review:my_reviews")))
    assert "Dân vận khéo thôn Nà" in html
    assert "Chấm điểm" in html
    url = reverse("review:score", args=[sheets["hd_b"].pk])
    html = page(client.get(url))
    assert "Mục tiêu rõ ràng" in html
    assert "tối đa 40 điểm" in html
    criteria = registration.phase.collective_criteria.criteria.order_by("order")
    data = {f"points_{c.pk}": p for c, p in zip(criteria, (35, 30, 18), strict=True)}
    data.update({f"comment_{criteria[0].pk}": "Mục tiêu sát thực tế", "comment": "Mô hình hiệu quả"})
    response = client.post(url, data, follow=True)
    assert "Đã gửi phiếu chấm" in page(response)
    review = Review.objects.get(pk=sheets["hd_b"].pk)
    assert (review.state, review.total) == (Review.State.SUBMITTED, Decimal("83.00"))


def test_out_of_range_points_come_back_as_field_errors(two_sheets, people, as_user):
    registration, sheets, _ = two_sheets
    criteria = registration.phase.collective_criteria.criteria.order_by("order")
    data = {f"points_{c.pk}": p for c, p in zip(criteria, (45, 30, 18), strict=True)}
    html = page(as_user(people.reviewer).post(reverse("review:score", args=[sheets["hd_b"].pk]), data))
    assert "Đảm bảo giá trị này là nhỏ hơn hoặc bằng với 40.00" in html
    assert Review.objects.get(pk=sheets["hd_b"].pk).state == Review.State.ASSIGNED


def test_a_reviewer_sees_the_others_scores_only_after_submitting(two_sheets, people, as_user):
    registration, sheets, second = two_sheets
    submit_review(
        actor=second, review=sheets["hd_b2"], scores=scores_for(registration, 37, 39, 19), comment="Rất khéo"
    )
    client = as_user(people.reviewer)
    url = reverse("review:score", args=[sheets["hd_b"].pk])
    html = page(client.get(url))
    assert "Lương Thị Hằng" not in html
    assert "Rất khéo" not in html
    submit_review(actor=people.reviewer, review=sheets["hd_b"], scores=scores_for(registration, 30, 30, 15))
    html = page(client.get(url))
    assert "Lương Thị Hằng" in html
    assert "Rất khéo" in html
    assert "95" in html


def test_a_reviewer_cannot_open_another_reviewers_sheet(two_sheets, people, as_user):
    _, sheets, _ = two_sheets
    assert as_user(people.reviewer).get(reverse("review:score", args=[sheets["hd_b2"].pk])).status_code == 404
    assert as_user(people.staff).get(reverse("review:score", args=[sheets["hd_b"].pk])).status_code == 403


def test_a_sheet_without_criteria_explains_why(tree, people, as_user):
    registration = make_registration(tree.b1, Status.UNDER_REVIEW, year=2025)
    sheet = assign_reviewers(
        actor=people.secretariat, registrations=[registration], reviewers=[people.reviewer]
    )[0]
    html = page(as_user(people.reviewer).get(reverse("review:score", args=[sheet.pk])))
    assert "chưa gắn với giai đoạn thi đua nào" in html
    assert "Gửi phiếu chấm" not in html


def test_my_reviews_costs_the_same_queries_for_one_and_three_rows(tree, people, phase, as_user):
    client = as_user(people.reviewer)
    for _ in range(1):
        registration = make_registration(tree.b1, Status.UNDER_REVIEW, phase=phase)
        assign_reviewers(actor=people.secretariat, registrations=[registration], reviewers=[people.reviewer])
    one = queries(client, reverse("review:my_reviews"))
    for unit in (tree.b1, tree.b2):
        registration = make_registration(unit, Status.UNDER_REVIEW, phase=phase)
        assign_reviewers(actor=people.secretariat, registrations=[registration], reviewers=[people.reviewer])
    assert queries(client, reverse("review:my_reviews")) == one


# Results and recognition ------------------------------------------------------------------------------------


def test_results_show_means_spread_and_the_suggested_classification(two_sheets, people, as_user):
    registration, sheets, second = two_sheets
    submit_review(actor=people.reviewer, review=sheets["hd_b"], scores=scores_for(registration, 36, 36, 18))
    submit_review(actor=second, review=sheets["hd_b2"], scores=scores_for(registration, 38, 38, 20))
    html = page(as_user(people.secretariat).get(reverse("review:results", args=[registration.pk])))
    assert "Kết quả bình xét" in html
    assert "37" in html
    assert "36 – 38" in html
    assert "93" in html
    assert "90 – 96" in html
    assert "Phân loại đề xuất theo thang điểm của giai đoạn: <strong>Tiêu biểu</strong>" in html
    assert "Ghi kết quả công nhận" in html


def test_results_are_for_the_secretariat_only(two_sheets, people, as_user):
    registration, _, _ = two_sheets
    assert as_user(people.reviewer).get(reverse("review:results", args=[registration.pk])).status_code == 403
    assert (
        as_user(people.secretariat_c).get(reverse("review:results", args=[registration.pk])).status_code
        == 404
    )


def test_recording_a_recognition_from_the_results_page(two_sheets, people, phase, as_user):
    registration, _, _ = two_sheets
    level = phase.classification_levels.get(code="cong-nhan")
    response = as_user(people.secretariat).post(
        reverse("review:results", args=[registration.pk]),
        {
            "recognised": "1",
            "level": "district",
            "classification": level.pk,
            "decision_number": "05-QĐ/BCĐ",
            "decision_date": "2022-12-10",
        },
        follow=True,
    )
    assert "được công nhận" in page(response)
    recognition = Recognition.objects.get()
    assert (recognition.classification_name, recognition.decision_number) == ("Công nhận", "05-QĐ/BCĐ")
    registration.refresh_from_db()
    assert registration.status == Status.RECOGNISED


def test_refusing_recognition_without_a_reason_is_a_form_error(two_sheets, people, as_user):
    registration, _, _ = two_sheets
    html = page(
        as_user(people.secretariat).post(
            reverse("review:results", args=[registration.pk]), {"recognised": "0"}
        )
    )
    assert "Vui lòng ghi rõ lý do không công nhận." in html
    assert not Recognition.objects.exists()


def test_bulk_recognition_from_the_list(tree, people, phase, as_user):
    registrations = [
        make_registration(tree.b1, Status.UNDER_REVIEW, phase=phase, name=f"Bình xét {i}") for i in range(2)
    ]
    client = as_user(people.secretariat)
    html = page(client.get(reverse("review:recognise")))
    assert "Bình xét 0" in html
    assert "Chưa có điểm" in html
    response = client.post(
        reverse("review:recognise"),
        {"registrations": [r.pk for r in registrations], "recognised": "0", "reason": "Chưa đạt hiệu quả"},
        follow=True,
    )
    assert "Đã ghi không công nhận cho 2 lượt đăng ký." in page(response)
    assert set(Registration.objects.values_list("status", flat=True)) == {Status.NOT_RECOGNISED}


def test_the_recognise_list_costs_the_same_queries_for_one_and_three_rows(tree, people, phase, as_user):
    client = as_user(people.secretariat)
    make_registration(tree.b1, Status.UNDER_REVIEW, phase=phase)
    one = queries(client, reverse("review:recognise"))
    make_registration(tree.b2, Status.UNDER_REVIEW, phase=phase)
    make_registration(tree.b1, Status.UNDER_REVIEW)
    assert queries(client, reverse("review:recognise")) == one


# Replication ------------------------------------------------------------------------------------------------


def test_recording_a_replication_link_from_a_search(tree, people, as_user):
    original = InitiativeFactory(unit=tree.b2, name="Con đường bích họa")
    copy = InitiativeFactory(unit=tree.b1, name="Đường hoa nông thôn mới")
    client = as_user(people.secretariat)
    url = reverse("review:replication", args=[copy.pk])
    html = page(client.get(url, {"q": "con duong bich hoa"}))
    assert "Con đường bích họa" in html
    response = client.post(url, {"action": "set", "source": original.pk}, follow=True)
    assert "nhân rộng từ “Con đường bích họa”" in page(response)
    copy.refresh_from_db()
    assert copy.replicated_from == original
    html = page(client.get(reverse("review:replication", args=[original.pk])))
    assert "Nơi đã nhân rộng mô hình này (1)" in html
    assert "Đường hoa nông thôn mới" in html


def test_a_replication_cycle_is_a_message(tree, people, as_user):
    a = InitiativeFactory(unit=tree.b1)
    b = InitiativeFactory(unit=tree.b2, replicated_from=a)
    html = page(
        as_user(people.secretariat).post(
            reverse("review:replication", args=[a.pk]), {"action": "set", "source": b.pk}
        )
    )
    assert "vòng tròn nhân rộng" in html


def test_readers_see_the_replication_page_without_forms(tree, people, as_user):
    initiative = InitiativeFactory(unit=tree.b1)
    client = as_user(people.viewer)
    html = page(client.get(reverse("review:replication", args=[initiative.pk])))
    assert "Chọn làm mô hình gốc" not in html
    assert "Tìm mô hình gốc" not in html
    assert (
        client.post(reverse("review:replication", args=[initiative.pk]), {"action": "clear"}).status_code
        == 403
    )
    other = InitiativeFactory(unit=tree.c1)
    assert as_user(people.secretariat).get(reverse("review:replication", args=[other.pk])).status_code == 404


def test_the_navigation_offers_each_role_its_work(tree, people):
    def labels(user):
        return {item.label for item in flat_links(navigation_for(user, "/"))}

    assert {"Tiếp nhận", "Khen thưởng"} <= labels(people.secretariat)
    assert "Phiếu chấm" in labels(people.reviewer)
    assert not {"Tiếp nhận", "Phiếu chấm", "Khen thưởng"} & labels(people.staff)


def test_menus_group_the_secretariats_screens(tree, people):
    items = navigation_for(people.secretariat, "/binh-xet/tiep-nhan/")
    menus = {item.label: [child.label for child in item.children] for item in items if item.children}
    assert menus["Quản trị"] == ["Đơn vị", "Người dùng", "Nhập Excel"]
    # The secretariat does not score, so its "Bình xét" menu has one entry and shows as a plain link.
    assert [item.label for item in items if item.active] == ["Tiếp nhận"]
    assert len(items) <= 8


def test_the_recognition_form_proposes_the_phase_launchers_level(two_sheets, people, as_user):
    registration, _, _ = two_sheets
    html = page(as_user(people.secretariat).get(reverse("review:results", args=[registration.pk])))
    assert '<option value="district" selected>Cấp huyện</option>' in html


def test_the_results_page_warns_while_sheets_are_missing(two_sheets, people, as_user):
    registration, sheets, _ = two_sheets
    criteria = registration.phase.collective_criteria.criteria.order_by("order")
    submit_review(
        actor=people.reviewer,
        review=sheets["hd_b"],
        scores={c.pk: {"points": 10} for c in criteria},
        comment="",
    )
    html = page(as_user(people.secretariat).get(reverse("review:results", args=[registration.pk])))
    assert "Mới có 1/2 phiếu chấm được nộp" in html
    submit_review(
        actor=sheets["hd_b2"].reviewer,
        review=sheets["hd_b2"],
        scores={c.pk: {"points": 10} for c in criteria},
    )
    html = page(as_user(people.secretariat).get(reverse("review:results", args=[registration.pk])))
    assert "phiếu chấm được nộp" not in html
