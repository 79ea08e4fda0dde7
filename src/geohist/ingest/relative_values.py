"""Calendar arithmetic of relative expressions: "pekan lalu", "November lalu", "dua tahun lalu".

Weeks run Monday to Sunday (ISO 8601, and Indonesian usage: "awal pekan" is Monday to
Wednesday, "akhir pekan" the weekend).
"""

from __future__ import annotations

from geohist.ingest.mention import Mention
from geohist.ingest.values import (
    DateValue,
    add_months,
    day_value,
    days_value,
    month_value,
    week_start,
    year_value,
)
from geohist.model.time import HistoricalDate, Part, Precision, civil_from_days

WEEK_PARTS = {Part.EARLY: (0, 2), Part.MID: (2, 3), Part.LATE: (5, 6)}


def relative_value(mention: Mention, anchor: int) -> DateValue | None:
    """The value of a relative mention counted from the day number ``anchor``."""
    unit, offset = mention.unit or "", mention.offset
    year, month, _ = civil_from_days(anchor)
    if unit == "day":
        return day_value(anchor + offset)
    if unit == "week":
        return _week(anchor, offset, mention.part)
    if unit == "month":
        return month_value(*add_months(year, month, offset))
    if unit == "year":
        return year_value(year + offset)
    if unit in ("decade", "century"):
        step = 10 if unit == "decade" else 100
        return DateValue(HistoricalDate(year + step * offset, precision=Precision.YEAR))
    if unit.startswith("month:"):
        return _named_month(unit, offset, year, month)
    return None


def _week(anchor: int, offset: int, part: Part | None) -> DateValue:
    monday = week_start(anchor) + 7 * offset
    first, last = WEEK_PARTS.get(part, (0, 6)) if part else (0, 6)
    return days_value(monday + first, monday + last, approximate=True)


def _named_month(unit: str, offset: int, year: int, month: int) -> DateValue:
    """ "November lalu": the last November before this month; "Mei tahun lalu": May last year."""
    named = int(unit.split(":")[1])
    if unit.endswith(":year"):
        return month_value(year + offset, named)
    if offset < 0:
        return month_value(year if named < month else year - 1, named)
    if offset > 0:
        return month_value(year if named > month else year + 1, named)
    return month_value(year, named)
