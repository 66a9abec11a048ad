"""Property: whatever mess a register holds (title rows, blank rows, headers and values written loosely, some
rows wrong), the import never crashes, reports every wrong row with its row number, and imports the valid
rows exactly (issue 5 item 9)."""

import datetime

from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dvk.core.text import fold
from dvk.imports.services import commit_import, preview_import
from dvk.initiatives.models import Initiative, Registration
from tests.imports.files import csv_bytes, ods, xlsx

SECTORS = ["Kinh tế", "Văn hóa - xã hội", "Quốc phòng - an ninh", "Xây dựng hệ thống chính trị"]
RESULTS = {
    "": "accepted",
    "Công nhận": "recognised",
    "Tiêu biểu": "recognised",
    "Không công nhận": "not_recognised",
}
DEFECTS = ["sector", "kind", "year", "unit", "result", "date", "name"]
HEADERS = [
    [
        "Mã mô hình",
        "Tên mô hình",
        "Mã đơn vị",
        "Loại",
        "Họ và tên",
        "Lĩnh vực",
        "Năm",
        "Kết quả",
        "Ngày quyết định",
    ],
    [
        "MÃ MÔ HÌNH",
        "tên  mô hình",
        "ma don vi",
        "LOẠI",
        "Họ tên",
        "Lĩnh Vực",
        "năm đăng ký",
        "kết quả",
        "Ngày QĐ",
    ],
]


def messy(text: str, style: int) -> str:
    return [text, text.upper(), fold(text), f"  {text.replace(' ', '   ')} ", text.replace(" - ", " – ")][
        style
    ]


row_spec = st.fixed_dictionaries(
    {
        "defect": st.one_of(st.none(), st.none(), st.sampled_from(DEFECTS)),
        "sector": st.sampled_from(SECTORS),
        "individual": st.booleans(),
        "year": st.integers(2010, 2022),
        "result": st.sampled_from(list(RESULTS)),
        "style": st.integers(0, 4),
        "blank_before": st.booleans(),
    }
)


def decision_date(spec, form):
    """A recognition's decision date: only with a result (a date without one is an error of its own)."""
    if not spec["result"]:
        return ""
    return f"10/12/{spec['year']}" if form == "csv" else datetime.date(spec["year"], 12, 10)


def build(specs, units, title_rows, header, form):
    """The file's rows and, per spec, its expected sheet row number."""
    rows = [[f"BẢNG TỔNG HỢP {n}"] for n in range(title_rows)] + [HEADERS[header]]
    numbers = []
    for index, spec in enumerate(specs):
        if spec["blank_before"]:
            rows.append([])
        unit = units[index % len(units)].code
        defect, style = spec["defect"], spec["style"]
        kind = "Cá nhân" if spec["individual"] else "Tập thể"
        row = [
            f"P-{index}",
            "" if defect == "name" else f"Mô hình số {index}",
            "KHÔNG-CÓ" if defect == "unit" else unit,
            "Nhóm" if defect == "kind" else messy(kind, style % 3),
            f"Nguyễn Văn {index}" if spec["individual"] else "",
            "Nông nghiệp" if defect == "sector" else messy(spec["sector"], style),
            2008 if defect == "year" else (str(spec["year"]) if style % 2 else spec["year"]),
            "Xuất sắc" if defect == "result" else messy(spec["result"], style % 3),
            "31/02/2020" if defect == "date" else decision_date(spec, form),
        ]
        rows.append(row)
        numbers.append(len(rows))
    maker = {"xlsx": xlsx, "csv": csv_bytes, "ods": ods}[form]
    return maker(rows), numbers


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    specs=st.lists(row_spec, min_size=1, max_size=10),
    title_rows=st.integers(0, 3),
    header=st.integers(0, 1),
    form=st.sampled_from(["xlsx", "csv", "ods"]),
)
def test_messy_registers_are_imported_exactly_and_every_wrong_row_is_reported(
    people, tree, specs, title_rows, header, form
):
    data, numbers = build(specs, [tree.b1, tree.b2], title_rows, header, form)
    with transaction.atomic():
        outcome = preview_import(
            actor=people.secretariat, kind="initiatives", data=data, filename=f"tep.{form}"
        )
        result = commit_import(outcome.run, actor=people.secretariat, only_valid=True)

        reported = {problem.row for problem in result.problems}
        wrong = {number for spec, number in zip(specs, numbers, strict=True) if spec["defect"]}
        assert reported == wrong
        assert result.run.counts["invalid"] == len(wrong)
        imported = {
            code: (name, unit, kind, sector, year, status)
            for code, name, unit, kind, sector, year, status in Registration.objects.values_list(
                "initiative__code",
                "initiative__name",
                "unit_id",
                "initiative__kind",
                "initiative__sector__name",
                "year",
                "status",
            )
        }
        expected = {
            f"P-{index}": (
                f"Mô hình số {index}",
                [tree.b1, tree.b2][index % 2].pk,
                "individual" if spec["individual"] else "collective",
                spec["sector"],
                spec["year"],
                RESULTS[spec["result"]],
            )
            for index, spec in enumerate(specs)
            if not spec["defect"]
        }
        assert imported == expected
        assert Initiative.objects.count() == len(expected)
        transaction.set_rollback(True)
