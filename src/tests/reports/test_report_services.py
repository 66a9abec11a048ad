"""Summary reports: who may write them, "chốt số liệu" keeps the figures whatever happens to the data later,
unfreezing is recorded, and the document reads (exemplary models, honorees, reports) never leak a sibling's data.
"""

from datetime import date
from types import SimpleNamespace

import pytest
from django.http import Http404

from dvk.campaigns.models import AwardForm, Sector
from dvk.commendations.models import Authority, Commendation, Honoree
from dvk.core.audit import events_for
from dvk.core.errors import InvalidState, NotAllowed, ValidationFailed
from dvk.evaluations.models import Recognition
from dvk.initiatives.enums import InitiativeKind, Status
from dvk.initiatives.models import Initiative
from dvk.initiatives.services import refresh_initiative_rollups
from dvk.reports.narrative import MAX_STORIES, pick_stories
from dvk.reports.selectors import (
    exemplary_initiatives,
    get_report_for_user,
    honorees_in_scope,
    report_snapshot,
    reports_for_user,
)
from dvk.reports.services import (
    create_summary_report,
    freeze_report_figures,
    set_report_template,
    unfreeze_report_figures,
    update_summary_report,
)
from tests.factories import InitiativeFactory, PhaseFactory, RegistrationFactory


def recognised(unit, year: int, *, kind=InitiativeKind.COLLECTIVE, exemplary=False, sector=None, **fields):
    """An initiative of `unit` registered and recognised in `year` (exemplary if asked)."""
    initiative = InitiativeFactory(unit=unit, kind=kind, sector=sector or Sector.objects.first(), **fields)
    registration = RegistrationFactory(initiative=initiative, year=year, status=Status.RECOGNISED)
    Recognition.objects.create(
        registration=registration,
        recognised=True,
        is_exemplary=exemplary,
        decision_number="12-QĐ/BCĐ",
        decision_date=date(year, 12, 10),
    )
    refresh_initiative_rollups([initiative.pk])
    return initiative


def commend(issuer, phase, honorees: list[tuple[str, str, object]], number="15/QĐ-UBND"):
    """A decision of `issuer` for `phase` naming (kind, name, unit) honorees."""
    decision = Commendation.objects.create(
        number=number,
        date=date(2022, 10, 14),
        issuing_unit=issuer,
        issuer_title=f"UBND {issuer.name.lower()}",
        award_form=AwardForm.objects.get(code="giay-khen"),
        authority=Authority.GOVERNMENT,
        phase=phase,
    )
    for order, (kind, name, unit) in enumerate(honorees):
        Honoree.objects.create(commendation=decision, kind=kind, name=name, unit=unit, order=order)
    return decision


def build_data(tree):
    """Huyện B's phase 2020-2022 with recognised and exemplary models in B1 and B2, a commendation; the same
    kind of data in the sibling huyện C, which must never show in B's documents."""
    phase = PhaseFactory(launched_by=tree.b)
    phase_c = PhaseFactory(launched_by=tree.c)
    sectors = list(Sector.objects.order_by("order"))
    b1_model = recognised(
        tree.b1,
        2021,
        exemplary=True,
        name="Dân vận khéo trong hiến đất làm đường",
        description="Cán bộ đến từng nhà vận động. Nhân dân đồng tình.",
        results="Làm được 3 km đường bê tông.",
    )
    recognised(
        tree.b2,
        2022,
        kind=InitiativeKind.INDIVIDUAL,
        exemplary=True,
        sector=sectors[1],
        person_name="Nguyễn Thị Hoa",
        person_position="Chi hội trưởng phụ nữ",
    )
    recognised(tree.b2, 2020, sector=sectors[2])
    recognised(tree.c1, 2021, exemplary=True, name="Mô hình của huyện C")
    commend(
        tree.b,
        phase,
        [
            (InitiativeKind.COLLECTIVE, "Chi bộ thôn 1, Xã B1", tree.b1),
            (InitiativeKind.INDIVIDUAL, "Nguyễn Thị Hoa", tree.b2),
        ],
    )
    commend(tree.c, phase_c, [(InitiativeKind.COLLECTIVE, "Tập thể xã C1", tree.c1)], number="9/QĐ-UBND")
    return SimpleNamespace(phase=phase, phase_c=phase_c, b1_model=b1_model)


def build_report(data, tree, people):
    return create_summary_report(actor=people.secretariat, unit=tree.b, phase=data.phase)


@pytest.fixture
def data(tree):
    return build_data(tree)


@pytest.fixture
def report(data, tree, people):
    return build_report(data, tree, people)


def test_a_secretariat_creates_the_report_of_its_unit(report, tree, people):
    assert (report.unit, report.start_year, report.end_year) == (tree.b, 2020, 2022)
    assert report.title == "Sơ kết phong trào thi đua “Dân vận khéo” giai đoạn 2020 - 2022"
    assert report.layout == tree.b.document_layout
    assert [e.action for e in events_for(report)] == ["report.create"]


@pytest.mark.parametrize("who", ["reviewer", "staff", "viewer", "secretariat_c"])
def test_only_the_secretariat_of_the_unit_writes_its_report(data, tree, people, who):
    with pytest.raises(NotAllowed):
        create_summary_report(actor=getattr(people, who), unit=tree.b, phase=data.phase)


def test_a_phase_of_another_unit_or_a_reversed_range_is_refused(data, tree, people):
    with pytest.raises(ValidationFailed, match="không áp dụng"):
        create_summary_report(actor=people.secretariat, unit=tree.b, phase=data.phase_c)
    with pytest.raises(ValidationFailed, match="Khoảng năm"):
        create_summary_report(actor=people.secretariat, unit=tree.b, years=(2023, 2021))


def test_a_report_over_a_year_range(data, tree, people):
    report = create_summary_report(actor=people.secretariat, unit=tree.b1, years=(2021, 2021))
    assert report.title.endswith("giai đoạn 2021")
    assert report_snapshot(report)["figures"]["registrations"] == 1


def test_editing_keeps_an_audited_diff_and_refuses_a_stale_version(report, people):
    update_summary_report(
        report, actor=people.secretariat, version=1, number=" 125 ", part_lessons="Một.\n\nHai."
    )
    report.refresh_from_db()
    assert (report.number, report.part_lessons, report.version) == ("125", "Một.\n\nHai.", 2)
    event = events_for(report).get(action="report.update")
    assert event.changes["number"] == ["", "125"]
    with pytest.raises(InvalidState, match="người khác sửa"):
        update_summary_report(report, actor=people.secretariat, version=1, number="126")
    with pytest.raises(ValidationFailed):
        update_summary_report(report, actor=people.secretariat, title="  ")


def test_a_frozen_report_does_not_change_when_the_data_does(report, data, tree, people):
    before = report_snapshot(report)
    freeze_report_figures(report, actor=people.secretariat)
    recognised(tree.b1, 2022, exemplary=True, name="Mô hình thêm sau khi chốt")
    report.refresh_from_db()
    frozen = report_snapshot(report)
    assert frozen["figures"] == before["figures"]
    assert frozen["exemplary"] == before["exemplary"]
    assert report.frozen_figures["figures"]["registrations"] == 3
    assert report.frozen_figures["figure_set"]["by_unit"][1]["by_kind"]["collective"]["exemplary"] == 1
    with pytest.raises(InvalidState):
        freeze_report_figures(report, actor=people.secretariat)


def test_unfreezing_needs_a_reason_and_is_recorded(report, data, tree, people):
    freeze_report_figures(report, actor=people.secretariat)
    recognised(tree.b1, 2022)
    with pytest.raises(ValidationFailed, match="lý do"):
        unfreeze_report_figures(report, actor=people.secretariat, reason="   ")
    with pytest.raises(NotAllowed):
        unfreeze_report_figures(report, actor=people.viewer, reason="Xem lại")
    unfreeze_report_figures(report, actor=people.secretariat, reason="Bổ sung mô hình xã B1")
    report.refresh_from_db()
    assert not report.is_frozen
    assert report.frozen_figures is None
    event = events_for(report).get(action="report.unfreeze")
    assert event.comment == "Bổ sung mô hình xã B1"
    assert event.actor == people.secretariat
    assert event.changes["figures"][0]["registrations"] == 3  # what was frozen stays in the trail
    assert report_snapshot(report)["figures"]["registrations"] == 4  # live again


def test_a_template_must_be_a_word_file(report, people):
    with pytest.raises(ValidationFailed, match="không phải tệp Word"):
        set_report_template(report, actor=people.secretariat, content=b"%PDF-1.4", filename="mau.pdf")


def test_exemplary_models_and_honorees_stay_in_the_unit_scope(data, tree):
    names = [item["name"] for item in exemplary_initiatives(tree.b, 2020, 2022)]
    assert "Dân vận khéo trong hiến đất làm đường" in names
    assert "Mô hình của huyện C" not in names
    assert len(names) == 2
    honorees = honorees_in_scope(tree.b, phase=data.phase, years=(2020, 2022))
    assert [h["name"] for h in honorees] == ["Chi bộ thôn 1, Xã B1", "Nguyễn Thị Hoa"]
    assert honorees_in_scope(tree.b, phase=data.phase_c, years=(2020, 2022)) == []
    by_years = honorees_in_scope(tree.province, phase=None, years=(2022, 2022))
    assert len(by_years) == 3


def test_an_exemplary_model_is_listed_once_with_its_years_and_latest_decision_in_appendix_order(data, tree):
    twice = recognised(tree.b1, 2020, exemplary=True, name="Tiêu biểu hai năm")
    again = RegistrationFactory(initiative=twice, year=2022, status=Status.RECOGNISED)
    Recognition.objects.create(
        registration=again,
        recognised=True,
        is_exemplary=True,
        decision_number="30-QĐ/BCĐ",
        decision_date=date(2022, 12, 1),
    )
    refresh_initiative_rollups([twice.pk])
    items = exemplary_initiatives(tree.b, 2020, 2022)
    assert [i["name"] for i in items].count("Tiêu biểu hai năm") == 1
    item = next(i for i in items if i["name"] == "Tiêu biểu hai năm")
    assert item["years"] == [2020, 2022]
    assert (item["decision_number"], item["decision_date"]) == ("30-QĐ/BCĐ", "2022-12-01")
    assert (item["unit"], item["unit_code"], item["unit_kind"]) == (tree.b1.name, tree.b1.code, tree.b1.kind)
    order = {s.name: s.order for s in Sector.objects.all()}
    keys = [(order[i["sector"]], i["sector"], i["kind"]) for i in items]
    assert keys == sorted(keys)
    in_b1 = [i["name"] for i in items if i["unit_code"] == tree.b1.code and i["kind"] == "collective"]
    assert in_b1 == sorted(in_b1)


def test_only_the_stories_carry_their_texts(report, tree):
    """The snapshot (also the frozen one) lists every exemplary model; the description and results, which a
    national report would carry tens of thousands of, only for the models the narrative tells."""
    for n in range(MAX_STORIES):
        recognised(tree.b2, 2021, exemplary=True, description=f"Cách làm thứ {n}.", results=f"Kết quả {n}.")
    snapshot = report_snapshot(report)
    told = pick_stories(snapshot["exemplary"])
    assert len(told) == MAX_STORIES < len(snapshot["exemplary"])
    texts = dict(Initiative.objects.values_list("code", "description"))
    assert all(i["description"] == texts[i["code"]] for i in told)
    untold = [i for i in snapshot["exemplary"] if all(i is not t for t in told)]
    assert untold
    assert not any("description" in i or "results" in i for i in untold)


def test_the_lists_match_the_figures(report):
    snapshot = report_snapshot(report)
    figures = snapshot["figures"]
    assert len(snapshot["exemplary"]) == figures["exemplary"]["total"] == 2
    assert len(snapshot["honorees"]) == figures["commended"]["total"] == 2


def test_reports_are_read_within_the_scope(report, data, tree, people):
    other = create_summary_report(actor=people.secretariat_c, unit=tree.c, phase=data.phase_c)
    assert list(reports_for_user(people.secretariat)) == [report]
    assert set(reports_for_user(people.viewer)) == {report, other}
    assert get_report_for_user(people.reviewer, report.pk) == report
    for user, pk in ((people.secretariat, other.pk), (people.staff, report.pk)):  # sibling; a commune below
        with pytest.raises(Http404):
            get_report_for_user(user, pk)
