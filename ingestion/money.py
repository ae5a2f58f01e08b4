"""Exact money: amounts travel as integers of 1/10,000 of the hand's unit.

Parsers turn amount text into scaled integers (no floats, no per-value Decimal objects on
the hot path); `decimal_array` turns a column of them into Arrow `decimal128(18, 4)`
without any rounding. Four decimals hold every real site's cents, fractional chips and
split-pot half cents exactly.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

import pyarrow as pa

SCALE = 10_000
MONEY_TYPE = pa.decimal128(18, 4)

_STRIP = str.maketrans("", "", "$€£¥₹ \u00a0\u202f")


class MoneyError(ValueError):
    """An amount that cannot be read exactly."""


def to_units(text: str, decimal_sep: str = ".") -> int:
    """Parse an amount like `1,234.56`, `$0.02`, `€1,5` (with decimal_sep=',') into 1/10,000 units.

    Thousands separators are dropped; more than four decimals is an error (never rounded).
    """
    s = text.translate(_STRIP)
    if decimal_sep == ",":
        s = s.replace(".", "").replace(",", ".")
    else:
        s = s.replace(",", "")
    neg = s.startswith("-")
    if neg:
        s = s[1:]
    whole, _, frac = s.partition(".")
    if not whole and not frac:
        raise MoneyError(f"not an amount: {text!r}")
    if len(frac) > 4:
        frac_tail = frac[4:]
        if frac_tail.strip("0"):
            raise MoneyError(f"more than 4 decimals: {text!r}")
        frac = frac[:4]
    try:
        value = int(whole or "0") * SCALE + (int(frac.ljust(4, "0")) if frac else 0)
    except ValueError:
        raise MoneyError(f"not an amount: {text!r}") from None
    return -value if neg else value


def units_to_decimal(units: int) -> Decimal:
    return Decimal(units).scaleb(-4)


def decimal_to_units(value: Decimal | int | str) -> int:
    d = Decimal(value) * SCALE
    if d != d.to_integral_value():
        raise MoneyError(f"more than 4 decimals: {value!r}")
    return int(d)


def decimal_array(units: Sequence[int | None]) -> pa.Array:
    """Arrow decimal128(18, 4) from scaled integers, exactly (the int is the decimal's storage)."""
    ints = pa.array(units, type=pa.int64())
    # decimal128(18, 0) of n, reinterpreted at scale 4, is n / 10,000: cast int64 -> decimal(18,0)
    # is exact, then the scale change is a metadata-only view of the same 128-bit integers.
    as_dec0 = ints.cast(pa.decimal128(19, 0))
    return pa.Array.from_buffers(MONEY_TYPE, len(as_dec0), as_dec0.buffers(), as_dec0.null_count,
                                 as_dec0.offset)
