"""Part II of the summary report is written from the figures in the register of the seeds' reports; dates and
numbers are printed as Vietnamese documents print them."""

from datetime import date
from types import SimpleNamespace

import pytest

from dvk.demo.loader import load_demo
from dvk.reports.dates import long_date, place_and_date
from dvk.reports.figures import find_phase
from dvk.reports.narrative import (
    MAX_STORIES,
    build_document,
    commendation_paragraph,
    count,
    new_initiatives_paragraph,
    number_line,
    pick_stories,
    recognition_paragraph,
    registration_paragraph,
    results_blocks,
    summary_lines,
)
from dvk.reports.selectors import draft_report, live_snapshot
from dvk.units.models import Unit

NA_HANG_SENTENCE = (
    "Sau 2 năm triển khai thực hiện, toàn huyện xây dựng được 126 mô hình mới (22 mô hình tập thể, 104 mô hình "
    "cá nhân); nâng tổng số mô hình “Dân vận khéo” trên các lĩnh vực của toàn huyện lên 995 mô hình."
)


def split(total, collective, individual):
    return {"total": total, "collective": collective, "individual": individual}


def snapshot(start=2020, end=2022, whole_of="toàn xã", **figures):
    """A snapshot as `reports.selectors` builds it, with the figures that matter to a test."""
    zero = split(0, 0, 0)
    values = {
        "registrations": 0,
        "recognitions": 0,
        **dict.fromkeys(
            (
                "new_initiatives",
                "recognized",
                "exemplary",
                "cumulative_initiatives",
                "active_initiatives",
                "commended",
            ),
            zero,
        ),
        **figures,
    }
    values["phase"] = {"code": f"{start}-{end}", "start_year": start, "end_year": end}
    sector = {
        "name": "Kinh tế",
        "registrations": values["registrations"],
        "by_kind": {
            "collective": {"registrations": values["registrations"]},
            "individual": {"registrations": 0},
        },
    }
    return {
        "unit": {"whole_of": whole_of},
        "figures": values,
        "by_sector": [sector],
        "exemplary": [],
        "decisions": [],
    }


def test_dates_as_documents_print_them():
    assert place_and_date("Na Hang", date(2022, 10, 14)) == "Na Hang, ngày 14 tháng 10 năm 2022"
    assert long_date(date(2023, 2, 5)) == "ngày 05 tháng 02 năm 2023"
    assert long_date(date(2023, 3, 9)) == "ngày 09 tháng 3 năm 2023"
    undated = place_and_date("Na Hang", None, year=2022)
    assert undated.startswith("Na Hang, ngày")
    assert undated.endswith("năm 2022")


def test_counts_as_the_seeds_print_them():
    assert (count(2), count(18), count(0), count(1234)) == ("02", "18", "0", "1.234")


def test_the_years_of_a_phase_open_the_sentence():
    one_year = snapshot(2022, 2022, new_initiatives=split(3, 3, 0), cumulative_initiatives=split(3, 3, 0))
    assert new_initiatives_paragraph(one_year).startswith("Năm 2022, toàn xã xây dựng được 03 mô hình mới")
    assert "(03 mô hình tập thể)" in new_initiatives_paragraph(one_year)
    five_years = snapshot(2020, 2025, new_initiatives=split(1, 0, 1), cumulative_initiatives=split(9, 4, 5))
    assert new_initiatives_paragraph(five_years).startswith("Sau 5 năm triển khai thực hiện, toàn xã")


def test_nothing_new_is_said_plainly():
    empty = snapshot(whole_of="toàn phường", cumulative_initiatives=split(7, 7, 0))
    text = new_initiatives_paragraph(empty)
    assert "chưa xây dựng thêm mô hình mới" in text
    assert "của toàn phường lên 07 mô hình" in text
    assert (
        recognition_paragraph(empty) == "Giai đoạn 2020-2022, chưa có mô hình nào được bình xét, công nhận."
    )
    assert commendation_paragraph(empty) == "Trong giai đoạn 2020-2022, chưa có quyết định khen thưởng."


def test_one_decision_is_cited_with_its_issuer():
    data = snapshot(commended=split(20, 18, 2))
    data["decisions"] = [
        {"number": "2345/QĐ-UBND", "date": "2023-10-18", "issuer_title": "Chủ tịch UBND thành phố"}
    ]
    assert commendation_paragraph(data) == (
        "Nhân dịp này, Chủ tịch UBND thành phố khen thưởng 18 tập thể, 02 cá nhân đã có thành tích trong phong "
        "trào thi đua “Dân vận khéo” giai đoạn 2020-2022 (Quyết định số 2345/QĐ-UBND ngày 18/10/2023)."
    )


def test_numbers_of_party_and_state_documents():
    assert number_line("party", "125", "HU") == "Số 125-BC/HU"
    assert number_line("state", "125", "UBND") == "Số: 125/BC-UBND"
    assert number_line("party", "125-BC/BDVHU", "HU") == "Số 125-BC/BDVHU"
    assert number_line("party", "", "HU").endswith("-BC/HU")


def test_the_summary_breaks_before_the_phase():
    report = SimpleNamespace(title="Sơ kết phong trào thi đua “Dân vận khéo” giai đoạn 2020 - 2022")
    assert summary_lines(report) == ["sơ kết phong trào thi đua “Dân vận khéo”", "giai đoạn 2020 - 2022"]


def test_stories_take_turns_across_sectors():
    items = [{"sector": s, "name": f"{s}{i}"} for s in ("A", "B") for i in range(5)] + [
        {"sector": "C", "name": "C0"}
    ]
    assert [i["name"] for i in pick_stories(items, limit=5)] == ["A0", "B0", "C0", "A1", "B1"]


def exemplary_items(total: int) -> list[dict]:
    return [
        {
            "name": f"Mô hình {n}",
            "kind": "collective",
            "unit": "Xã A",
            "sector": ("Kinh tế", "Văn hóa")[n % 2],
        }
        for n in range(total)
    ]


@pytest.mark.parametrize("total", [MAX_STORIES + 25_000, MAX_STORIES + 1, MAX_STORIES, 3])
def test_the_narrative_tells_a_few_stories_and_counts_the_others(total):
    """A national report has tens of thousands of exemplary models: Part II tells MAX_STORIES of them and says how
    many more the appendix lists; a report with no more than that tells them all and adds nothing."""
    data = snapshot(exemplary=split(total, total, 0))
    data["exemplary"] = exemplary_items(total)
    blocks = results_blocks(data)
    stories = [b for b in blocks if b.kind == "story"]
    assert len(stories) == min(total, MAX_STORIES)
    after = blocks[blocks.index(stories[-1]) + 1]
    more = total - len(stories)
    if more:
        assert after.kind == "text"
        assert after.text == (
            f"Ngoài các mô hình, điển hình nêu trên, toàn xã còn {count(more)} mô hình, điển hình tiêu biểu khác "
            "(danh sách tại phụ lục kèm theo báo cáo)."
        )
    else:
        assert after.kind == "section"
        assert not any("điển hình nêu trên" in b.text for b in blocks)


@pytest.fixture
def demo(db):
    load_demo()


@pytest.mark.slow  # loads the full demo
def test_the_seed_reports_are_written_from_the_demo_figures(demo):
    na_hang = Unit.objects.get(code="072")
    data = live_snapshot(na_hang, phase=find_phase(na_hang, "2020-2022"))
    assert NA_HANG_SENTENCE in new_initiatives_paragraph(data)
    assert "UBND huyện Na Hang khen thưởng 15 tập thể, 18 cá nhân" in commendation_paragraph(data)

    bac_kan = Unit.objects.get(code="058")
    data = live_snapshot(bac_kan, phase=find_phase(bac_kan, "2021-2023"))
    assert registration_paragraph(data).startswith(
        "Giai đoạn 2021-2023, toàn thành phố có 596 lượt mô hình “Dân vận khéo” được đăng ký xây dựng"
    )
    assert recognition_paragraph(data).startswith(
        "Giai đoạn 2021-2023, Ban Chỉ đạo thành phố bình xét, đánh giá, phân loại và công nhận 397 mô hình"
    )
    assert "khen thưởng 18 tập thể, 02 cá nhân" in commendation_paragraph(data)

    report = draft_report(bac_kan, phase=find_phase(bac_kan, "2021-2023"))
    document = build_document(report, data)
    stories = [b for b in document.body if b.kind == "story"]
    assert 0 < len(stories) <= 8
    assert all(b.lead.startswith(("– Mô hình “", "– Điển hình “")) for b in stories)
    assert document.number_line.endswith("-BC/TU")
    assert document.issuer == "THÀNH ỦY BẮC KẠN"
