"""The summary report as a Word document, rendered with docxtpl from a .docx template: the default Party or
state template of `reports/templates_docx/`, or the unit's own template uploaded for the report."""

import io
import zipfile
from pathlib import Path

from django.utils import timezone
from docxtpl import DocxTemplate, RichText
from jinja2 import TemplateError
from lxml.etree import XMLSyntaxError

from dvk.core.errors import ValidationFailed
from dvk.reports.exporters import ExportSource, register
from dvk.reports.models import SummaryReport
from dvk.reports.narrative import ReportDocument, period_label
from dvk.reports.selectors import source_document

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TEMPLATES = Path(__file__).resolve().parent.parent / "templates_docx"
FIGURE_FIELDS = ("registrations", "new_initiatives", "recognized", "exemplary")


class TemplateFailed(ValidationFailed):
    """A Word template that cannot be rendered (a broken tag, an unknown filter …)."""


def default_template(layout: str) -> bytes:
    """The default template of a layout ("party" or "state"), as shipped."""
    return (TEMPLATES / f"{'state' if layout == 'state' else 'party'}.docx").read_bytes()


def number(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def _rich(block) -> RichText:
    rich = RichText()
    if block.lead:
        rich.add(block.lead, bold=True)
    rich.add(block.text)
    return rich


def _figure_rows(rows: list[dict], *, own_label: str = "") -> list[dict]:
    lines = []
    for row in rows:
        name = f"{row['name']} ({own_label})" if own_label and row.get("is_own") else row["name"]
        lines.append({"name": name, **{f: number(row[f]) for f in FIGURE_FIELDS}})
    return lines


def draft_note(document: ReportDocument) -> str:
    if document.is_frozen:
        return ""
    computed = timezone.localtime(timezone.datetime.fromisoformat(document.snapshot["computed_at"]))
    return f"Dự thảo: số liệu chưa chốt, tính đến {computed:%H:%M} ngày {computed:%d/%m/%Y}"


def context(document: ReportDocument) -> dict:
    """What a template sees (the names `templates_docx/build.py` documents)."""
    snapshot, figures = document.snapshot, document.snapshot["figures"]
    return {
        "superior": document.superior,
        "issuer": document.issuer,
        "number_line": document.number_line,
        "date_line": document.date_line,
        "title": document.title,
        "summary_lines": document.summary_lines,
        "draft_note": draft_note(document),
        "body": [{"kind": b.kind, "text": b.text, "lead": b.lead, "rich": _rich(b)} for b in document.body],
        "recipients": document.recipients,
        "signer_lines": document.signer_lines,
        "signer_name": document.signer_name,
        "period": f"giai đoạn {period_label(snapshot, ' - ')}",
        "unit_rows": _figure_rows(snapshot["by_unit"], own_label="trực thuộc"),
        "sector_rows": _figure_rows(snapshot["by_sector"]),
        "totals": {
            "registrations": number(figures["registrations"]),
            "new_initiatives": number(figures["new_initiatives"]["total"]),
            "recognized": number(figures["recognized"]["total"]),
            "exemplary": number(figures["exemplary"]["total"]),
        },
        "figures": figures,
    }


def render_docx(document: ReportDocument, template: bytes | None = None) -> bytes:
    """Render `document` into `template` (the default one of its layout when None)."""
    try:
        docx = DocxTemplate(io.BytesIO(template or default_template(document.layout)))
        docx.render(context(document), autoescape=True)
        output = io.BytesIO()
        docx.save(output)
    except TemplateError as error:
        raise TemplateFailed(f"Mẫu Word có thẻ không hợp lệ: {error}") from None
    except (KeyError, ValueError, AttributeError, TypeError, XMLSyntaxError, zipfile.BadZipFile) as error:
        raise TemplateFailed(f"Không dựng được báo cáo từ mẫu Word này ({error}).") from None
    return output.getvalue()


def report_template(report: SummaryReport) -> bytes | None:
    """The report's own uploaded template, if any."""
    if not report.template:
        return None
    with report.template.open("rb") as handle:
        return handle.read()


@register("docx", extension="docx", content_type=DOCX_CONTENT_TYPE, label="Word (.docx)")
def export_docx(source: ExportSource) -> bytes:
    """The report in the layout its unit chose (or the report's own template)."""
    template = report_template(source) if isinstance(source, SummaryReport) else None
    return render_docx(source_document(source), template)
