"""Default values checked against their column's type, as PostgreSQL would
read them, so a build that exits 0 never writes a DEFAULT the database
refuses (E208).

`number(text, ctype)` and `string(text, ctype)` return the reason a value
does not fit, or None. Numbers are ASCII digits only (`١٢`, `１`, `1_000`,
`nan` and `inf` are refused: PostgreSQL reads none of them as a number
literal); integers are checked against their type's range, decimals against
their precision, strings against their length, and the string forms of
json, uuid, dates, times, intervals and bytea against their syntax.
"""

from __future__ import annotations

import datetime
import json
import re

from compiler.ir import ColumnType
from compiler.types import INTEGER_TYPES, Scalar

NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)", re.ASCII)

INTEGER_RANGE = {
    Scalar.SMALLINT: (-(2**15), 2**15 - 1),
    Scalar.INTEGER: (-(2**31), 2**31 - 1),
    Scalar.BIGINT: (-(2**63), 2**63 - 1),
}

FLOAT_LIMIT = {Scalar.REAL: 3.4028234e38, Scalar.DOUBLE: 1.7976931348623157e308}

_UUID = re.compile(r"\{?[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}\}?", re.ASCII)
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)
_TIME = r"[0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]{1,6})?)?"
_ZONE = r"(?:Z|[+-][0-9]{2}(?::?[0-9]{2})?)?"
_TIMESTAMP = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}(?:[T ]" + _TIME + _ZONE + ")?", re.ASCII)
_TIME_OF_DAY = re.compile(_TIME + _ZONE, re.ASCII)
_INTERVAL_UNITS = (
    r"(?:microseconds?|milliseconds?|seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|mons?|years?|yrs?|"
    r"decades?|centuries|century|millenniums?|millennia|[smhdwy])"
)
_INTERVAL = re.compile(
    r"\s*(?:[+-]?[0-9]+(?:\.[0-9]+)?\s*" + _INTERVAL_UNITS + r"\s*)+(?:\s*ago)?\s*"
    r"|\s*[+-]?[0-9]+:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?\s*"
    r"|P(?=\d|T\d)(?:\d+Y)?(?:\d+M)?(?:\d+W)?(?:\d+D)?(?:T(?=\d)(?:\d+H)?(?:\d+M)?(?:\d+(?:\.\d+)?S)?)?",
    re.ASCII | re.IGNORECASE,
)
_BYTEA_HEX = re.compile(r"\\x(?:[0-9a-fA-F]{2})*", re.ASCII)


def number(text: str, ctype: ColumnType) -> str | None:
    if not NUMBER.fullmatch(text):
        return "is not a number PostgreSQL reads (ASCII digits 0-9, an optional sign and decimal point; no `_`, nan or inf)"
    if ctype.scalar in INTEGER_TYPES:
        if "." in text:
            return f"is not a whole number, and the column is {ctype.scalar.value}"
        low, high = INTEGER_RANGE[ctype.scalar]
        if not low <= int(text) <= high:
            return f"is outside the range of {ctype.scalar.value} ({low}..{high})"
    elif ctype.scalar in FLOAT_LIMIT and abs(float(text)) > FLOAT_LIMIT[ctype.scalar]:
        return f"is out of range for {ctype.scalar.value}"
    elif ctype.scalar is Scalar.DECIMAL and ctype.precision is not None:
        whole = text.lstrip("+-").split(".")[0].lstrip("0")
        if len(whole) > ctype.precision - (ctype.scale or 0):
            return f"has more digits before the point than decimal({ctype.precision}, {ctype.scale or 0}) holds"
    return None


def string(text: str, ctype: ColumnType) -> str | None:
    """Why the quoted default `text` is no value of `ctype` (a scalar, not an array)."""
    if "\x00" in text:
        return "contains a NUL character, which PostgreSQL text cannot hold"
    scalar = ctype.scalar
    if scalar in (Scalar.STRING, Scalar.CHAR) and ctype.length is not None and len(text) > ctype.length:
        return f"is {len(text)} characters long; the column holds {ctype.length}"
    if scalar in (Scalar.JSON, Scalar.JSONB):
        return _json(text)
    if scalar is Scalar.UUID and not _UUID.fullmatch(text):
        return "is not a UUID (8-4-4-4-12 hexadecimal digits)"
    if scalar is Scalar.DATE:
        return _iso(text, datetime.date.fromisoformat, "a date (YYYY-MM-DD)") if _DATE.fullmatch(text) else "is not a date (YYYY-MM-DD)"
    if scalar in (Scalar.TIMESTAMP, Scalar.TIMESTAMPTZ):
        what = "a timestamp (YYYY-MM-DD HH:MM:SS)"
        return _iso(text, datetime.datetime.fromisoformat, what) if _TIMESTAMP.fullmatch(text) else f"is not {what}"
    if scalar is Scalar.TIME:
        what = "a time (HH:MM:SS)"
        return (
            _iso(text.rstrip("Z").split("+")[0].split("-")[0], datetime.time.fromisoformat, what)
            if _TIME_OF_DAY.fullmatch(text)
            else f"is not {what}"
        )
    if scalar is Scalar.INTERVAL and not _INTERVAL.fullmatch(text):
        return "is not an interval (`1 day`, `2 hours 30 minutes`, `01:30:00` or ISO 8601 `P1D`)"
    if scalar is Scalar.BYTES and "\\" in text and not _BYTEA_HEX.fullmatch(text):
        return "is not bytea (hex `\\x0a1b`, or text without backslashes)"
    return None


def _json(text: str) -> str | None:
    def refuse(constant: str):
        raise ValueError(f"{constant} is not JSON")

    try:
        json.loads(text, parse_constant=refuse)
    except ValueError as exc:
        return f"is not valid JSON ({str(exc).split(':')[0]})"
    if "\\u0000" in text:
        return "holds \\u0000, which PostgreSQL's json types refuse"
    return None


def _iso(text: str, parse, what: str) -> str | None:
    if not text.isascii():
        return f"is not {what}"
    try:
        parse(text)
    except ValueError:
        return f"is not {what}"
    return None
