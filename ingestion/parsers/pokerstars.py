"""PokerStars hand histories (and the clones that write the same text).

Every Stars quirk lives here; the shared hand model, positions, flags and pot accounting live
in `ingestion.hand_builder`. One hand is read line by line with `startswith`/`partition`
dispatch (regexes only for the one header line per hand), into column lists.

Formats read (all seen in fpdb's regression files):
* "PokerStars Hand #", "PokerStars Game #" (2005-2010), "POKERSTARS GAME #" (PokerTracker 2
  exports), "PokerStars Zoom Hand #", "PokerStars Home Game Hand #" (home games); clones with
  the same text: "PokerMaster Hand #" (site `pokermaster`), "Run It Once Poker Hand #"
  (`runitonce`), "Full Tilt Rush Hand #" (`fulltilt`).
* Cash games in any currency (ISO code from the header, else from the symbol: $ USD, € EUR,
  £ GBP, ¥ CNY, ₹ INR), play money (`play`: no currency or "(Play Money)"), tournaments
  (`chips`; the buy-in goes to the `tournaments` table with its own currency), capped games,
  6+ Hold'em with a button blind (`shortdeck`: small and big blind are both the button blind),
  Omaha 4/5/6 cards and their hi-lo variants, mixed games where each hand names its game.
* **Courchevel is mapped to `omaha5`** (five-card Omaha with one flop card exposed early; the
  contract has no separate game for it), Courchevel Hi/Lo to `omaha5_hilo`.
* "Pot Limit Pre-Flop, No Limit Post-Flop" is mapped to `nl`.
* Stud, razz, draw and badugi hands are quarantined as "unsupported game: <name>".
* Cash-out lines ("X cashed out the hand for $A | Cash Out Fee $F"): cashout = A, collected
  stays the pot share. Run it twice ("*** FIRST FLOP ***", "SECOND Board"): board and board2.
  Splash-the-pot money ("STP") counts as negative fees; jackpot/bad-beat money as fees.
* Times: the ET time in brackets when the header has one, else the header's own time zone
  (no zone at all means ET, the Stars server time), converted to UTC.
* Posts: "small & big blinds" is a dead small blind (`post_dead`) plus a live big blind
  (`post_bb`); 6+ Hold'em's "button blind" is recorded as `post_straddle` (the contract has no
  button-blind action; the button keeps position BTN).
* Old formats (2005-2009, PokerTracker/HoldemManager exports) omit "Uncalled bet ... returned";
  the shared hand model infers it from the last street when that is what balances the pot.
* Hero: the one player with a "Dealt to X [cards]" line. Files that show every player's cards
  (Run It Once, PokerMaster exports) have no single observer, so no hero.
* Tournament summaries ("PokerStars Tournament #N, ..." files, also inside e-mails) fill the
  `tournaments` table: buy-in/bounty/fee, players, start, and the hero's finish and prize.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from ingestion.hand_builder import Hand, HandError, TableBuilder
from ingestion.money import MoneyError, to_units
from ingestion.parsers.base import SiteParser

SITE_NAMES = {
    "PokerStars": "pokerstars", "POKERSTARS": "pokerstars", "PokerMaster": "pokermaster",
    "Run It Once Poker": "runitonce", "Full Tilt Rush": "fulltilt",
}

HAND_START = re.compile(
    r"^\ufeff?(?:PokerStars|POKERSTARS|PokerMaster|Run It Once Poker|Full Tilt Rush)\b[^\n]*?"
    r"(?:Hand|Game|GAME|HAND) #\d+", re.M)

SUMMARY_START = re.compile(r"^\ufeff?PokerStars Tournament #(\d+), ?(.*)$", re.M)
_PLACE = re.compile(r"^\s*(\d+): (.+?) \([^()]*\),\s*(.*)$")
_ORDINAL = re.compile(r"finished (?:the tournament )?in (\d+)(?:st|nd|rd|th) place")

_SEAT = re.compile(r"^Seat (\d+): (.*) \(([^()\s]+) in chips[^)]*\).*$", re.M)
_SUMMARY_CARDS = re.compile(r"^Seat (\d+): .*?(?:showed|mucked) \[([^\]]*)\]", re.M)
_SUMMARY_SEAT = re.compile(r"^Seat (\d+): (.*)$", re.M)

_HEADER = re.compile(
    r"\ufeff?(?P<site>PokerStars|POKERSTARS|PokerMaster|Run It Once Poker|Full Tilt Rush)"
    r"(?P<kind> Home Game| Zoom| Rush)? (?:Hand|Game|GAME|HAND) #(?P<id>\d+):\s*(?P<rest>.*)$")

_SUPPORTED = {
    "hold'em": "holdem", "6+ hold'em": "shortdeck", "omaha": "omaha", "omaha hi/lo": "omaha_hilo",
    "5 card omaha": "omaha5", "5 card omaha hi/lo": "omaha5_hilo", "6 card omaha": "omaha6",
    "6 card omaha hi/lo": "omaha6_hilo", "courchevel": "omaha5", "courchevel hi/lo": "omaha5_hilo",
}
_GAME = re.compile(
    r"(6\+ Hold'em|Hold'em|Courchevel(?: Hi/Lo)?|[56] Card Omaha(?: Hi/Lo)?|Omaha(?: Hi/Lo)?"
    r"|7 Card Stud(?: Hi/Lo)?|Razz|Badugi|Triple Draw 2-7 Lowball|Triple Draw A-5 Lowball"
    r"|Single Draw 2-7 Lowball|5 Card Draw|Triple Stud|5 Card Stud|Badeucey|Badacey|2-7 Razz)"
    r" (No Limit|Pot Limit Pre-Flop, No Limit Post-Flop|Pot Limit|Fixed Limit|Limit)", re.I)
_LIMITS = {"no limit": "nl", "pot limit": "pl", "fixed limit": "fl", "limit": "fl",
           "pot limit pre-flop, no limit post-flop": "nl"}
_UNSUPPORTED_WORDS = re.compile(r"(Stud|Razz|Badugi|Draw|Lowball|Badeucey|Badacey)", re.I)

_STAKES = re.compile(r"\(([^()]*?)([$€£¥₹]?)([\d.,]+)/([$€£¥₹]?)([\d.,]+)([^()]*)\)")
_BUTTON_BLIND = re.compile(r"Button Blind\s*([$€£¥₹]?)([\d.,]+)\s*-\s*Ante\s*([$€£¥₹]?)([\d.,]+)")
_CODE = re.compile(r"\b(USD|EUR|GBP|CNY|INR|CAD|AUD|SEK|CHF|BRL|RUB|JPY|NZD|DKK|NOK|PLN|CZK)\b")
_SYMBOL = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "CNY", "₹": "INR"}
_DATE = re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})(?:\s+-)?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?"
                   r"(?:\s+\(?([A-Za-z]{2,5})\)?)?")
_TOURNEY = re.compile(r"(?:\{[^}]*\}\s*)?(?:Zoom\s+)?Tournament #(\d+),\s*(.*)$", re.I)
_BUYIN = re.compile(r"([$€£¥₹]?)([\d.,]+)\+([$€£¥₹]?)([\d.,]+)(?:\+([$€£¥₹]?)([\d.,]+))?")
_WON = re.compile(r"(?:won|collected) \(?([^\s\d()]{0,3}[\d.,]*\d)")
_ZONES = {
    "ET": "America/New_York", "EST": "America/New_York", "EDT": "America/New_York",
    "CT": "America/Chicago", "MT": "America/Denver", "PT": "America/Los_Angeles",
    "AT": "America/Halifax", "UTC": "UTC", "GMT": "UTC", "CET": "Europe/Paris",
    "CEST": "Europe/Paris", "WET": "Europe/Lisbon", "WEST": "Europe/Lisbon",
    "EET": "Europe/Athens", "MSK": "Europe/Moscow", "JST": "Asia/Tokyo",
    "AET": "Australia/Sydney", "NZT": "Pacific/Auckland", "BRT": "America/Sao_Paulo",
    "ART": "America/Argentina/Buenos_Aires", "IST": "Asia/Kolkata", "CCT": "Asia/Shanghai",
    "HKT": "Asia/Hong_Kong", "KST": "Asia/Seoul",
}
_ALLIN = " and is all-in"


@lru_cache(maxsize=64)
def _zone(abbrev: str) -> ZoneInfo:
    return ZoneInfo(_ZONES.get(abbrev.upper(), "America/New_York"))


_AMOUNTS: dict[str, int] = {}


def _money(text: str) -> int:
    """Amount at the start of `text` ("$0.60 and is all-in" -> 6000); memoised per token."""
    token = text.split(" ", 1)[0]
    value = _AMOUNTS.get(token)
    if value is None:
        value = to_units(token.strip("()"))
        if len(_AMOUNTS) > 200_000:
            _AMOUNTS.clear()
        _AMOUNTS[token] = value
    return value


def _cards(text: str) -> list[str]:
    """All cards inside every [...] of `text`."""
    out: list[str] = []
    start = text.find("[")
    while start >= 0:
        end = text.find("]", start)
        if end < 0:
            break
        out.extend(text[start + 1:end].split())
        start = text.find("[", end)
    return out


@lru_cache(maxsize=8192)
def _utc_offset(y: int, mo: int, d: int, h: int, tz: str) -> timedelta:
    return datetime(y, mo, d, h, 30, tzinfo=_zone(tz)).utcoffset() or timedelta(0)


def _started_at(rest: str) -> datetime | None:
    """UTC start time: the bracketed ET time when present, else the first time and its zone."""
    matches = list(_DATE.finditer(rest))
    if not matches:
        return None
    m = next((m for m in matches if (m.group(7) or "").upper() == "ET"), matches[0])
    y, mo, d, h, mi, s, tz = m.groups()
    y, mo, d, h = int(y), int(mo), int(d), int(h)
    naive = datetime(y, mo, d, h, int(mi), int(s or 0), tzinfo=UTC)
    return naive - _utc_offset(y, mo, d, h, (tz or "ET").upper())


_Tourney = tuple[str | None, int | None, int | None, int | None, str | None]
_Desc = tuple[str, str, bool, str | None, str, int, int, int, _Tourney | None]


@lru_cache(maxsize=4096)
def _describe(desc: str) -> _Desc:
    """Game, limit, tournament, currency and stakes from a header (everything before the date).

    Cached: every hand of a table repeats the same text. Raises HandError (never cached).
    """
    g = _GAME.search(desc)
    if g is None:
        if _UNSUPPORTED_WORDS.search(desc) is not None:
            raise HandError(f"unsupported game: {desc.strip(' -')[:80]}")
        raise HandError(f"line 1: expected a game name and limit in {desc.strip()[:120]!r}")
    game_name = g.group(1)
    game = _SUPPORTED.get(game_name.lower())
    if game is None:
        raise HandError(f"unsupported game: {game_name}")
    limit_type = _LIMITS[g.group(2).lower()]
    code_m = _CODE.search(desc)
    code = code_m.group(1) if code_m else None
    t = _TOURNEY.search(desc)
    is_tournament = t is not None
    tournament_id = t.group(1) if t is not None else None
    tourney = _tournament_info(t.group(2), code) if t is not None else None
    ante = 0
    bb = _BUTTON_BLIND.search(desc)
    if bb is not None:
        small = big = to_units(bb.group(2))
        ante = to_units(bb.group(4))
        symbol = bb.group(1)
    else:
        stakes = None
        for s in _STAKES.finditer(desc):
            stakes = s  # the last (x/y) before the date: tournament level or cash stakes
        if stakes is None:
            raise HandError(f"line 1: expected the stakes '(small/big)' in {desc.strip()[:120]!r}")
        small = to_units(stakes.group(3))
        big = to_units(stakes.group(5))
        symbol = stakes.group(2) or stakes.group(4)
    if is_tournament:
        currency = "chips"
    elif code:
        currency = code
    elif symbol:
        currency = _SYMBOL.get(symbol, symbol)
    else:
        currency = "play"
    return (game, limit_type, is_tournament, tournament_id, currency, small, big, ante, tourney)


def _tournament_info(text: str, code: str | None) -> _Tourney:
    """(name, buy_in, fee, bounty, currency) from the header text after "Tournament #N, "."""
    buy_in = fee = bounty = None
    currency = code
    b = _BUYIN.match(text)
    name = text
    if b is not None:
        sym = b.group(1) or b.group(3)
        if currency is None and sym:
            currency = _SYMBOL.get(sym, sym)
        first, second = to_units(b.group(2)), to_units(b.group(4))
        if b.group(6) is not None:  # buy-in + bounty + fee
            buy_in, bounty, fee = first, second, to_units(b.group(6))
        else:
            buy_in, fee = first, second
        name = text[b.end():]
        if currency is None:
            currency = "play"
    elif text.lower().startswith("freeroll"):
        buy_in, fee = 0, 0
    if code:
        name = name.replace(code, "", 1)
    name = re.split(r" - (?:Level|Match|LEVEL)", name)[0].strip(" ,-") or None
    return (name, buy_in, fee, bounty, currency)


class PokerStarsParser(SiteParser):
    """PokerStars text hand histories (see the module docstring for the variants)."""

    site = "pokerstars"
    version = "pokerstars/1"

    def detect(self, head: str) -> bool:
        head = head[:4096]
        return HAND_START.search(head) is not None or SUMMARY_START.search(head) is not None

    def parse_text(self, text: str, encoding: str, bom: int, builder: TableBuilder) -> int:
        """Hands as in the base class, plus tournament summaries (they hold no hands)."""
        found = super().parse_text(text, encoding, bom, builder)
        if "PokerStars Tournament #" in text:
            starts = [m.start() for m in SUMMARY_START.finditer(text)]
            for i, start in enumerate(starts):
                end = starts[i + 1] if i + 1 < len(starts) else len(text)
                try:
                    self._summary(text[start:end], builder)
                except Exception:  # a summary we cannot read adds nothing; hands are unaffected
                    continue
        return found

    def iter_hands(self, text: str) -> Iterator[tuple[int, str]]:
        starts = [m.start() for m in HAND_START.finditer(text)]
        for i, start in enumerate(starts):
            end = starts[i + 1] if i + 1 < len(starts) else len(text)
            if text.startswith("\ufeff", start):
                start += 1
            yield start, text[start:end]

    def site_of(self, text: str) -> str:
        for prefix, name in SITE_NAMES.items():
            if text.startswith(prefix):
                return name
        return self.site

    # ------------------------------------------------------------------ one hand
    def parse_hand(self, text: str, builder: TableBuilder) -> Hand:
        lines = text.splitlines()
        hand = Hand()
        self._header(lines[0], hand, builder)
        if "Hand cancelled" in text:
            raise HandError("cancelled hand: 'Hand cancelled' line")
        if "*** SUMMARY ***" not in text:
            raise HandError("incomplete hand: no *** SUMMARY *** section")
        if len(lines) < 2 or not lines[1].startswith("Table "):
            raise HandError("line 2: expected \"Table '<name>' ... Seat #N is the button\"")
        self._table(lines[1], hand)
        try:
            self._body(lines, hand, builder)
        except (MoneyError, ValueError, IndexError, KeyError) as exc:
            raise HandError(f"{exc}") from None
        if hand.total_pot is None:
            raise HandError("incomplete hand: no 'Total pot' line in the *** SUMMARY *** section")
        return hand

    def _header(self, line: str, hand: Hand, builder: TableBuilder) -> None:
        m = _HEADER.match(line)
        if m is None:
            raise HandError(f"line 1: expected a PokerStars hand header, got {line[:120]!r}")
        hand.site = SITE_NAMES[m.group("site")]
        hand.hand_id = m.group("id")
        rest = m.group("rest")
        dm = _DATE.search(rest)
        desc = rest[:dm.start()] if dm else rest
        (hand.game, hand.limit_type, hand.is_tournament, hand.tournament_id, hand.currency,
         hand.small_blind, hand.big_blind, hand.ante, tourney) = _describe(desc)
        hand.started_at = _started_at(rest[dm.start():]) if dm else None
        if tourney is not None:
            key = (hand.site, hand.tournament_id or "")
            if key not in builder.tournaments:
                name, buy_in, fee, bounty, currency = tourney
                builder.tournament(hand.site, key[1], name=name, buy_in=buy_in, fee=fee,
                                   bounty=bounty, currency=currency, started_at=hand.started_at,
                                   parser_version=self.version)
            else:
                builder.tournament(hand.site, key[1], started_at=hand.started_at)

    def _table(self, line: str, hand: Hand) -> None:
        i = line.find("'")
        j = line.rfind("'")
        if i < 0 or j <= i:
            raise HandError(f"line 2: expected a quoted table name in {line[:120]!r}")
        hand.table_name = line[i + 1:j]
        tail = line[j + 1:]
        k = tail.find("-max")
        if k < 0:
            k = tail.find("-Max")
        if k > 0:
            digits = tail[:k].split()[-1] if tail[:k].split() else ""
            if digits.isdigit():
                hand.max_seats = int(digits)
        b = tail.find("Seat #")
        if b >= 0:
            num = tail[b + 6:].split(" ", 1)[0]
            if num.isdigit():
                hand.button_seat = int(num)

    def _body(self, lines: list[str], hand: Hand, builder: TableBuilder) -> None:
        seats = hand.seats
        names = hand.names
        stacks = hand.stacks
        by_seat: dict[int, str] = {}
        act_street = hand.act_street
        act_player = hand.act_player
        act_kind = hand.act_kind
        act_amount = hand.act_amount
        act_raise_to = hand.act_raise_to
        act_allin = hand.act_allin
        collected = hand.collected
        street = 0
        commit: dict[str, int] = {}
        board: list[str] = []
        board2: list[str] | None = None
        dealt_to: list[str] = []
        stp_line = 0
        stp_summary: int | None = None
        fees = 0
        total_pot_seen = False
        finishes: list[str] = []
        summary_at = 0
        # ---- seat lines, as one block ----
        k = 2
        while k < len(lines) and lines[k].startswith("Seat "):
            k += 1
        block = lines[2:k]
        found = _SEAT.findall("\n".join(block))
        if not block or len(found) != len(block):
            for n, line in enumerate(block, start=3):
                if _SEAT.match(line) is None:
                    raise HandError(f"line {n}: expected 'Seat N: <player> (<stack> in chips)', "
                                    f"got {line[:100]!r}")
            raise HandError("line 3: expected 'Seat N: <player> (<stack> in chips)' lines")
        for n, (seat_text, name, stack_text) in enumerate(found, start=3):
            if name in seats:
                raise HandError(f"line {n}: player {name!r} seated twice")
            seat = int(seat_text)
            seats[name] = seat
            by_seat[seat] = name
            names.append(name)
            try:
                stacks[name] = _money(stack_text)
            except MoneyError as exc:
                raise HandError(f"line {n}: cannot read the stack ({exc})") from None
        for n, line in enumerate(lines[k:], start=k + 1):
            if not line:
                continue
            try:
                if line[:4] == "*** ":
                    previous = street
                    street, board, board2, is_summary = self._section(line, street, board, board2)
                    if is_summary:
                        summary_at = n
                        break
                    if street != previous:
                        commit = {}
                    continue
                # ---- body: "NAME: action" lines first ----
                colon = line.find(": ")
                name = None
                while colon > 0:
                    cand = line[:colon]
                    if cand in seats:
                        name = cand
                        break
                    colon = line.find(": ", colon + 1)
                if name is not None:
                    rest = line[colon + 2:]
                    if rest == "folds" or rest == "checks":  # half of all lines: fast path
                        act_street.append(street)
                        act_player.append(name)
                        act_kind.append("fold" if rest == "folds" else "check")
                        act_amount.append(0)
                        act_raise_to.append(None)
                        act_allin.append(False)
                        continue
                    allin = rest.endswith(_ALLIN)
                    first = rest[:1]
                    if first == "c" and rest.startswith("calls "):
                        kind, amount, to = "call", _money(rest[6:]), None
                    elif first == "b" and rest.startswith("bets "):
                        kind, amount, to = "bet", _money(rest[5:]), None
                    elif first == "f" and rest.startswith("folds"):
                        kind, amount, to = "fold", 0, None
                        if "[" in rest:
                            hand.add_cards(name, _cards(rest))
                    elif first == "r" and rest.startswith("raises "):
                        _, _, to_text = rest.partition(" to ")
                        to = _money(to_text)
                        kind, amount = "raise", to - commit.get(name, 0)
                    elif first == "p" and rest.startswith("posts "):
                        what = rest[6:]
                        if what.startswith("small blind "):
                            kind, amount = "post_sb", _money(what[12:])
                        elif what.startswith("big blind "):
                            kind, amount = "post_bb", _money(what[10:])
                        elif what.startswith("the ante "):
                            kind, amount = "post_ante", _money(what[9:])
                            if not hand.ante:
                                hand.ante = amount
                        elif what.startswith("small & big blinds "):
                            total = _money(what[19:])
                            live = min(total, hand.big_blind) if hand.big_blind else total
                            dead = total - live
                            if dead:
                                act_street.append(0)
                                act_player.append(name)
                                act_kind.append("post_dead")
                                act_amount.append(dead)
                                act_raise_to.append(None)
                                act_allin.append(False)
                            kind, amount = "post_bb", live
                        elif what.startswith("button blind "):
                            kind, amount = "post_straddle", _money(what[13:])
                        elif what.startswith("straddle "):
                            kind, amount = "post_straddle", _money(what[9:])
                        elif what.startswith("dead "):
                            kind, amount = "post_dead", _money(what.split(" ", 1)[1])
                        else:
                            raise HandError(f"line {n}: unrecognised post {rest[:80]!r}")
                        to = None
                    elif rest.startswith("shows [") or rest.startswith("mucks ["):
                        hand.add_cards(name, _cards(rest))
                        continue
                    elif rest.startswith(("discards", "stands pat", "brings in", "bring-in")):
                        raise HandError(f"unsupported game: draw/stud action at line {n}")
                    else:
                        continue  # chat, sitting out, time-outs, "doesn't show hand"...
                    if kind != "post_ante" and kind != "post_dead":
                        commit[name] = commit.get(name, 0) + amount
                    act_street.append(street)
                    act_player.append(name)
                    act_kind.append(kind)
                    act_amount.append(amount)
                    act_raise_to.append(to)
                    act_allin.append(allin)
                    continue
                # ---- body lines without "NAME: " ----
                if line.startswith("Uncalled bet ("):
                    close = line.find(")")
                    amount = to_units(line[14:close])
                    who = line[close + 1:].partition(" returned to ")[2]
                    if who not in seats:
                        raise HandError(f"line {n}: uncalled bet returned to unknown player {who!r}")
                    hand.returned[who] = hand.returned.get(who, 0) + amount
                    commit[who] = commit.get(who, 0) - amount
                elif line.startswith("Dealt to "):
                    rest = line[9:]
                    b = rest.find(" [")
                    while b >= 0 and rest[:b] not in seats:
                        b = rest.find(" [", b + 1)
                    if b >= 0:
                        who = rest[:b]
                        cards = _cards(rest[b:])
                        if cards:
                            hand.add_cards(who, cards)
                            if who not in dealt_to:
                                dealt_to.append(who)
                elif " collected " in line:
                    who, _, tail = line.rpartition(" collected ")
                    if who in seats:
                        collected[who] = collected.get(who, 0) + _money(tail)
                elif " cashed out the hand for " in line:
                    who, _, tail = line.partition(" cashed out the hand for ")
                    if who in seats:
                        hand.cashout[who] = _money(tail)
                elif line.startswith("STP added: "):
                    stp_line += to_units(line[11:])
                elif " shows [" in line:
                    who, _, tail = line.partition(" shows [")
                    if who in seats:
                        hand.add_cards(who, _cards("[" + tail))
                elif " finished the tournament in " in line or " wins the tournament" in line:
                    finishes.append(line)
            except (MoneyError, ValueError, IndexError) as exc:
                raise HandError(f"line {n}: cannot read {line[:100]!r} ({exc})") from None
        if summary_at:
            try:
                total_pot_seen, stp_summary, fees, board, board2 = self._summary_block(
                    lines[summary_at:], hand, by_seat, board, board2)
            except (MoneyError, ValueError, IndexError) as exc:
                raise HandError(f"lines {summary_at + 1}-{len(lines)} (*** SUMMARY ***): "
                                f"cannot read an amount ({exc})") from None
        if not total_pot_seen:
            return
        if not seats:
            raise HandError("line 3: expected 'Seat N: <player> (<stack> in chips)' lines")
        stp = stp_summary if stp_summary is not None else stp_line
        hand.fees = fees - stp
        hand.board = board
        hand.board2 = board2
        if len(dealt_to) == 1:
            hand.hero = dealt_to[0]
        if hand.is_tournament and hand.hero is not None:
            builder.tournament(hand.site, hand.tournament_id or "", hero=hand.hero)
            for line in finishes:
                self._finish(line, hand, builder)

    @staticmethod
    def _summary_block(lines: list[str], hand: Hand, by_seat: dict[int, str], board: list[str],
                       board2: list[str] | None) -> tuple[bool, int | None, int, list[str], list[str] | None]:
        """The *** SUMMARY *** lines: pot, rake, STP/jackpot, boards, shown cards; won amounts lazily."""
        total_pot_seen = False
        stp: int | None = None
        fees = 0
        block = "\n".join(lines)
        for line in lines[:6]:
            if line.startswith("Total pot"):
                total_pot_seen = True
                parts = line.split(" | ")
                hand.total_pot = _money(parts[0][10:])
                for part in parts[1:]:
                    key, _, value = part.strip().rpartition(" ")
                    low = key.lower()
                    if low == "rake":
                        hand.rake = to_units(value)
                    elif low == "stp":
                        stp = to_units(value)
                    elif "jackpot" in low or "bad beat" in low:
                        fees += to_units(value)
            elif line.startswith(("Board [", "FIRST Board [")):
                board = _cards(line)
            elif line.startswith("SECOND Board ["):
                board2 = _cards(line)
        if "[" in block:
            for seat_text, cards in _SUMMARY_CARDS.findall(block):
                name = by_seat.get(int(seat_text))
                if name is not None:
                    hand.add_cards(name, cards.split())

        def won() -> dict[str, int]:
            out: dict[str, int] = {}
            for seat_text, rest in _SUMMARY_SEAT.findall(block):
                name = by_seat.get(int(seat_text))
                if name is None or ("won" not in rest and "collected" not in rest):
                    continue
                rest = rest[len(name):] if rest.startswith(name) else rest
                out[name] = out.get(name, 0) + sum(to_units(a) for a in _WON.findall(rest))
            return out

        hand.won_lookup = won
        return total_pot_seen, stp, fees, board, board2

    def _summary(self, text: str, builder: TableBuilder) -> None:
        """A tournament summary ("PokerStars Tournament #N, ..."): buy-in, players, hero's result."""
        if HAND_START.search(text):
            text = text[:HAND_START.search(text).start()]  # type: ignore[union-attr]
        lines = [ln.rstrip().removesuffix("=20").rstrip("=") for ln in text.replace("\ufeff", "").splitlines()]
        m = SUMMARY_START.match(lines[0])
        if m is None:
            return
        tid, name = m.group(1), m.group(2).strip() or None
        buy_in = fee = bounty = players = finish = prize = None
        currency = started = hero = None
        places: dict[int, tuple[str, str]] = {}
        for line in lines[1:]:
            if line.startswith("Buy-In: "):
                value = line[8:]
                code_m = _CODE.search(value)
                parts = value.split()[0].split("/") if value.split() else []
                amounts = [to_units(p) for p in parts if any(ch.isdigit() for ch in p)]
                if len(amounts) == 3:
                    buy_in, bounty, fee = amounts
                elif len(amounts) == 2:
                    buy_in, fee = amounts
                elif len(amounts) == 1:
                    buy_in, fee = amounts[0], 0
                sym = parts[0][:1] if parts else ""
                if code_m:
                    currency = code_m.group(1)
                elif "FPP" in value:
                    currency = "FPP"
                elif sym in _SYMBOL:
                    currency = _SYMBOL[sym]
                else:
                    currency = "play"
            elif line.endswith(" players") and line.split()[0].isdigit():
                players = int(line.split()[0])
            elif line.startswith("Tournament started"):
                started = _started_at(line)
            elif line.startswith("Dear ") and line.endswith(","):
                hero = line[5:-1]
            elif line.startswith("You finished"):
                o = _ORDINAL.search(line)
                if o is not None:
                    finish = int(o.group(1))
                award = re.search(r"A ([A-Z]{3}) ([\d.,]+) award", line)
                if award is not None:
                    prize = to_units(award.group(2))
            elif name and not line.startswith(("Total Prize", "Target", "Tournament")) and \
                    not places and line and not line[0].isdigit() and buy_in is None:
                name = f"{name} {line.strip()}"
            else:
                pm = _PLACE.match(line)
                if pm is not None:
                    places[int(pm.group(1))] = (pm.group(2), pm.group(3))
        if finish is not None and finish in places:
            who, result = places[finish]
            hero = hero or re.sub(r" \[\d+\]$", "", who)
            token = result.split(" (")[0].strip()
            if prize is None and token and token[-1].isdigit():
                try:
                    prize = to_units(token)
                except MoneyError:
                    prize = None
            if prize is None:
                prize = 0 if not token else None
        builder.tournament(self.site, tid, name=name, buy_in=buy_in, fee=fee, bounty=bounty,
                           currency=currency, started_at=started, players=players, hero=hero,
                           finish=finish, prize=prize, parser_version=self.version)

    @staticmethod
    def _section(line: str, street: int, board: list[str],
                 board2: list[str] | None) -> tuple[int, list[str], list[str] | None, bool]:
        """(street, board, board2, is_summary) after a "*** ... ***" line."""
        head = line[4:]
        if head.startswith("SUMMARY"):
            return street, board, board2, True
        if head.startswith(("HOLE CARDS", "PRE-FLOP", "DEALING HANDS")):
            return 0, board, board2, False
        second = head.startswith("SECOND ")
        if head.startswith(("FIRST ", "SECOND ")):
            head = head.split(" ", 1)[1]
        if head.startswith("FLOP"):
            new_street = 1
        elif head.startswith("TURN"):
            new_street = 2
        elif head.startswith("RIVER"):
            new_street = 3
        else:  # SHOW DOWN, SHOWDOWN, FIRST SHOW DOWN ...
            return street, board, board2, False
        cards = _cards(line)
        if second:
            return street, board, cards, False
        return new_street, cards, board2, False

    @staticmethod
    def _finish(line: str, hand: Hand, builder: TableBuilder) -> None:
        if not hand.is_tournament:
            return
        if " finished the tournament in " in line:
            who, _, tail = line.partition(" finished the tournament in ")
            place = tail.split(" ", 1)[0]
            digits = "".join(ch for ch in place if ch.isdigit())
            finish = int(digits) if digits else None
            prize = None
            if " received " in tail:
                prize = _money(tail.partition(" received ")[2].rstrip("."))
        else:
            who = line.partition(" wins the tournament")[0]
            finish = 1
            prize = None
            if " receives " in line:
                prize = _money(line.partition(" receives ")[2])
        if who == hand.hero:
            builder.tournament(hand.site, hand.tournament_id or "", hero=who, finish=finish,
                               prize=prize)
