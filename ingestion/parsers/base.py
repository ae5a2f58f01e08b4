"""The one interface every site parser implements: detect -> iterate hands -> emit rows.

A site parser knows its own text; everything shared (decoding bytes, the per-hand error
boundary that turns any failure into a quarantine row, the column accumulator) lives here or
in `ingestion.hand_builder`, so adding a site means writing `detect`, `iter_hands` and
`parse_hand` and nothing else.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from typing import ClassVar

from ingestion.hand_builder import Hand, HandError, TableBuilder


def decode(data: bytes) -> tuple[str, str, int]:
    """Text of a hand-history file: (text, encoding, BOM length in bytes).

    UTF-8 with or without BOM, UTF-16 with BOM, else cp1252 (undefined bytes replaced).
    """
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace"), "utf-8", 3
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        enc = "utf-16-le" if data.startswith(codecs.BOM_UTF16_LE) else "utf-16-be"
        return data[2:].decode(enc, errors="replace"), enc, 2
    try:
        return data.decode("utf-8"), "utf-8", 0
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "cp1252", 0


class ByteOffsets:
    """Maps increasing character offsets of decoded text to byte offsets in the file."""

    def __init__(self, text: str, encoding: str, bom: int) -> None:
        self.text = text
        self.encoding = encoding
        # One byte per character: ASCII text in UTF-8, and every cp1252 text.
        self.single = encoding == "cp1252" or (encoding == "utf-8" and text.isascii())
        self.bom = bom
        self.char = 0
        self.byte = bom

    def __call__(self, char_offset: int) -> int:
        if self.single:
            return self.bom + char_offset
        if char_offset < self.char:
            self.char, self.byte = 0, self.bom
        self.byte += len(self.text[self.char:char_offset].encode(self.encoding, errors="replace"))
        self.char = char_offset
        return self.byte


class SiteParser:
    """Base of every site parser; subclasses set `site`, `version` and the three methods."""

    site: ClassVar[str] = ""
    version: ClassVar[str] = ""

    def detect(self, head: str) -> bool:
        """True when the start of a decoded file is this site's format."""
        raise NotImplementedError

    def iter_hands(self, text: str) -> Iterator[tuple[int, str]]:
        """(character offset, hand text) for every hand start in the file, in order."""
        raise NotImplementedError

    def parse_hand(self, text: str, builder: TableBuilder) -> Hand:
        """Read one hand; raise HandError with a precise reason when it cannot be read."""
        raise NotImplementedError

    def site_of(self, text: str) -> str:
        """Site name of one hand (clones of a format report their own name)."""
        return self.site

    def parse_text(self, text: str, encoding: str, bom: int, builder: TableBuilder) -> int:
        """Parse every hand of a decoded file into `builder`; returns hands found. Never raises."""
        to_byte = ByteOffsets(text, encoding, bom)
        found = 0
        for char_offset, chunk in self.iter_hands(text):
            found += 1
            offset = to_byte(char_offset)
            try:
                hand = self.parse_hand(chunk, builder)
                builder.add_hand(hand, offset, self.version)
            except HandError as exc:
                builder.quarantine(offset, self._guess_site(chunk), str(exc), chunk.rstrip(),
                                   self.version)
            except Exception as exc:  # a bug or an input we never imagined: quarantine, go on
                builder.quarantine(offset, self._guess_site(chunk),
                                   f"parser error: {type(exc).__name__}: {exc}", chunk.rstrip(),
                                   self.version)
        return found

    def _guess_site(self, chunk: str) -> str | None:
        try:
            return self.site_of(chunk)
        except Exception:
            return None
