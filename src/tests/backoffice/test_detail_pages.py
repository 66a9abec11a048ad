"""The initiative and registration detail pages: what they show, to whom, and only the actions allowed now."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from dvk.campaigns.models import AwardForm, CriteriaSet, Criterion
from dvk.commendations.models import Authority, Commendation, Honoree
from dvk.evaluations.models import CriterionScore, Recognition, Review
from dvk.initiatives.enums import Status
from dvk.initiatives.models import Attachment
from dvk.initiatives.services import transition_registration
from tests.factories import InitiativeFactory, RegistrationFactory


def html(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def road(tree):
    return InitiativeFactory(
        code="NH-0007",
        unit=tree.b1,
        name="Dân vận khéo làm đường giao thông nông thôn",
        address="Thôn Nà Khà",
        description="<p>Vận động nhân dân <strong>hiến đất</strong></p><script>alert(1)</script>",
        households_benefiting=120,
        funds_mobilised=Decimal("1250000000"),
        roads_km=Decimal("3.50"),
    )


def test_the_initiative_page_shows_its_fields_years_replications_and_commendations(
    road, tree, people, client
):
    RegistrationFactory(initiative=road, year=2021, status=Status.RECOGNISED)
    RegistrationFactory(initiative=road, year=2022, status=Status.SUBMITTED)
    copy_b2 = InitiativeFactory(unit=tree.b2, name="Làm đường kiểu mới ở B2", replicated_from=road)
    copy_c1 = InitiativeFactory(unit=tree.c1, name="Bản sao ở C1", replicated_from=road)
    decision = Commendation.objects.create(
        number="1568/QĐ-UBND",
        date=date(2022, 10, 14),
        issuing_unit=tree.b,
        issuer_title="UBND huyện B",
        award_form=AwardForm.objects.get(code="giay-khen")
        if AwardForm.objects.filter(code="giay-khen").exists()
        else AwardForm.objects.first(),
        authority=Authority.GOVERNMENT,
    )
    honoree = Honoree.objects.create(
        commendation=decision, kind="collective", name="Nhân dân thôn Nà Khà", unit=tree.b1
    )
    honoree.initiatives.add(road)

    client.force_login(people.staff)
    page = html(client.get(reverse("initiatives:detail", args=[road.pk])))
    assert "Dân vận khéo làm đường giao thông nông thôn" in page
    assert "Thôn Nà Khà" in page
    assert "<strong>hiến đất</strong>" in page
    assert "<script>" not in page
    assert "1.250.000.000 đồng" in page
    assert "120 hộ" in page
    assert "3,50 km" in page
    assert "Năm 2022" in page
    assert "Năm 2021" in page
    assert "1568/QĐ-UBND" in page
    assert "Nhân dân thôn Nà Khà" in page
    assert "Ghi nhận nhân rộng" not in page
    assert "Làm đường kiểu mới ở B2" not in page  # B2 is outside a B1 officer's scope
    client.force_login(people.secretariat)
    page = html(client.get(reverse("initiatives:detail", args=[road.pk])))
    assert "Làm đường kiểu mới ở B2" in page
    assert reverse("initiatives:detail", args=[copy_b2.pk]) in page
    assert "Bản sao ở C1" not in page
    assert reverse("initiatives:detail", args=[copy_c1.pk]) not in page


def test_the_initiative_page_offers_replication_to_the_secretariat(road, people, client):
    client.force_login(people.secretariat)
    page = html(client.get(reverse("initiatives:detail", args=[road.pk])))
    assert reverse("review:replication", args=[road.pk]) in page


def test_a_replication_source_out_of_scope_is_not_named(road, tree, people, client):
    outside = InitiativeFactory(unit=tree.c1, name="Mô hình gốc ở C1")
    road.replicated_from = outside
    road.save()
    client.force_login(people.staff)
    page = html(client.get(reverse("initiatives:detail", args=[road.pk])))
    assert "Mô hình gốc ở C1" not in page
    assert "ngoài phạm vi" in page


def test_detail_pages_out_of_scope_are_404(road, people, client):
    registration = RegistrationFactory(initiative=road, year=2022)
    client.force_login(people.staff_c)
    assert client.get(reverse("initiatives:detail", args=[road.pk])).status_code == 404
    assert client.get(reverse("initiatives:registration", args=[registration.pk])).status_code == 404
    assert client.get(reverse("initiatives:registration", args=[999_999])).status_code == 404


def test_the_timeline_shows_who_when_from_to_and_the_comment(road, people, client):
    registration = RegistrationFactory(initiative=road, year=2022, status=Status.DRAFT)
    transition_registration(registration, Status.SUBMITTED, actor=people.staff)
    transition_registration(
        registration, Status.RETURNED, actor=people.secretariat, note="Thiếu ảnh minh chứng"
    )
    client.force_login(people.staff)
    page = html(client.get(reverse("initiatives:registration", args=[registration.pk])))
    assert "Quá trình xử lý" in page
    assert "Nháp → Đã gửi" in page
    assert "Đã gửi → Trả lại" in page
    assert people.secretariat.display_name in page
    assert "Thiếu ảnh minh chứng" in page
    assert "Lý do trả lại" in page


def test_staff_see_only_their_actions_on_a_draft(road, people, client):
    registration = RegistrationFactory(initiative=road, year=2022, status=Status.DRAFT)
    client.force_login(people.staff)
    page = html(client.get(reverse("initiatives:registration", args=[registration.pk])))
    assert reverse("registrations:transition", args=[registration.pk]) in page
    assert 'value="submitted"' in page
    assert "Gửi đăng ký" in page
    assert 'value="withdrawn"' in page
    assert 'name="note"' in page
    assert reverse("registrations:edit", args=[registration.pk]) in page
    assert reverse("registrations:attachments", args=[registration.pk]) in page
    assert 'value="accepted"' not in page


def test_the_secretariat_screens_a_submitted_registration(road, people, client):
    registration = RegistrationFactory(initiative=road, year=2022, status=Status.SUBMITTED)
    client.force_login(people.secretariat)
    page = html(client.get(reverse("initiatives:registration", args=[registration.pk])))
    assert 'value="accepted"' in page
    assert "Tiếp nhận" in page
    assert 'value="returned"' in page
    assert reverse("registrations:edit", args=[registration.pk]) not in page


def test_recognition_goes_through_the_results_screen_not_a_bare_button(road, people, client):
    registration = RegistrationFactory(initiative=road, year=2022, status=Status.UNDER_REVIEW)
    client.force_login(people.secretariat)
    page = html(client.get(reverse("initiatives:registration", args=[registration.pk])))
    assert reverse("review:results", args=[registration.pk]) in page
    assert reverse("review:assign") in page
    assert 'value="recognised"' not in page


def test_a_viewer_changes_nothing(road, people, client):
    registration = RegistrationFactory(initiative=road, year=2022, status=Status.SUBMITTED)
    client.force_login(people.viewer)
    page = html(client.get(reverse("initiatives:registration", args=[registration.pk])))
    assert "Dân vận khéo làm đường" in page
    assert reverse("registrations:transition", args=[registration.pk]) not in page
    assert "Thao tác" not in page


@pytest.fixture
def reviewed(road, tree, people):
    registration = RegistrationFactory(initiative=road, year=2022, status=Status.UNDER_REVIEW)
    criteria = CriteriaSet.objects.create(name="Bộ tiêu chí thử")
    criterion = Criterion.objects.create(criteria_set=criteria, text="Hiệu quả thiết thực", max_points=40)
    from tests.factories import make_user

    other = make_user(tree.b, "reviewer", username="hd_b_khac")
    done = Review.objects.create(
        registration=registration,
        reviewer=other,
        state=Review.State.SUBMITTED,
        total=Decimal("37.5"),
        comment="Rất tốt",
    )
    CriterionScore.objects.create(review=done, criterion=criterion, points=Decimal("37.5"))
    mine = Review.objects.create(registration=registration, reviewer=people.reviewer)
    return registration, mine


def test_scores_are_hidden_from_staff_and_from_a_reviewer_who_has_not_scored(reviewed, people, client):
    registration, mine = reviewed
    for user in (people.staff, people.reviewer):
        client.force_login(user)
        page = html(client.get(reverse("initiatives:registration", args=[registration.pk])))
        assert "2 phiếu chấm, 1 đã chấm" in page
        assert "37,5" not in page
        assert "Rất tốt" not in page
    assert reverse("review:score", args=[mine.pk]) in page  # the reviewer's own sheet to fill in


def test_scores_are_shown_to_the_secretariat_and_to_a_reviewer_after_scoring(reviewed, people, client):
    registration, mine = reviewed
    client.force_login(people.secretariat)
    page = html(client.get(reverse("initiatives:registration", args=[registration.pk])))
    assert "37,5" in page
    assert "Hiệu quả thiết thực" in page
    assert "Rất tốt" in page
    mine.state = Review.State.SUBMITTED
    mine.total = Decimal("30")
    mine.save()
    client.force_login(people.reviewer)
    page = html(client.get(reverse("initiatives:registration", args=[registration.pk])))
    assert "37,5" in page
    assert "Rất tốt" in page


def test_the_recognition_is_shown(road, people, client):
    registration = RegistrationFactory(initiative=road, year=2021, status=Status.RECOGNISED)
    Recognition.objects.create(
        registration=registration,
        recognised=True,
        is_exemplary=True,
        classification_name="Tiêu biểu",
        level="district",
        decision_number="21-QĐ/BCĐ",
        decision_date=date(2021, 12, 10),
    )
    client.force_login(people.staff)
    page = html(client.get(reverse("initiatives:registration", args=[registration.pk])))
    assert "Kết quả công nhận" in page
    assert "Cấp huyện" in page
    assert "Số 21-QĐ/BCĐ ngày 10/12/2021" in page
    assert reverse("registrations:continue", args=[registration.pk]) in page


def test_attachments_show_with_their_thumbnails_and_removed_ones_do_not(road, people, client):
    registration = RegistrationFactory(initiative=road, year=2022, status=Status.DRAFT)
    photo = Attachment.objects.create(
        initiative=road,
        registration=registration,
        kind=Attachment.Kind.PHOTO,
        file="attachments/2022/10/a.jpg",
        thumbnail="thumbnails/2022/10/a.jpg",
        original_name="duong-be-tong.jpg",
        content_type="image/jpeg",
        size=2048,
        caption="Đường bê tông thôn Nà Khà",
    )
    Attachment.objects.create(
        initiative=road,
        registration=registration,
        kind=Attachment.Kind.DOCUMENT,
        file="attachments/2022/10/b.pdf",
        original_name="da-go.pdf",
        content_type="application/pdf",
        size=10,
        is_removed=True,
    )
    client.force_login(people.staff)
    for url in (
        reverse("initiatives:registration", args=[registration.pk]),
        reverse("initiatives:detail", args=[road.pk]),
    ):
        page = html(client.get(url))
        assert "duong-be-tong.jpg" in page
        assert "Đường bê tông thôn Nà Khà" in page
        assert f'src="{reverse("registrations:attachment_thumbnail", args=[photo.pk])}"' in page
        assert reverse("registrations:attachment_file", args=[photo.pk]) in page
        assert "da-go.pdf" not in page
