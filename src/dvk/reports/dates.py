"""Dates as Vietnamese documents print them: the ONE helper for "Na Hang, ngày 14 tháng 10 năm 2022".

Both Hướng dẫn 36-HD/VPTW (Party documents) and Nghị định 30/2020/NĐ-CP (state documents) write days below 10
and the months January and February with a leading zero ("ngày 05 tháng 02 năm 2023"), so that nobody can add a
digit later. A document not dated yet leaves room for the date to be written by hand.
"""

from datetime import date

BLANK = "\u00a0" * 6  # room for a handwritten day or month (non-breaking, so Word keeps it)


def day_text(day: int) -> str:
    return f"{day:02d}" if day < 10 else str(day)


def month_text(month: int) -> str:
    return f"{month:02d}" if month <= 2 else str(month)


def long_date(day: date | None, *, year: int | None = None) -> str:
    """'ngày 14 tháng 10 năm 2022'; without a day, 'ngày … tháng … năm <year>' with blanks to fill in."""
    if day is None:
        return f"ngày{BLANK}tháng{BLANK}năm {year or ''}".rstrip()
    return f"ngày {day_text(day.day)} tháng {month_text(day.month)} năm {day.year}"


def place_and_date(place: str, day: date | None, *, year: int | None = None) -> str:
    """The line under the motto: 'Na Hang, ngày 14 tháng 10 năm 2022' (the place is optional)."""
    text = long_date(day, year=year)
    return f"{place}, {text}" if place else text[0].upper() + text[1:]


def short_date(day: date | None) -> str:
    """'14/10/2022', as decisions are cited inside a sentence."""
    return f"{day:%d/%m/%Y}" if day else ""
