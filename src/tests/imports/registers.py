"""Building register files and running imports the way the pages and the CLI do."""

from dvk.imports.services import Outcome, commit_import, preview_import
from tests.imports.files import xlsx

INITIATIVE_HEADER = [
    "STT",
    "Mã mô hình",
    "Tên mô hình",
    "Mã đơn vị",
    "Loại",
    "Họ và tên",
    "Chức vụ",
    "Lĩnh vực",
    "Năm",
    "Kết quả",
    "Cấp công nhận",
    "Số quyết định",
    "Ngày quyết định",
    "Nội dung",
    "Kết quả đạt được",
    "Số hộ hưởng lợi",
    "Kinh phí huy động (đồng)",
    "Ghi chú",
]


def initiative_row(
    code,
    name,
    unit,
    year,
    *,
    kind="Tập thể",
    person="",
    position="",
    sector="Kinh tế",
    result="",
    level="",
    number="",
    day=None,
    content="",
    achieved="",
    households=None,
    funds=None,
    note="",
) -> list:
    return [
        None,
        code,
        name,
        unit.code if hasattr(unit, "code") else unit,
        kind,
        person,
        position,
        sector,
        year,
        result,
        level,
        number,
        day,
        content,
        achieved,
        households,
        funds,
        note,
    ]


def initiatives_file(*rows, above=None) -> bytes:
    return xlsx([INITIATIVE_HEADER, *[[n, *row[1:]] for n, row in enumerate(rows, start=1)]], above=above)


def preview(actor, kind: str, data: bytes, name: str = "so-theo-doi.xlsx") -> Outcome:
    return preview_import(actor=actor, kind=kind, data=data, filename=name)


def run(
    actor, kind: str, data: bytes, *, only_valid: bool = False, name: str = "so-theo-doi.xlsx"
) -> Outcome:
    """Preview then commit, as a confirmed web import does (without the task queue)."""
    outcome = preview(actor, kind, data, name)
    if outcome.run.status == "refused":
        return outcome
    return commit_import(outcome.run, actor=actor, only_valid=only_valid)


def messages(outcome: Outcome) -> list[str]:
    return [problem.sentence() for problem in outcome.problems]
