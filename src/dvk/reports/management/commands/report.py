"""`dvk report summary`: the figures of a unit's summary report (sơ kết / tổng kết) from the command line.

    dvk report summary --unit 072 --phase 2020-2022 --format json
    dvk report summary --unit 058 --years 2021-2023 --format xlsx --output bac-kan.xlsx

JSON (the keys of DESIGN §5) goes to standard output unless --output names a file; the binary formats (Word,
Excel, PDF) go to --output, or to standard output when it is redirected to a file or a pipe. Every mistake in the
command line is one Vietnamese sentence on standard error and exit code 2, never a traceback.
"""

import re
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from dvk.reports.exporters import UnknownFormat, available_formats, get_exporter
from dvk.reports.figures import FigureSet, compute_figures, find_phase, find_unit
from dvk.reports.services import FIRST_YEAR, LAST_YEAR

USAGE = (
    "Cách dùng: dvk report summary --unit MÃ_ĐƠN_VỊ (--phase MÃ_GIAI_ĐOẠN | --years NĂM_ĐẦU-NĂM_CUỐI) "
    "--format json|xlsx|docx|pdf [--output TỆP]"
)
WRITE_ERRORS = {
    FileNotFoundError: "thư mục chứa tệp không tồn tại",
    PermissionError: "không có quyền ghi",
    IsADirectoryError: "đó là một thư mục",
}
YEARS = re.compile(r"^\s*(\d{4})\s*(?:[-–]\s*(\d{4}))?\s*$")


class UsageError(CommandError):
    """A mistake in the command line: exit code 2."""

    def __init__(self, message: str):
        super().__init__(message, returncode=2)


def parse_years(text: str) -> tuple[int, int]:
    """ "2020-2022" → (2020, 2022); "2022" → (2022, 2022)."""
    match = YEARS.match(text)
    if not match:
        raise UsageError(f"--years phải có dạng NĂM_ĐẦU-NĂM_CUỐI, ví dụ 2020-2022 (nhận được “{text}”).")
    first = int(match.group(1))
    last = int(match.group(2) or first)
    if first > last:
        raise UsageError(f"--years: năm đầu ({first}) không được sau năm cuối ({last}).")
    if not FIRST_YEAR <= first <= last <= LAST_YEAR:
        raise UsageError(
            f"--years: các năm phải nằm trong khoảng {FIRST_YEAR}-{LAST_YEAR} (nhận được “{text}”)."
        )
    return first, last


class Command(BaseCommand):
    help = "Số liệu tổng hợp phong trào “Dân vận khéo” của một đơn vị: " + USAGE

    def create_parser(self, prog_name, subcommand, **kwargs):
        parser = super().create_parser(prog_name, subcommand, **kwargs)

        def error(message: str):
            text = f"Tham số không hợp lệ ({message}). {USAGE}"
            if parser.called_from_command_line:
                sys.stderr.write(text + "\n")
                sys.exit(2)
            raise UsageError(text)

        parser.error = error
        return parser

    def add_arguments(self, parser):
        parser.add_argument("action", nargs="?", help="summary: số liệu báo cáo sơ kết, tổng kết")
        parser.add_argument("--unit", help="mã đơn vị, ví dụ 072")
        parser.add_argument("--phase", help="mã giai đoạn, ví dụ 2020-2022")
        parser.add_argument("--years", help="khoảng năm bất kỳ thay cho --phase, ví dụ 2020-2022")
        parser.add_argument("--format", default="json", help="json (mặc định), xlsx, docx hoặc pdf")
        parser.add_argument("--output", help="ghi ra tệp này thay vì ra màn hình")

    def execute(self, *args, **options):
        """On the command line a CommandError is its message alone (Django would prefix "CommandError:")."""
        try:
            return super().execute(*args, **options)
        except CommandError as exc:
            if not getattr(self, "_called_from_command_line", False) or options.get("traceback"):
                raise
            self.stderr.write(str(exc))
            sys.exit(exc.returncode)

    def handle(self, *args, **options):
        if options["action"] != "summary":
            what = (
                f"Lệnh “{options['action']}” không có." if options["action"] else "Thiếu lệnh con “summary”."
            )
            raise UsageError(f"{what} {USAGE}")
        exporter = self._exporter(options["format"])
        figures = self._figures(options)
        content = exporter(figures)
        self._write(content, exporter, options["output"])

    def _exporter(self, name: str):
        try:
            return get_exporter(name)
        except UnknownFormat as exc:
            raise UsageError(exc.message) from None

    def _figures(self, options) -> FigureSet:
        if not options["unit"]:
            raise UsageError(f"Thiếu --unit (mã đơn vị cần báo cáo, ví dụ --unit 072). {USAGE}")
        if bool(options["phase"]) == bool(options["years"]):
            raise UsageError("Chọn đúng một trong hai: --phase MÃ_GIAI_ĐOẠN hoặc --years NĂM_ĐẦU-NĂM_CUỐI.")
        years = parse_years(options["years"]) if options["years"] else None
        unit = find_unit(options["unit"])
        if unit is None:
            raise UsageError(f"Không tìm thấy đơn vị có mã “{options['unit']}”.")
        if years:
            return compute_figures(unit, years=years)
        phase = find_phase(unit, options["phase"])
        if phase is None:
            raise UsageError(
                f"Không tìm thấy giai đoạn “{options['phase']}” áp dụng cho {unit.name} (mã {unit.code})."
            )
        return compute_figures(unit, phase=phase)

    def _write(self, content: bytes, exporter, output: str | None) -> None:
        if output:
            try:
                Path(output).write_bytes(content)
            except OSError as exc:
                reason = WRITE_ERRORS.get(type(exc), "lỗi hệ thống tệp")
                raise CommandError(f"Không ghi được tệp “{output}”: {reason}.") from None
            self.stderr.write(f"Đã ghi {exporter.label} vào {output}.")
            return
        if not exporter.binary:
            self.stdout.write(content.decode("utf-8"), ending="")
            return
        stream = getattr(self.stdout._out, "buffer", None)
        if stream is None or self.stdout.isatty():
            raise UsageError(
                f"Định dạng {exporter.format} là tệp nhị phân: hãy ghi ra tệp bằng --output TỆP."
                f" Các định dạng hiện có: {', '.join(available_formats())}."
            )
        stream.write(content)
        stream.flush()
