"""Registration years, and the year masks that the initiatives' roll-ups keep (pure data and arithmetic).

A year mask is an integer with bit `year - MASK_BASE_YEAR` set for every year in it: "the years in which this
initiative had a recognised registration" is one 64-bit column, and "recognised in a year of 2020-2022" is
`recognised_years & years_mask(2020, 2022) != 0`, a test on the initiative's own row (DESIGN §5, reports.figures).
Bit 63 is the sign of a 64-bit integer on both databases, so masks hold the years 2000 to 2062.
"""

FIRST_YEAR = 2009  # the movement began in 2009: no registration is older
MASK_BASE_YEAR = 2000
MASK_LAST_YEAR = MASK_BASE_YEAR + 62


def year_bit(year: int) -> int:
    """The mask of one registration year."""
    if not MASK_BASE_YEAR <= year <= MASK_LAST_YEAR:
        raise ValueError(f"year {year} is outside the masks' years {MASK_BASE_YEAR}-{MASK_LAST_YEAR}")
    return 1 << (year - MASK_BASE_YEAR)


def years_mask(first: int, last: int) -> int:
    """The mask of the years first..last (inclusive), clipped to the years a mask holds."""
    first, last = max(first, MASK_BASE_YEAR), min(last, MASK_LAST_YEAR)
    if first > last:
        return 0
    return ((1 << (last - first + 1)) - 1) << (first - MASK_BASE_YEAR)


def mask_of(years) -> int:
    """The mask of an iterable of registration years."""
    mask = 0
    for year in years:
        mask |= year_bit(year)
    return mask


def years_in(mask: int) -> list[int]:
    """The years of a mask, in order."""
    return [MASK_BASE_YEAR + bit for bit in range(63) if mask >> bit & 1]
