"""Spreadsheet files made in memory for the import tests: .xlsx through XlsxWriter, .ods by hand (a zip of
XML), CSV as text."""

import csv
import datetime
import io
import zipfile
from xml.sax.saxutils import escape

import xlsxwriter


def xlsx(
    rows: list[list], *, sheet: str = "Danh sách", above: list[list] | None = None, merge_title: bool = False
) -> bytes:
    """A workbook whose sheet holds `above` (title rows) then `rows` (header first). Dates are real dates."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    page = book.add_worksheet(sheet)
    date_format = book.add_format({"num_format": "dd/mm/yyyy"})
    start = 0
    for number, cells in enumerate(above or []):
        if merge_title and cells:
            page.merge_range(number, 0, number, 5, cells[0])
        else:
            page.write_row(number, 0, cells)
        start = number + 1
    for number, cells in enumerate(rows, start=start):
        for column, value in enumerate(cells):
            if isinstance(value, datetime.date):
                page.write_datetime(
                    number, column, datetime.datetime.combine(value, datetime.time()), date_format
                )
            elif value is None:
                continue
            else:
                page.write(number, column, value)
    book.close()
    return buffer.getvalue()


def csv_bytes(rows: list[list], *, bom: bool = True, delimiter: str = ",") -> bytes:
    text = io.StringIO()
    writer = csv.writer(text, delimiter=delimiter)
    for cells in rows:
        writer.writerow(["" if value is None else value for value in cells])
    return (("\ufeff" if bom else "") + text.getvalue()).encode("utf-8")


def _ods_cell(value) -> str:
    if value is None or value == "":
        return "<table:table-cell/>"
    if isinstance(value, bool):
        value = str(value)
    if isinstance(value, (int, float)):
        return f'<table:table-cell office:value-type="float" office:value="{value}"><text:p>{value}</text:p></table:table-cell>'
    if isinstance(value, datetime.date):
        return (
            f'<table:table-cell office:value-type="date" office:date-value="{value.isoformat()}">'
            f"<text:p>{value:%d/%m/%Y}</text:p></table:table-cell>"
        )
    return f'<table:table-cell office:value-type="string"><text:p>{escape(str(value))}</text:p></table:table-cell>'


def ods(rows: list[list], *, sheet: str = "Danh sách") -> bytes:
    """A minimal OpenDocument spreadsheet (what LibreOffice saves, reduced to what a reader needs)."""
    body = "".join(
        "<table:table-row>" + "".join(_ods_cell(v) for v in cells) + "</table:table-row>" for cells in rows
    )
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f'<office:body><office:spreadsheet><table:table table:name="{escape(sheet)}">{body}</table:table>'
        "</office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("META-INF/manifest.xml", manifest)
        archive.writestr("content.xml", content)
    return buffer.getvalue()
