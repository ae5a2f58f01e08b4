"""Registry of site parsers: detection by content, never by file name.

`detect_parser(text)` asks each registered parser whether the start of a decoded file is its
format; `PARSERS` lists them in the order they are tried. Adding a site = one module plus one
line here.
"""

from __future__ import annotations

from ingestion.parsers.base import SiteParser, decode
from ingestion.parsers.pokerstars import PokerStarsParser

PARSERS: tuple[SiteParser, ...] = (PokerStarsParser(),)


def detect_parser(text: str) -> SiteParser | None:
    """The parser whose format the start of `text` is, or None."""
    head = text[:4096]
    for parser in PARSERS:
        if parser.detect(head):
            return parser
    return None


__all__ = ["PARSERS", "SiteParser", "decode", "detect_parser"]
