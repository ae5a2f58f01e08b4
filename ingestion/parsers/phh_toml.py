"""The TOML subset PHH files are written in, read fast, with `tomllib` as the exact fallback.

Why a reader of our own: machine-written PHH files (PokerKit's dumps, the Pluribus and
HandHQ conversions) are one `key = value` per line with single-line arrays, and
`tomllib` (pure Python) spends most of its time on generality those lines never need.
`loads` reads that shape directly; the first line it does not fully understand (multi-line
arrays, escapes, dates and times, inline tables, dotted keys, duplicate keys) hands the whole
text to `tomllib`, so hand-written files with comments inside arrays read exactly as TOML
says. Numbers are never floats: integers stay `int`, every other number is a `Decimal`
(`tomllib` is given `parse_float=Decimal`), so money read from PHH stays exact.
"""

from __future__ import annotations

import re
import tomllib
from decimal import Decimal, InvalidOperation
from typing import Any

TomlError = tomllib.TOMLDecodeError

_KEY = re.compile(r"[A-Za-z0-9_-]+\Z")
_INT = re.compile(r"[+-]?\d[\d_]*\Z")


class _Fallback(Exception):
    """The fast reader met something it leaves to tomllib."""


def loads(text: str) -> dict[str, Any]:
    """TOML text -> dict (ints, Decimals, strs, bools, lists). Raises TomlError when invalid."""
    try:
        return _fast(text)
    except _Fallback:
        return tomllib.loads(text, parse_float=Decimal)


_ATOM = r"""'[^'\n]*'|"[^"\\\n]*"|true|false|[+-]?(?:\d[\d_]*(?:\.\d[\d_]*)?(?:[eE][+-]?\d+)?|inf|nan)"""
_ITEM = re.compile(_ATOM)
_ARRAY = re.compile(rf"\[\s*((?:(?:{_ATOM})\s*,\s*)*(?:(?:{_ATOM})\s*,?\s*)?)\]\s*(?:#.*)?")
_SCALAR = re.compile(rf"({_ATOM})\s*(?:#.*)?")


def _atom(token: str) -> Any:
    c = token[0]
    if c == "'" or c == '"':
        return token[1:-1]
    if token == "true":
        return True
    if token == "false":
        return False
    if _INT.match(token):
        digits = token.lstrip("+-")
        if len(digits) > 1 and digits[0] == "0":
            raise _Fallback  # leading zeros are invalid TOML: let tomllib say so
        return int(token.replace("_", ""))
    try:
        return Decimal(token.replace("_", ""))
    except InvalidOperation:
        raise _Fallback from None


def _fast(text: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for line in text.splitlines():
        s = line.strip()
        if not s or s[0] == "#":
            continue
        key, eq, rest = s.partition("=")
        key = key.strip()
        if not eq or _KEY.match(key) is None or key in out:
            raise _Fallback
        rest = rest.strip()
        if rest[:1] == "[":
            m = _ARRAY.fullmatch(rest)
            if m is None:
                raise _Fallback  # multi-line array, nested arrays...
            out[key] = [_atom(t) for t in _ITEM.findall(m.group(1))]
        else:
            m = _SCALAR.fullmatch(rest)
            if m is None:
                raise _Fallback  # dates, times, inline tables, multi-line strings...
            out[key] = _atom(m.group(1))
    return out
