"""PHH, the Poker Hand History standard (PokerKit's TOML-based format): `.phh` and `.phhs`.

Why its own module: PHH records a hand as game parameters plus an action list (`d dh p1 AhKh`,
`p3 cbr 250`, `p1 cc`, `d db 4s5c2h`...), not as a site's text log, so the parser replays the
betting itself to know who put in how much, what each `cc` (check or call) and `cbr`
(bet, raise, completion *to* an amount) was, and which bets went uncalled. Everything after
that (positions, flags, pot conservation) is the shared hand model's job.

Format (spec: phh.readthedocs.io; reader: `ingestion.parsers.phh_toml`):
* `.phh` holds one hand (top-level TOML keys); `.phhs` holds many, one TOML table per hand
  (`[1]`, `[2]`, ...). Without table headers, several `variant = ...` lines mean `.phh` files
  were concatenated: each hand starts at its `variant` line. Detection is by content: a `variant = '...'` key next to `antes`,
  `starting_stacks` or `actions`, never by file name.
* Players are listed from the small blind round to the button, so the last player has the
  button (heads-up: the button is the small blind, and `antes`/`blinds_or_straddles` are
  reversed, as the spec says). `blinds_or_straddles[0]` is the small blind, `[1]` the big
  blind, later non-zero entries straddles (`post_straddle`; a button blind too).
* `seats` gives seat numbers (else 1..N), `seat_count` the table size, `table` its name,
  `players` the names (missing or empty names become `p1`..`pN`: names key the tables).
* Variants: `NT` hold'em NL, `FT` hold'em FL, `NS` short-deck NL, `PO` Omaha PL, `FO/8` Omaha
  hi-lo FL, and the same letter scheme for other limits (`PT`, `NO`, `PO/8`...). Stud, razz,
  draw and badugi (`F7S`, `F7S/8`, `FR`, `N2L1D`, `F2L3D`, `FB`...) are quarantined as
  "unsupported game: <code> (<name>)".
* Money: amounts are in the file's own unit, exact (integers or decimals, never floats);
  currency is the `currency` field, else `chips`. Tournament hands (an `event` that names a
  tournament, or a `level` field, and no `currency`) are `chips` with the event name (minus
  any "| Day N" part) as tournament_id. A starting stack of `inf` (unknown) is stored as null.
* Results: `finishing_stacks` when present (collected = finishing stack - chips left after
  the actions; what is missing from the pot is rake), else `winnings`, else the pot is
  awarded by `phh_showdown` (side pots, hi-lo, exact splits) from the shown cards.
* hand_id: PHH has no hand number of its own that is unique (`hand` counts within one
  session), so it is the first 32 hex digits of the SHA-256 of the hand's canonical content
  (all fields, numbers normalised, action comments and spacing dropped): the same hand in a
  `.phh` and a `.phhs`, or reformatted, keeps its id.
* started_at: only when the file gives `time` and the date (`time` may also be a full TOML
  date-time); the zone is `time_zone` (IANA) or `time_zone_abbreviation`, else UTC as the spec
  says. A time given in the venue's local zone (city/region/country, no zone field) cannot be
  placed without a gazetteer, so it stays null. No hero (PHH has no observer).

Quarantine reasons: "unsupported game: ...", "incomplete hand: ..." (missing required field,
actions that stop before the hand ends), "invalid TOML: ...", "invalid PHH: ..." (wrong field
shapes, unknown actions, bad cards, amounts that do not add up).

Left unsupported, with why: stud/draw/badugi (outside the contract's flop games); several
board runouts (not in the spec); venue-local times (no gazetteer).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from datetime import UTC, date, datetime, time
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ingestion.hand_builder import Hand, HandError, TableBuilder
from ingestion.money import SCALE, MoneyError, decimal_to_units
from ingestion.parsers import phh_showdown, phh_toml
from ingestion.parsers.base import SiteParser

SITE = "phh"

_HEADER = re.compile(r"^[ \t]*\[([^\[\]\n.]+)\][ \t\r]*(?:#[^\n]*)?$", re.M)
_VARIANT_KEY = re.compile(r"^[ \t]*variant[ \t]*=[ \t]*['\"]", re.M)
_OTHER_KEY = re.compile(r"^[ \t]*(?:actions|starting_stacks|antes|blinds_or_straddles)[ \t]*=", re.M)

_LIMITS = {"N": "nl", "P": "pl", "F": "fl"}
_GAMES = {"T": "holdem", "S": "shortdeck", "O": "omaha", "T/8": "holdem_hilo", "O/8": "omaha_hilo"}
_FLOP_CODE = re.compile(r"([NPF])(T|S|O)(/8)?\Z")
_NAMED_UNSUPPORTED = {
    "F7S": "fixed-limit seven card stud", "F7S/8": "fixed-limit seven card stud hi/lo",
    "FR": "fixed-limit razz", "N2L1D": "no-limit 2-7 lowball single draw",
    "F2L3D": "fixed-limit 2-7 lowball triple draw", "FB": "fixed-limit badugi",
}
_UNSUPPORTED_SHAPES = (
    (re.compile(r"[NPF]\d?S(/8)?\Z|[NPF]\dCS"), "stud"), (re.compile(r"[NPF]R\Z"), "razz"),
    (re.compile(r"[NPF].*D\Z"), "draw"), (re.compile(r"[NPF]B\Z"), "badugi"),
)
_TOURNAMENT_WORDS = re.compile(
    r"\b(?:Event\s*#|Tournament|Championship|Main Event|Freeroll|Satellite|Series|WSOP|WPT|EPT)",
    re.I)
_CASH_WORDS = re.compile(r"\bcash\b", re.I)
_DAY_SUFFIX = re.compile(r"\s*[|,\-–]\s*Day\s*\w+\s*$", re.I)
_BUY_IN = re.compile(r"([$€£])\s?([\d,]+(?:\.\d+)?)")
_SYMBOLS = {"$": "USD", "€": "EUR", "£": "GBP"}
_ZONES = {
    "UTC": "UTC", "GMT": "UTC", "ET": "America/New_York", "EST": "America/New_York",
    "EDT": "America/New_York", "CT": "America/Chicago", "CST": "America/Chicago",
    "CDT": "America/Chicago", "MT": "America/Denver", "MST": "America/Denver",
    "MDT": "America/Denver", "PT": "America/Los_Angeles", "PST": "America/Los_Angeles",
    "PDT": "America/Los_Angeles", "CET": "Europe/Paris", "CEST": "Europe/Paris",
    "WET": "Europe/Lisbon", "BST": "Europe/London", "EET": "Europe/Athens",
    "MSK": "Europe/Moscow", "JST": "Asia/Tokyo", "KST": "Asia/Seoul", "HKT": "Asia/Hong_Kong",
    "AEST": "Australia/Sydney", "AEDT": "Australia/Sydney", "NZST": "Pacific/Auckland",
}
_RANKS = frozenset("23456789TJQKA?")
_SUITS = frozenset("cdhs?")
_NO_LIMIT = 10 ** 30  # chips behind for an unknown (`inf`) starting stack


# ------------------------------------------------------------------ small readers
def _units(value: Any, field: str) -> int | None:
    """A PHH number in 1/10,000 units; None for `inf` (unknown). Raises HandError."""
    if isinstance(value, bool):
        raise HandError(f"invalid PHH: field {field!r}: expected a number, got {value!r}")
    if isinstance(value, int):
        return value * SCALE
    if isinstance(value, Decimal):
        if value.is_infinite() and value > 0:
            return None
        if not value.is_finite():
            raise HandError(f"invalid PHH: field {field!r}: {value} is not an amount")
        try:
            return decimal_to_units(value)
        except MoneyError:
            # binary-float noise from a generator (0.30000000000000004): keep 4 decimals only
            # when the value is within 1e-9 of them; anything coarser is a real sub-unit amount.
            q = value.quantize(Decimal("0.0001"))
            if abs(q - value) < Decimal("1e-9"):
                return decimal_to_units(q)
            raise HandError(f"invalid PHH: field {field!r}: {value} has more than 4 decimals") from None
    if isinstance(value, float):  # never produced by our reader; kept for safety
        return _units(Decimal(repr(value)), field)
    raise HandError(f"invalid PHH: field {field!r}: expected a number, got {value!r}")


_AMOUNT = re.compile(r"\d[\d_]*(?:\.\d+)?(?:[eE][+-]?\d+)?\Z")


class _Where:
    """Names an action in a quarantine reason; formatted only when a reason is written."""

    __slots__ = ("k", "raw")

    def __init__(self, k: int, raw: str) -> None:
        self.k = k
        self.raw = raw

    def __str__(self) -> str:
        return f"action {self.k + 1} {self.raw.strip()[:60]!r}"


def _amount(token: str, where: object) -> int | None:
    """The amount of a `cbr` action (a plain TOML-style number)."""
    if token == "inf":
        return None
    if _AMOUNT.match(token) is None:
        raise HandError(f"invalid PHH: {where}: {token!r} is not an amount")
    clean = token.replace("_", "")
    return _units(int(clean) if clean.isdigit() else Decimal(clean), "actions")


def _number_list(data: dict[str, Any], field: str, n: int | None) -> list[int | None]:
    raw = data.get(field)
    if raw is None:
        raise HandError(f"incomplete hand: required field {field!r} is missing")
    if not isinstance(raw, list):
        raise HandError(f"invalid PHH: field {field!r}: expected an array, got {raw!r}"[:200])
    if n is not None and len(raw) != n:
        raise HandError(f"invalid PHH: field {field!r}: expected {n} values (one per player), "
                        f"got {len(raw)}")
    return [_units(v, field) for v in raw]


def _cards(text: str, where: object) -> list[str]:
    if len(text) % 2:
        raise HandError(f"invalid PHH: {where}: cards {text!r} are not two characters each")
    out = []
    for k in range(0, len(text), 2):
        r, s = text[k].upper(), text[k + 1].lower()
        if r not in _RANKS or s not in _SUITS or (r == "?") != (s == "?"):
            raise HandError(f"invalid PHH: {where}: {text[k:k + 2]!r} is not a card")
        out.append("??" if r == "?" else r + s)
    return out


def _canonical(value: Any) -> Any:
    """JSON-ready form of a TOML value; numbers normalised (200, 200.0 and 2e2 all read 200)."""
    t = type(value)
    if t is str or t is int or t is bool or value is None:
        return value
    if t is Decimal:
        if not value.is_finite():
            return str(value)
        if value == value.to_integral_value():
            return int(value)
        return format(value.normalize(), "f")
    if t is list:
        return [v if type(v) is str or type(v) is int else _canonical(v) for v in value]
    if t is dict:
        return {str(k): _canonical(v) for k, v in value.items()}
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    return str(value)


def hand_id_of(data: dict[str, Any]) -> str:
    """Stable id of a PHH hand: SHA-256 of its canonical content (first 32 hex digits)."""
    canon = _canonical(data)
    actions = canon.get("actions")
    if isinstance(actions, list):
        clean = (" ".join(str(a).partition("#")[0].split()) for a in actions)
        canon["actions"] = [a for a in clean if a]
    blob = json.dumps(canon, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:32]


def game_of(variant: str) -> tuple[str, str]:
    """(game, limit_type) of a PHH variant code; HandError "unsupported game: ..." otherwise."""
    code = variant.strip()
    m = _FLOP_CODE.match(code)
    if m is not None:
        game = _GAMES[m.group(2) + (m.group(3) or "")]
        return game, _LIMITS[m.group(1)]
    name = _NAMED_UNSUPPORTED.get(code)
    if name is None:
        for pattern, kind in _UNSUPPORTED_SHAPES:
            if pattern.match(code):
                name = kind
                break
    if name is None:
        raise HandError(f"unsupported game: unknown PHH variant code {code!r}")
    raise HandError(f"unsupported game: {code} ({name})")


def _started_at(data: dict[str, Any]) -> datetime | None:
    t = data.get("time")
    if isinstance(t, datetime):
        if t.tzinfo is not None:
            return t.astimezone(UTC)
        naive = t
    elif isinstance(t, time):
        y, mo, d = data.get("year"), data.get("month"), data.get("day")
        if not all(isinstance(v, int) and not isinstance(v, bool) for v in (y, mo, d)):
            return None
        try:
            naive = datetime.combine(date(y, mo, d), t.replace(tzinfo=None))
        except ValueError:
            return None
    else:
        return None
    zone_name = data.get("time_zone")
    abbrev = data.get("time_zone_abbreviation")
    if isinstance(zone_name, str):
        try:
            zone = ZoneInfo(zone_name)
        except (ZoneInfoNotFoundError, ValueError):
            zone = ZoneInfo(_ZONES[zone_name.upper()]) if zone_name.upper() in _ZONES else None
    elif isinstance(abbrev, str):
        zone = ZoneInfo(_ZONES[abbrev.upper()]) if abbrev.upper() in _ZONES else None
    elif all(isinstance(data.get(k), str) for k in ("city", "region", "country")):
        zone = None  # the venue's local time: no gazetteer here (see module docstring)
    else:
        zone = ZoneInfo("UTC")
    if zone is None:
        return None
    return naive.replace(tzinfo=zone).astimezone(UTC)


def _names(data: dict[str, Any], n: int) -> list[str]:
    raw = data.get("players")
    names: list[str] = []
    seen: set[str] = set()
    for i in range(n):
        name = raw[i] if isinstance(raw, list) and len(raw) == n and isinstance(raw[i], str) else ""
        name = name.strip()
        if not name or name in seen:
            name = f"p{i + 1}"
            while name in seen:
                name += "'"
        seen.add(name)
        names.append(name)
    return names


def _seats(data: dict[str, Any], n: int) -> list[int]:
    raw = data.get("seats")
    if (isinstance(raw, list) and len(raw) == n and len(set(map(str, raw))) == n
            and all(isinstance(s, int) and not isinstance(s, bool) and s > 0 for s in raw)):
        return list(raw)
    return list(range(1, n + 1))


# ------------------------------------------------------------------ the replay
class _Replay:
    """Replays a flop game's betting: per-player chips in, returns, kinds, streets, all-ins."""

    def __init__(self, hand: Hand, names: list[str], stacks: list[int | None]) -> None:
        n = len(names)
        self.hand = hand
        self.names = names
        self.left = [s if s is not None else _NO_LIMIT for s in stacks]
        self.committed = [0] * n
        self.folded = [False] * n
        self.allin = [False] * n
        self.returned = [0] * n
        self.street = 0
        self.max_bet = 0
        self.board: list[str] = []
        self.holes: dict[int, list[str]] = {}
        self.pending: set[int] = set()
        self.n_in = n  # players who have not folded
        self.n_live = n  # ... and are not all-in

    def _add(self, i: int, kind: str, amount: int, to: int | None) -> None:
        h = self.hand
        h.act_street.append(self.street)
        h.act_player.append(self.names[i])
        h.act_kind.append(kind)
        h.act_amount.append(amount)
        h.act_raise_to.append(to)
        h.act_allin.append(self.allin[i])

    def _put(self, i: int, amount: int) -> int:
        left = self.left[i]
        if amount >= left:
            amount = left
            if not self.allin[i]:
                self.allin[i] = True
                self.n_live -= 1
        self.left[i] = left - amount
        return amount

    def live(self) -> list[int]:
        return [i for i in range(len(self.names)) if not self.folded[i] and not self.allin[i]]

    def _settle(self) -> None:
        if self.n_in <= 1 or self.n_live == 0:
            self.pending.clear()
        elif self.n_live == 1:
            last = self.live()[0]
            if self.committed[last] >= self.max_bet:
                self.pending.clear()

    def forced(self, antes: list[int], blinds: list[int]) -> None:
        n = len(self.names)
        order = [1, 0] if n == 2 else list(range(n))  # heads-up: reversed by rule
        for k in range(n):
            i = order[k]
            if antes[k]:
                amount = self._put(i, antes[k])
                if amount:
                    self._add(i, "post_ante", amount, None)
        for k in range(n):
            i = order[k]
            if blinds[k]:
                amount = self._put(i, blinds[k])
                if amount:
                    self.committed[i] += amount
                    kind = "post_sb" if k == 0 else "post_bb" if k == 1 else "post_straddle"
                    self._add(i, kind, amount, None)
        self.max_bet = max(self.committed)
        self.pending = set(self.live())
        self._settle()

    def close_street(self) -> None:
        """Return the part of the top bet nobody matched (it never went into the pot)."""
        ranked = sorted(range(len(self.names)), key=lambda i: self.committed[i], reverse=True)
        if len(ranked) < 2:
            return
        top, second = ranked[0], self.committed[ranked[1]]
        excess = self.committed[top] - second
        if excess > 0:
            self.committed[top] = second
            self.left[top] += excess
            if self.allin[top]:
                self.allin[top] = False
                self.n_live += 1
            self.returned[top] += excess

    def deal_board(self, cards: list[str], where: object) -> None:
        self.board.extend(cards)
        size = len(self.board)
        if size > 5:
            raise HandError(f"invalid PHH: {where}: more than five board cards "
                            "(several runouts are not supported)")
        street = 1 if size <= 3 else size - 2
        if street > self.street:
            self.close_street()
            self.street = street
            self.committed = [0] * len(self.names)
            self.max_bet = 0
            self.pending = set(self.live())
            self._settle()

    def act(self, i: int, op: str, args: list[str], where: object) -> None:
        if op in ("f", "cc", "cbr") and (self.folded[i] or self.allin[i]):
            raise HandError(f"invalid PHH: {where}: p{i + 1} acts after folding or going all-in")
        if op == "f":
            self.folded[i] = True
            self.n_in -= 1
            self.n_live -= 1
            self.pending.discard(i)
            self._add(i, "fold", 0, None)
        elif op == "cc":
            amount = self._put(i, max(self.max_bet - self.committed[i], 0))
            self.committed[i] += amount
            self.pending.discard(i)
            self._add(i, "call" if amount else "check", amount, None)
        elif op == "cbr":
            if len(args) != 1:
                raise HandError(f"invalid PHH: {where}: 'cbr' needs one amount")
            to = _amount(args[0], where)
            if to is None or to <= self.committed[i]:
                raise HandError(f"invalid PHH: {where}: 'cbr {args[0]}' does not add chips")
            if to <= self.max_bet and to - self.committed[i] < self.left[i]:
                raise HandError(f"invalid PHH: {where}: 'cbr {args[0]}' does not raise the "
                                f"current bet")
            amount = self._put(i, to - self.committed[i])
            self.committed[i] += amount
            to = self.committed[i]
            self.pending.discard(i)
            if to > self.max_bet:
                kind = "bet" if self.max_bet == 0 else "raise"
                self.max_bet = to
                self.pending = {j for j in self.live() if j != i}
                self._add(i, kind, amount, to if kind == "raise" else None)
            else:
                self._add(i, "call", amount, None)
        else:
            raise HandError(f"invalid PHH: {where}: unknown action {op!r}")
        self._settle()


# ------------------------------------------------------------------ the parser
class PHHParser(SiteParser):
    """PHH `.phh`/`.phhs` files (see the module docstring)."""

    site = SITE
    version = "phh/1"

    def detect(self, head: str) -> bool:
        return _VARIANT_KEY.search(head) is not None and _OTHER_KEY.search(head) is not None

    def iter_hands(self, text: str) -> Iterator[tuple[int, str]]:
        headers = [m.start() for m in _HEADER.finditer(text)]
        # a table holding no hand fields (a user's `[_notes]`) belongs to the hand before it
        ends = [*headers[1:], len(text)] if headers else []
        starts = [h for h, e in zip(headers, ends, strict=True)
                  if _VARIANT_KEY.search(text, h, e) or _OTHER_KEY.search(text, h, e)]
        if not starts:
            # one hand; or several .phh files simply concatenated (each starts at its variant)
            variants = [m.start() for m in _VARIANT_KEY.finditer(text)]
            bounds = [0, *variants[1:]] if len(variants) > 1 else [0]
            for k, start in enumerate(bounds):
                end = bounds[k + 1] if k + 1 < len(bounds) else len(text)
                if text[start:end].strip():
                    yield start, text[start:end]
            return
        if _VARIANT_KEY.search(text, 0, starts[0]) is not None:
            yield 0, text[:starts[0]]  # top-level keys before the first table: a hand too
        for k, start in enumerate(starts):
            end = starts[k + 1] if k + 1 < len(starts) else len(text)
            yield start, text[start:end]

    def parse_hand(self, text: str, builder: TableBuilder) -> Hand:
        m = _HEADER.match(text)
        body = text[m.end():] if m is not None else text
        try:
            data = phh_toml.loads(body)
        except phh_toml.TomlError as exc:
            raise HandError(f"invalid TOML: {exc}") from None
        return self.build(data, builder)

    def build(self, data: dict[str, Any], builder: TableBuilder | None = None) -> Hand:
        """A `Hand` from one parsed PHH table (public so converters can feed dicts directly)."""
        variant = data.get("variant")
        if not isinstance(variant, str):
            raise HandError("incomplete hand: required field 'variant' is missing")
        hand = Hand()
        hand.site = SITE
        hand.game, hand.limit_type = game_of(variant)
        stacks = _number_list(data, "starting_stacks", None)
        n = len(stacks)
        if n < 2:
            raise HandError(f"invalid PHH: field 'starting_stacks': {n} players, need at least 2")
        if any(s is not None and s <= 0 for s in stacks):
            raise HandError("invalid PHH: field 'starting_stacks': stacks must be positive")
        antes = [a or 0 for a in _number_list(data, "antes", n)]
        blinds = [b or 0 for b in _number_list(data, "blinds_or_straddles", n)]
        if any(v < 0 for v in antes + blinds):
            raise HandError("invalid PHH: negative ante or blind")
        actions = data.get("actions")
        if not isinstance(actions, list) or not all(isinstance(a, str) for a in actions):
            raise HandError("incomplete hand: required field 'actions' is missing or not an "
                            "array of strings")
        names = _names(data, n)
        seats = _seats(data, n)
        hand.hand_id = hand_id_of(data)
        hand.names = names
        hand.seats = dict(zip(names, seats, strict=True))
        hand.stacks = dict(zip(names, stacks, strict=True))
        hand.button_seat = seats[-1]
        count = data.get("seat_count")
        hand.max_seats = count if isinstance(count, int) and not isinstance(count, bool) else None
        table = data.get("table")
        hand.table_name = str(table) if isinstance(table, (str, int)) and not isinstance(table, bool) else None
        hand.ante = max(antes)
        hand.small_blind, hand.big_blind = blinds[0], blinds[1]
        if not hand.small_blind and not hand.big_blind and max(blinds):
            hand.small_blind = hand.big_blind = max(blinds)  # a button blind only
        hand.started_at = _started_at(data)

        replay = _Replay(hand, names, stacks)
        replay.forced(antes, blinds)
        for k, raw in enumerate(actions):
            words = raw.partition("#")[0].split()
            if not words:
                continue
            where = _Where(k, raw)
            actor = words[0]
            if actor == "d":
                if len(words) == 3 and words[1] == "db":
                    replay.deal_board(_cards(words[2], where), where)
                elif len(words) == 4 and words[1] == "dh":
                    i = self._player(words[2], n, where)
                    cards = _cards(words[3], where)
                    replay.holes[i] = cards
                    hand.add_cards(names[i], cards)
                else:
                    raise HandError(f"invalid PHH: {where}: unknown dealer action")
                continue
            i = self._player(actor, n, where)
            if len(words) < 2:
                raise HandError(f"invalid PHH: {where}: no action after the player")
            op = words[1]
            if op == "sm":
                if len(words) > 2 and words[2] != "-":
                    cards = _cards(words[2], where)
                    hand.add_cards(names[i], cards)
                    if "??" not in cards or i not in replay.holes:
                        replay.holes[i] = cards
                continue
            if op in ("sd", "pb"):
                raise HandError(f"unsupported game: {'draw' if op == 'sd' else 'stud'} action "
                                f"in a {variant} hand at {where}")
            replay.act(i, op, words[2:], where)
        replay.close_street()

        contenders = [i for i in range(n) if not replay.folded[i]]
        if len(contenders) > 1 and (len(replay.board) < 5 or replay.pending):
            waiting = ", ".join(f"p{i + 1}" for i in sorted(replay.pending))
            raise HandError(
                f"incomplete hand: the actions stop before the hand ends ({len(replay.board)} "
                f"board cards{', waiting for ' + waiting if waiting else ''})")
        for i in range(n):
            if replay.returned[i]:
                hand.returned[names[i]] = replay.returned[i]
        invested = [(stacks[i] if stacks[i] is not None else _NO_LIMIT) - replay.left[i]
                    for i in range(n)]
        collected = self._collected(data, hand, replay, stacks, invested, contenders)
        hand.collected = {names[i]: c for i, c in collected.items() if c}
        hand.rake = sum(invested) - sum(collected.values())
        if hand.rake < 0:
            raise HandError(f"invalid PHH: the results pay out {-hand.rake} units more than "
                            "the pot held")
        hand.board = [c for c in replay.board if c != "??"]
        if hand.game.startswith("omaha"):  # PHH has one Omaha code; the hole cards say 4, 5 or 6
            size = max((len(c) for c in replay.holes.values()), default=4)
            if size in (5, 6):
                hand.game = hand.game.replace("omaha", f"omaha{size}", 1)
        self._money_unit(data, hand, builder)  # last: a quarantined hand adds no tournament row
        return hand

    @staticmethod
    def _player(token: str, n: int, where: object) -> int:
        if token[:1] == "p" and token[1:].isdigit() and 1 <= int(token[1:]) <= n:
            return int(token[1:]) - 1
        raise HandError(f"invalid PHH: {where}: {token!r} is not a player of this hand")

    def _money_unit(self, data: dict[str, Any], hand: Hand, builder: TableBuilder | None) -> None:
        event = data.get("event") if isinstance(data.get("event"), str) else None
        currency = data.get("currency")
        has_currency = isinstance(currency, str) and currency.strip() != ""
        tournament = event is not None and not has_currency and (
            "level" in data or _TOURNAMENT_WORDS.search(event) is not None) and (
            _CASH_WORDS.search(event) is None)
        if tournament and event is not None:
            hand.is_tournament = True
            hand.tournament_id = _DAY_SUFFIX.sub("", event).strip() or event
            hand.currency = "chips"
            if builder is not None:
                b = _BUY_IN.search(event)
                buy_in = cur = None
                if b is not None:
                    try:
                        buy_in = _units(Decimal(b.group(2).replace(",", "")), "event")
                        cur = _SYMBOLS[b.group(1)]
                    except HandError:
                        buy_in = None
                builder.tournament(SITE, hand.tournament_id, name=event, buy_in=buy_in,
                                   currency=cur, started_at=hand.started_at,
                                   parser_version=self.version)
        else:
            hand.currency = currency.strip().upper() if has_currency else "chips"

    @staticmethod
    def _collected(data: dict[str, Any], hand: Hand, replay: _Replay, stacks: list[int | None],
                   invested: list[int], contenders: list[int]) -> dict[int, int]:
        n = len(stacks)
        finishing = data.get("finishing_stacks")
        if finishing is not None and all(s is not None for s in stacks):
            final = _number_list(data, "finishing_stacks", n)
            if any(f is None or f < 0 for f in final):
                raise HandError("invalid PHH: field 'finishing_stacks': expected amounts >= 0")
            out = {i: final[i] - replay.left[i] for i in range(n)}  # type: ignore[operator]
            bad = [i for i, c in out.items() if c < 0]
            if bad:
                i = bad[0]
                raise HandError(f"invalid PHH: finishing stack of p{i + 1} is {-out[i]} units "
                                "below the chips left after the actions")
            return out
        winnings = data.get("winnings")
        if winnings is not None:
            won = _number_list(data, "winnings", n)
            if any(w is None or w < 0 for w in won):
                raise HandError("invalid PHH: field 'winnings': expected amounts >= 0")
            return {i: won[i] for i in range(n)}  # type: ignore[misc]
        if len(contenders) == 1:
            return {contenders[0]: sum(invested)}
        holes = replay.holes
        unknown = [i for i in contenders
                   if len(holes.get(i, [])) < 2 or "??" in holes.get(i, ["??"])]
        if unknown or "??" in replay.board:
            who = ", ".join(f"p{i + 1}" for i in unknown) or "the board"
            raise HandError(f"incomplete hand: no finishing_stacks or winnings, and the showdown "
                            f"cards of {who} are unknown")
        try:
            return phh_showdown.award(hand.game, replay.board, holes, invested, contenders)
        except (ValueError, KeyError) as exc:
            raise HandError(f"invalid PHH: cannot evaluate the showdown ({exc})") from None
