"""Cells as registers write them: dates, numbers, closed values (issue 5 item 5)."""

import datetime
from decimal import Decimal

import pytest

from dvk.imports import values
from dvk.imports.kinds.initiatives import KINDS, RESULTS
from dvk.imports.kinds.units import KINDS as UNIT_KINDS
from dvk.imports.matching import Choices, key


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("14/10/2022", datetime.date(2022, 10, 14)),
        ("4/1/22", datetime.date(2022, 1, 4)),
        ("2022-10-14", datetime.date(2022, 10, 14)),
        ("14.10.2022", datetime.date(2022, 10, 14)),
        (" 14 / 10 / 2022 ", datetime.date(2022, 10, 14)),
        (datetime.date(2022, 10, 14), datetime.date(2022, 10, 14)),
        (datetime.datetime(2022, 10, 14, 8, 30), datetime.date(2022, 10, 14)),
        (44848.0, datetime.date(2022, 10, 14)),  # a spreadsheet serial number
        ("1/1/95", datetime.date(1995, 1, 1)),
        ("", None),
        (None, None),
    ],
)
def test_dates(raw, expected):
    assert values.date(raw) == expected


@pytest.mark.parametrize("raw", ["31/02/2022", "hôm qua", "2022/13/01"])
def test_impossible_dates_are_refused_with_the_expected_form(raw):
    with pytest.raises(values.CellError) as error:
        values.date(raw)
    assert "ngày" in error.value.message.lower()


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1.234.567", Decimal(1234567)),
        ("1,5", Decimal("1.5")),
        ("1.234,5", Decimal("1234.5")),
        ("1,234,567", Decimal(1234567)),
        ("12 000 000 đồng", Decimal(12000000)),
        ("2.500 m2", Decimal(2500)),
        (1234567.0, Decimal(1234567)),
        (2.25, Decimal("2.25")),
        (7, Decimal(7)),
    ],
)
def test_numbers(raw, expected):
    assert values.decimal(raw) == expected


def test_number_refusals():
    with pytest.raises(values.CellError, match="không phải là một con số"):
        values.decimal("nhiều")
    with pytest.raises(values.CellError, match="không được âm"):
        values.whole_number("-3")
    with pytest.raises(values.CellError, match="số nguyên"):
        values.whole_number("1,5")


def test_years():
    assert values.year("2022", first=2009, last=2026) == 2022
    assert values.year(2022.0, first=2009, last=2026) == 2022
    assert values.year("Năm 2021", first=2009, last=2026) == 2021
    with pytest.raises(values.CellError, match="ngoài khoảng 2009–2026"):
        values.year(2008, first=2009, last=2026)
    with pytest.raises(values.CellError, match="không phải là một năm"):
        values.year("hai nghìn", first=2009, last=2026)


def test_text_is_nfc_normalised_trimmed_and_numbers_lose_their_decimal_point():
    decomposed = "Xa\u0303  Mo\u0323\u0302t "  # "Xã Một" typed with combining marks
    assert values.text(decomposed) == "Xã Một"
    assert values.text(123.0) == "123"
    assert values.text(datetime.date(2022, 1, 2)) == "02/01/2022"


def test_keys_ignore_case_spacing_diacritics_tone_placement_and_dashes():
    assert (
        key("Văn hoá – xã hội")
        == key("Văn hóa - xã hội")
        == key("VAN HOA-XA HOI")
        == key(" văn  hóa—xã hội ")
    )
    assert key("Đất hiến (m²)") == key("dat hien m2")


def test_closed_values_match_loosely_and_unknown_ones_list_the_allowed_values():
    sectors = Choices.of("lĩnh vực", [(1, "Kinh tế"), (2, "Văn hóa - xã hội")])

    assert sectors.find("VĂN HOÁ – XÃ HỘI") == 2
    assert KINDS.find("cá nhân") == "individual"
    assert RESULTS.find("tieu bieu") == "exemplary"
    assert RESULTS.find("Không được công nhận") == "not_recognised"
    assert UNIT_KINDS.find("thanh pho truc thuoc trung uong") == "central_city"
    message = sectors.unknown_message("Văn hoá xã hộii")
    assert message == (
        "Không có lĩnh vực “Văn hoá xã hộii”. Có phải là “Văn hóa - xã hội”? "
        "Các giá trị được dùng: “Kinh tế”, “Văn hóa - xã hội”."
    )
