"""The words of a summary report (báo cáo sơ kết / tổng kết), written from its figures.

Pure functions of a *snapshot* (the plain dict `reports.selectors` builds from `compute_figures` and the lists of
exemplary models and honorees, or the copy frozen by "chốt số liệu") and of the report's editable fields. Part II
is written in the register of the seeds' reports, e.g. "Sau 2 năm triển khai thực hiện, toàn huyện xây dựng được
126 mô hình mới (22 mô hình tập thể, 104 mô hình cá nhân); nâng tổng số mô hình “Dân vận khéo” trên các lĩnh
vực của toàn huyện lên 995 mô hình." No database access here: the exporters and the pages share this text.
"""

import re
from dataclasses import dataclass, field
from datetime import date

from dvk.reports.dates import place_and_date, short_date

MOVEMENT = "“Dân vận khéo”"
MAX_STORIES = 8
STORY_CHARS = 320


@dataclass
class Block:
    """One paragraph of the body. `kind`: part (I., II. …), section (1., 2. …), text, story."""

    kind: str
    text: str
    lead: str = ""  # a story's model, printed bold before its text


@dataclass
class ReportDocument:
    """Everything a .docx, .pdf or page needs to print the report, already worded."""

    layout: str
    superior: str
    issuer: str
    number_line: str
    date_line: str
    summary_lines: list[str]
    body: list[Block]
    recipients: list[str]
    signer_lines: list[str]
    signer_name: str
    snapshot: dict
    is_frozen: bool = False
    filename: str = "bao-cao"
    title: str = "BÁO CÁO"
    national_lines: list[str] = field(default_factory=list)


def count(n: int) -> str:
    """A count as the seeds print it: '02' below ten, '1.234' with a dot for thousands."""
    if 0 < n < 10:
        return f"0{n}"
    return f"{n:,}".replace(",", ".")


def kind_split(split: dict, noun: str = "mô hình") -> str:
    """'22 mô hình tập thể, 104 mô hình cá nhân' (a kind with none is left out)."""
    parts = [
        f"{count(split[kind])} {noun} {label}"
        for kind, label in (("collective", "tập thể"), ("individual", "cá nhân"))
        if split.get(kind)
    ]
    return ", ".join(parts)


def _with_split(split: dict, noun: str = "mô hình") -> str:
    detail = kind_split(split, noun)
    return f" ({detail})" if detail else ""


def level_word(whole_of: str) -> str:
    """'toàn huyện' → 'huyện': how 'Ban Chỉ đạo huyện' names the committee of the unit."""
    return whole_of.removeprefix("toàn ").strip()


def period_label(snapshot: dict, sep: str = "-") -> str:
    phase = snapshot["figures"]["phase"]
    start, end = phase["start_year"], phase["end_year"]
    return str(start) if start == end else f"{start}{sep}{end}"


def _period_opening(snapshot: dict) -> str:
    phase = snapshot["figures"]["phase"]
    years = phase["end_year"] - phase["start_year"]
    if years <= 0:
        return f"Năm {phase['start_year']}"
    return f"Sau {years} năm triển khai thực hiện"


def registration_paragraph(snapshot: dict) -> str:
    figures, whole = snapshot["figures"], snapshot["unit"]["whole_of"]
    by_kind = {"collective": 0, "individual": 0}
    for row in snapshot["by_sector"]:
        for kind in by_kind:
            by_kind[kind] += row["by_kind"][kind]["registrations"]
    sectors = "; ".join(
        f"{row['name'][0].lower()}{row['name'][1:]} ({count(row['registrations'])} lượt)"
        for row in snapshot["by_sector"]
        if row["registrations"]
    )
    text = (
        f"Giai đoạn {period_label(snapshot)}, {whole} có {count(figures['registrations'])} lượt mô hình "
        f"{MOVEMENT} được đăng ký xây dựng{_with_split(by_kind, 'lượt mô hình')}"
    )
    return f"{text}, tập trung vào các lĩnh vực: {sectors}." if sectors else f"{text}."


def new_initiatives_paragraph(snapshot: dict) -> str:
    figures, whole = snapshot["figures"], snapshot["unit"]["whole_of"]
    new, cumulative = figures["new_initiatives"], figures["cumulative_initiatives"]
    total = f"nâng tổng số mô hình {MOVEMENT} trên các lĩnh vực của {whole} lên {count(cumulative['total'])} mô hình."
    if new["total"]:
        text = (
            f"{_period_opening(snapshot)}, {whole} xây dựng được {count(new['total'])} mô hình mới"
            f"{_with_split(new)}; {total}"
        )
    else:
        text = f"{_period_opening(snapshot)}, {whole} chưa xây dựng thêm mô hình mới; {total}"
    active = figures["active_initiatives"]["total"]
    if active:
        end_year = figures["phase"]["end_year"]
        text += f" Đến năm {end_year}, {count(active)} mô hình tiếp tục được duy trì, phát huy hiệu quả."
    return text


def recognition_paragraph(snapshot: dict) -> str:
    figures = snapshot["figures"]
    recognized, exemplary = figures["recognized"], figures["exemplary"]
    unit = snapshot["unit"]
    level = level_word(unit["whole_of"]) if unit.get("kind") in TERRITORIAL else ""
    committee = f"Ban Chỉ đạo {level}".strip()
    if not recognized["total"]:
        return f"Giai đoạn {period_label(snapshot)}, chưa có mô hình nào được bình xét, công nhận."
    text = (
        f"Giai đoạn {period_label(snapshot)}, {committee} bình xét, đánh giá, phân loại và công nhận "
        f"{count(recognized['total'])} mô hình {MOVEMENT}{_with_split(recognized)}"
    )
    if figures["recognitions"] > recognized["total"]:
        text += f", với {count(figures['recognitions'])} lượt công nhận qua các năm"
    if exemplary["total"]:
        text += (
            f"; trong đó {count(exemplary['total'])} mô hình được đánh giá tiêu biểu"
            f"{_with_split(exemplary, 'mô hình')}"
        )
    return text + "."


def commendation_paragraph(snapshot: dict) -> str:
    figures = snapshot["figures"]
    commended = figures["commended"]
    if not commended["total"]:
        return f"Trong giai đoạn {period_label(snapshot)}, chưa có quyết định khen thưởng."
    whom = ", ".join(
        f"{count(commended[kind])} {label}"
        for kind, label in (("collective", "tập thể"), ("individual", "cá nhân"))
        if commended[kind]
    )
    decisions = snapshot.get("decisions", [])
    issuer = decisions[0]["issuer_title"] if len(decisions) == 1 else ""
    cited = "; ".join(
        f"Quyết định số {d['number']} ngày {short_date_text(d['date'])}" for d in decisions if d["number"]
    )
    text = (
        f"Nhân dịp này, {issuer or 'các cấp'} khen thưởng {whom} đã có thành tích trong phong trào thi đua "
        f"{MOVEMENT} giai đoạn {period_label(snapshot)}"
    )
    return f"{text} ({cited})." if cited else f"{text}."


def short_date_text(iso: str | None) -> str:
    return short_date(date.fromisoformat(iso)) if iso else ""


def _first_sentences(text: str, limit: int) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    sentences = re.split(r"(?<=[.!?;])\s+", text)
    kept = ""
    for sentence in sentences:
        if kept and len(kept) + len(sentence) + 1 > limit:
            break
        kept = f"{kept} {sentence}".strip()
    return kept if len(kept) <= limit else kept[: limit - 1].rsplit(" ", 1)[0] + "…"


def pick_stories(exemplary: list[dict], limit: int = MAX_STORIES) -> list[dict]:
    """Up to `limit` exemplary models, taking turns across sectors so every sector is heard."""
    queues: dict[str, list[dict]] = {}
    for item in exemplary:
        queues.setdefault(item["sector"], []).append(item)
    picked: list[dict] = []
    while len(picked) < limit and any(queues.values()):
        for queue in queues.values():
            if queue and len(picked) < limit:
                picked.append(queue.pop(0))
    return picked


def story(item: dict) -> Block:
    """'Mô hình “…”' (bold) 'của xã Y, lĩnh vực kinh tế: how it works. What it achieved.'"""
    unit = item["unit"]
    if item.get("unit_kind") in TERRITORIAL and unit:
        unit = unit[0].lower() + unit[1:]
    if item["kind"] == "individual" and item.get("person_name"):
        lead = f"– Điển hình “{item['name']}”"
        who = ", ".join(p for p in (item["person_name"], item.get("person_position", ""), unit) if p)
        where = f" ({who})"
    else:
        lead, where = f"– Mô hình “{item['name']}”", f" của {unit}"
    if item.get("sector"):
        where += f", lĩnh vực {item['sector'][0].lower()}{item['sector'][1:]}"
    description = _first_sentences(item.get("description", ""), STORY_CHARS // 2 + 60)
    results = _first_sentences(item.get("results", ""), STORY_CHARS // 2)
    text = " ".join(t if t.endswith((".", "…")) else f"{t}." for t in (description, results) if t)
    return Block("story", f"{where}: {text or 'mô hình được bình xét, công nhận tiêu biểu.'}", lead=lead)


def more_stories_sentence(snapshot: dict, more: int) -> str:
    """After the stories: how many exemplary models the report does not tell, listed in the appendix (a
    national report has tens of thousands; the narrative tells at most MAX_STORIES)."""
    return (
        f"Ngoài các mô hình, điển hình nêu trên, {snapshot['unit']['whole_of']} còn {count(more)} mô hình, "
        "điển hình tiêu biểu khác (danh sách tại phụ lục kèm theo báo cáo)."
    )


def paragraphs(text: str) -> list[str]:
    """An editable part as paragraphs: one per non-blank line."""
    return [" ".join(line.split()) for line in (text or "").splitlines() if line.strip()]


def results_blocks(snapshot: dict, extra: str = "") -> list[Block]:
    """Part II: registration, new and cumulative models, recognition, exemplary stories, commendation."""
    blocks = [
        Block("section", "1. Đăng ký, xây dựng mô hình"),
        Block("text", registration_paragraph(snapshot)),
        Block("text", new_initiatives_paragraph(snapshot)),
        Block("section", "2. Bình xét, đánh giá, phân loại và công nhận mô hình"),
        Block("text", recognition_paragraph(snapshot)),
    ]
    stories = [story(item) for item in pick_stories(snapshot.get("exemplary", []))]
    if stories:
        blocks.append(Block("section", "3. Một số mô hình, điển hình tiêu biểu"))
        blocks.extend(stories)
        more = snapshot["figures"]["exemplary"]["total"] - len(stories)
        if more > 0:
            blocks.append(Block("text", more_stories_sentence(snapshot, more)))
    number = 4 if stories else 3
    blocks.append(Block("section", f"{number}. Công tác khen thưởng"))
    blocks.append(Block("text", commendation_paragraph(snapshot)))
    blocks.extend(Block("text", p) for p in paragraphs(extra))
    return blocks


PART_HEADINGS = [
    ("part_leadership", "I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO, TRIỂN KHAI THỰC HIỆN"),
    ("results", "II. KẾT QUẢ THỰC HIỆN"),
    ("part_limitations", "III. HẠN CHẾ, NGUYÊN NHÂN"),
    ("part_lessons", "IV. BÀI HỌC KINH NGHIỆM"),
    ("part_directions", "V. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI"),
    ("part_proposals", "VI. ĐỀ XUẤT, KIẾN NGHỊ"),
]
PLACEHOLDER = "……………………………………………………………………"
TERRITORIAL = {"province", "central_city", "district", "urban_district", "town", "provincial_city", "commune"}
TERRITORIAL |= {"ward", "township", "special_zone"}
NATIONAL = {
    "party": ["ĐẢNG CỘNG SẢN VIỆT NAM"],
    "state": ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"],
}


def number_line(layout: str, number: str, suffix: str) -> str:
    """'Số 125-BC/HU' (Party) or 'Số: 125/BC-UBND' (state); a number typed in full is printed as typed."""
    number = (number or "").strip()
    prefix = "Số" if layout == "party" else "Số:"
    if number and not number.isdigit():
        return f"{prefix} {number}"
    blank = number or "\u00a0" * 6
    if layout == "party":
        return f"Số {blank}-BC/{suffix}" if suffix else f"Số {blank}-BC"
    return f"Số: {blank}/BC-{suffix}" if suffix else f"Số: {blank}/BC"


def header_fields(unit, layout: str) -> tuple[str, str, str]:
    """(superior, issuer, number suffix) of the unit's header block in `layout`."""
    if layout == "party":
        return unit.header_superior, unit.header_issuer or unit.name.upper(), unit.number_suffix
    own_state_suffix = unit.document_layout == "state" and unit.number_suffix
    suffix = unit.number_suffix if own_state_suffix else "UBND"
    return unit.state_header_superior, unit.state_header_issuer or unit.name.upper(), suffix


def _unit_phrase(unit) -> str:
    name = unit.name
    return name[0].lower() + name[1:] if unit.kind in TERRITORIAL and name else name


def summary_lines(report) -> list[str]:
    """The summary under 'BÁO CÁO', broken before 'giai đoạn' as officers print it."""
    title = " ".join((report.title or "").split())
    title = title[0].lower() + title[1:] if title else ""
    head, sep, tail = title.partition(" giai đoạn ")
    return [head, f"giai đoạn {tail}"] if sep else [title]


def body_blocks(report, snapshot: dict) -> list[Block]:
    kind_word = "tổng kết" if report.kind == "final" else "sơ kết"
    intro = (
        f"Ban Chỉ đạo phong trào thi đua {MOVEMENT} {_unit_phrase(report.unit)} báo cáo kết quả {kind_word} "
        f"phong trào thi đua {MOVEMENT} giai đoạn {period_label(snapshot, ' - ')} như sau:"
    )
    blocks = [Block("text", intro)]
    for name, heading in PART_HEADINGS:
        blocks.append(Block("part", heading))
        if name == "results":
            blocks.extend(results_blocks(snapshot, report.part_results_extra))
            continue
        texts = paragraphs(getattr(report, name))
        blocks.extend(Block("text", text) for text in texts or [PLACEHOLDER])
    return blocks


def build_document(report, snapshot: dict) -> ReportDocument:
    """The worded report: header block, title, body, recipients and signature. `report` is a SummaryReport
    (saved or not) whose `unit` carries the header names."""
    unit, layout = report.unit, report.layout
    superior, issuer, suffix = header_fields(unit, layout)
    figures = snapshot["figures"]
    kind_slug = "tong-ket" if report.kind == "final" else "so-ket"
    return ReportDocument(
        layout=layout,
        superior=superior,
        issuer=issuer,
        number_line=number_line(layout, report.number, suffix),
        date_line=place_and_date(unit.place_name, report.issued_on, year=figures["phase"]["end_year"]),
        summary_lines=summary_lines(report),
        body=body_blocks(report, snapshot),
        recipients=paragraphs(report.recipients),
        signer_lines=[line.upper() for line in paragraphs(report.signer_position)],
        signer_name=" ".join(report.signer_name.split()),
        snapshot=snapshot,
        is_frozen=report.is_frozen,
        filename=f"bao-cao-{kind_slug}-{unit.code}-{period_label(snapshot)}",
        national_lines=NATIONAL[layout],
    )
