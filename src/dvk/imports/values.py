"""Turning a spreadsheet cell into a value, however the register wrote it.

Cells arrive from python-calamine (str, float, int, bool, date, datetime, time) or from a CSV (str). Dates may
be spreadsheet dates or text "14/10/2022", "4/10/22", "2022-10-14" (also with "." or "-" between day, month
and year); numbers may be numbers or Vietnamese text "1.234.567" (dots group thousands) or "1,5" (comma before
decimals). Text is NFC-normalised and trimmed. A value that cannot be read raises `CellError` with a plain
Vietnamese message; the caller adds the sheet, row and column.
"""

import datetime
import functools
import re
from decimal import Decimal, InvalidOperation

from dvk.core.text import clean

# Cells up to this length are cleaned once per distinct text: codes, names and closed values repeat.
_SHORT = 200
_clean_short = functools.lru_cache(maxsize=65_536)(clean)


def _clean(value: str) -> str:
    return _clean_short(value) if len(value) <= _SHORT else clean(value)


class CellError(ValueError):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


_DMY = re.compile(r"^(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{2}|\d{4})$")
_YMD = re.compile(r"^(\d{4})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{1,2})(?:[ T].*)?$")
_EXCEL_EPOCH = datetime.date(1899, 12, 30)
_THOUSANDS_DOT = re.compile(r"^\d{1,3}(\.\d{3})+$")
_THOUSANDS_COMMA = re.compile(r"^\d{1,3}(,\d{3}){2,}$")
_UNIT_SUFFIX = re.compile(r"\s*(đồng|đ|vnđ|vnd|m2|m²|km|hộ|ngày công|ngày)\.?$", re.IGNORECASE)


def is_blank(raw: object) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


def text(raw: object) -> str:
    """Any cell as trimmed NFC text; whole numbers without ".0", dates as dd/mm/yyyy."""
    if isinstance(raw, str):
        return _clean(raw)
    if is_blank(raw):
        return ""
    if isinstance(raw, bool):
        return "Có" if raw else "Không"
    if isinstance(raw, float):
        return str(int(raw)) if raw.is_integer() else str(raw)
    if isinstance(raw, datetime.datetime):
        raw = raw.date()
    if isinstance(raw, datetime.date):
        return raw.strftime("%d/%m/%Y")
    return clean(str(raw))


def multiline(raw: object) -> str:
    """Text that may hold several lines (content, results): each line trimmed, line breaks kept."""
    if isinstance(raw, str):
        lines = [_clean(line) for line in raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
        return "\n".join(lines).strip()
    return text(raw)


def _two_digit_year(year: int) -> int:
    """ "22" is 2022; "95" is 1995 (a year after next year's two digits is of the last century)."""
    next_year = datetime.date.today().year + 1
    return 2000 + year if 2000 + year <= next_year else 1900 + year


def _make_date(year: int, month: int, day: int, written: str) -> datetime.date:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        raise CellError(f"Ngày “{written}” không có thật trên lịch.") from None


def date(raw: object) -> datetime.date | None:
    if is_blank(raw):
        return None
    if isinstance(raw, datetime.datetime):
        return raw.date()
    if isinstance(raw, datetime.date):
        return raw
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        if 1 <= raw < 2958466:  # a spreadsheet serial day number
            return _EXCEL_EPOCH + datetime.timedelta(days=int(raw))
        raise CellError(f"“{text(raw)}” không phải là một ngày.")
    written = text(raw)
    if match := _DMY.match(written):
        day, month, year = (int(part) for part in match.groups())
        if len(match.group(3)) == 2:
            year = _two_digit_year(year)
        return _make_date(year, month, day, written)
    if match := _YMD.match(written):
        year, month, day = (int(part) for part in match.groups())
        return _make_date(year, month, day, written)
    raise CellError(f"“{written}” không phải là ngày; hãy ghi theo dạng ngày/tháng/năm, ví dụ 14/10/2022.")


def decimal(raw: object) -> Decimal | None:
    """A number from a numeric cell or from text written the Vietnamese way."""
    if is_blank(raw):
        return None
    if isinstance(raw, bool):
        raise CellError("Ô này cần một con số.")
    if isinstance(raw, int):
        return Decimal(raw)
    if isinstance(raw, float):
        return Decimal(repr(raw)).normalize() if not raw.is_integer() else Decimal(int(raw))
    written = text(raw)
    compact = _UNIT_SUFFIX.sub("", written).replace(" ", "").replace("\u00a0", "")
    if "," in compact and "." in compact:
        decimal_mark = "," if compact.rfind(",") > compact.rfind(".") else "."
        thousands = "." if decimal_mark == "," else ","
        compact = compact.replace(thousands, "").replace(decimal_mark, ".")
    elif _THOUSANDS_DOT.match(compact):
        compact = compact.replace(".", "")
    elif _THOUSANDS_COMMA.match(compact):
        compact = compact.replace(",", "")
    else:
        compact = compact.replace(",", ".")
    try:
        number = Decimal(compact)
    except InvalidOperation:
        raise CellError(f"“{written}” không phải là một con số.") from None
    if not number.is_finite():
        raise CellError(f"“{written}” không phải là một con số.")
    return number


def non_negative(raw: object, *, places: int, max_digits: int) -> Decimal | None:
    number = decimal(raw)
    if number is None:
        return None
    if number < 0:
        raise CellError("Số liệu không được âm.")
    quantum = Decimal(1).scaleb(-places)
    rounded = number.quantize(quantum)
    if len(rounded.as_tuple().digits) > max_digits:
        raise CellError(f"Số “{text(raw)}” quá lớn.")
    return rounded


def whole_number(raw: object) -> int | None:
    number = decimal(raw)
    if number is None:
        return None
    if number != number.to_integral_value():
        raise CellError(f"“{text(raw)}” phải là số nguyên.")
    if number < 0:
        raise CellError("Số liệu không được âm.")
    if number > 2_147_483_647:
        raise CellError(f"Số “{text(raw)}” quá lớn.")
    return int(number)


def year(raw: object, *, first: int, last: int) -> int | None:
    """A registration year between `first` and `last`."""
    if is_blank(raw):
        return None
    if isinstance(raw, (datetime.date, datetime.datetime)):
        raise CellError(f"Ô năm đang ghi một ngày ({text(raw)}); hãy ghi năm, ví dụ {last - 1}.")
    written = text(raw)
    try:
        value = whole_number(written.removeprefix("Năm ").removeprefix("năm "))
    except CellError:
        raise CellError(f"“{written}” không phải là một năm.") from None
    if value is None or not first <= value <= last:
        raise CellError(f"Năm {written} nằm ngoài khoảng {first}–{last}.")
    return value
