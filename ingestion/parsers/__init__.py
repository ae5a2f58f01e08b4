"""Registry of site parsers: detection by content, never by file name.

`detect_parser(text)` asks each registered parser whether the start of a decoded file is its
format; `PARSERS` lists them in the order they are tried. Adding a site = one module plus one
line here.
"""

from __future__ import annotations

from ingestion.parsers.base import SiteParser, decode
from ingestion.parsers.bovada import BovadaParser
from ingestion.parsers.fulltilt import FullTiltParser
from ingestion.parsers.ggpoker import GGPokerParser
from ingestion.parsers.ipoker import IPokerParser
from ingestion.parsers.pacific import PacificParser
from ingestion.parsers.partypoker import PartyPokerParser
from ingestion.parsers.phh import PHHParser
from ingestion.parsers.pokerstars import PokerStarsParser
from ingestion.parsers.winamax import WinamaxParser
from ingestion.parsers.winning import WinningParser

PARSERS: tuple[SiteParser, ...] = (PokerStarsParser(),
                                   BovadaParser(),
                                   FullTiltParser(),
                                   GGPokerParser(),
                                   PHHParser(),
                                   IPokerParser(),
                                   PartyPokerParser(),
                                   WinamaxParser(),
                                   PacificParser(),
                                   WinningParser(),)


def detect_parser(text: str) -> SiteParser | None:
    """The parser whose format the start of `text` is, or None."""
    head = text[:4096]
    for parser in PARSERS:
        if parser.detect(head):
            return parser
    return None


__all__ = ["PARSERS", "SiteParser", "decode", "detect_parser"]
