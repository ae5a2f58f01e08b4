"""Bovada / Ignition / Bodog hand histories (site `bovada`).

Why a module of its own: Bovada's text looks like PokerStars' at a glance but is a different
format. Players are anonymous and named by the position they hold in this hand ("Dealer",
"Small Blind", "Big Blind", "UTG", "UTG+1"...), the hero is marked "[ME]"; action amounts are
the chips *added* ("Raises $0.08 to $0.10" adds 0.08), and several generations of the format
coexist. The shared hand model, flags and pot accounting live in `ingestion.hand_builder`.

Decisions and variants (all from the format as Bovada, Ignition, Bodog, Bodog.com write it):
* **Player names** follow fpdb: the "[ME]" player is `Hero`, every other player `Seat N` (N is
  the seat number of the seat line). The position labels change every hand, so they are never
  used as names. MVS tables' "Player Info" hashes are not used (fpdb ignores them too).
* Only players the hand deals cards to (or who act) get a row; seat lines of players who were
  not dealt in are dropped, as fpdb does.
* **Positions** come from the labels, not the seat numbers: tournament seat numbers are not in
  table order. The labels give the table order (SB, BB, UTG, UTG+1, ..., Dealer) and the shared
  position rules then apply (`Hand.position_seats`).
* **Stakes**: cash headers carry none; blinds are read from the posts ("Small Blind $0.10",
  "Ante/Small Blind", "Big blind/Bring in"...), tournament headers give "Level N (sb/bb)". The
  tournament buy-in is not in the hand text (fpdb reads it from the file name), so the
  `tournaments` row carries the id, start, and the hero's finish ("Ranking N") and prize
  ("Prize Cash [$9]").
* **Amounts**: "Calls/Call X", "Bets X", "All-in X" add X; "Raises X to Y" and
  "All-in(raise) X to Y" add X and raise to Y; the older "Raises X" / "All-in(raise) X" (no
  "to") give the raise-to total. "(timeout)", "(auth)", "(disconnect)" qualifiers are ignored.
  "All-in" before the hole cards is an all-in blind (or an ante when the hand has antes and the
  player posted none). "Posts chip X" is a live big blind from a new player when X is the big
  blind, else a dead post; "Posts dead chip X" is a dead small blind plus a live big blind.
* **Rake**: "Rake ($x)" in the summary when written; otherwise Total Pot minus what was
  collected ("Hand result", "Hand result-Side pot"); Zone Poker hands have no "Total Pot" line,
  so the rake is what was put in minus what was collected.
* **Old hands without street markers** (2012 tournaments: no "*** FLOP ***" lines): streets are
  inferred from the betting (a round ends when every player still able to act has acted and
  matched the highest commitment), as fpdb does; "Card to the table [..]" starts a street.
* Times: Eastern time (fpdb's assumption) unless the header says "UTC" (MVS tables).
* Quarantined: stud ("7CARD", "7CARD HiLo") and any other non-flop game as "unsupported game",
  hands with no "*** SUMMARY ***", no hole cards dealt, or two hands run together (several
  HOLE CARDS / SUMMARY sections: a truncated hand concatenated with the next) as
  "incomplete hand".
* Not supported: play-money cash tables are read as currency `play` when amounts carry no "$"
  (never seen in a real file); the knockout bounty amount ("BOUNTY PRIZE") is not recorded.
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

_BRANDS = r"(?:Ignition|Bovada|Bodog(?:\.com|\.eu| UK| Canada|88)?)"
HAND_START = re.compile(r"^\ufeff?" + _BRANDS + r" Hand #C?\d+", re.M)
_HEADER = re.compile(
    r"^\ufeff?" + _BRANDS + r" Hand #C?(?P<id>\d+):?\s+"
    r"(?:(?P<zone>Zone Poker ID|TBL)#(?P<table>\S+?)\s+)?"
    r"(?P<game>[A-Za-z0-9_]+(?: HiLo)?(?:ZonePoker)?)\s+"
    r"(?:Tournament #(?:M-)?(?P<tourno>\d+) TBL#(?P<tableno>\d+),\s*)?"
    r"(?P<hu>1 on 1 )?"
    r"(?P<limit>No Limit|Fixed Limit|Pot Limit|Turbo|Normal)?\s*"
    r"(?:-\s*Level \d+\s*\((?P<sb>[$]?[\d.,]+)/(?P<bb>[$]?[\d.,]+)\))?"
    r"\s*(?P<mvs>\[MVS\])?\s*-\s*(?P<date>.*)$")
_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})[- ]+(\d{1,2}):(\d{2}):(\d{2})")
_SEAT = re.compile(r"^Seat (\d+): (.+?) (\[ME\] )?\(\$?([\d.,]+) in chips\)")
_ACTION = re.compile(
    r"^(?P<verb>Folds?|Checks|Calls?|Bets|Double bets|Raises|All-in)"
    r"(?:\s?\((?P<q>[^)]*)\))?(?: chip info)?(?:\([^)]*\))?"
    r"(?: \$?(?P<amt>[\d.,]+)(?: to \$?(?P<to>[\d.,]+))?)?")

_GAMES = {"HOLDEM": "holdem", "OMAHA": "omaha", "OMAHA HiLo": "omaha_hilo", "OMAHA_HL": "omaha_hilo"}
_UNSUPPORTED = {"7CARD": "7 Card Stud", "7CARD HiLo": "7 Card Stud Hi/Lo",
                "7CARD_HL": "7 Card Stud Hi/Lo"}
_LIMITS = {"No Limit": "nl", "Pot Limit": "pl", "Fixed Limit": "fl", "Turbo": "nl", "Normal": "nl",
           None: "nl"}
_ET = ZoneInfo("America/New_York")
_SKIP = ("Showdown", "Mucks", "Does not show", "Leave", "Enter", "Draw for dealer", "Seat ",
         "Table ", "Sit out", "Stand", "Re-join")
_SKIP_FIRST = frozenset(x[0] for x in _SKIP)
_ODD_SMALL = {500: 200, 2500: 1000}  # big blind -> small blind where it is not half (units)


def _label_rank(label: str) -> int | None:
    """Table order of a position label: SB 1, BB 2, UTG 3, UTG+k 3+k, Dealer last."""
    if label == "Small Blind":
        return 1
    if label == "Big Blind":
        return 2
    if label == "Dealer":
        return 60
    if label == "UTG":
        return 3
    if label.startswith("UTG+") and label[4:].isdigit():
        return 3 + int(label[4:])
    return None


def _cards(text: str) -> list[str]:
    out: list[str] = []
    start = text.find("[")
    while start >= 0:
        end = text.find("]", start)
        if end < 0:
            break
        out.extend(c for c in text[start + 1:end].replace("-", " ").split() if len(c) == 2)
        start = text.find("[", end)
    return out


@lru_cache(maxsize=4096)
def _utc(y: int, mo: int, d: int, h: int, mi: int, s: int, is_utc: bool) -> datetime:
    if is_utc:
        return datetime(y, mo, d, h, mi, s, tzinfo=UTC)
    local = datetime(y, mo, d, h, mi, s, tzinfo=_ET)
    return datetime(y, mo, d, h, mi, s, tzinfo=UTC) - (local.utcoffset() or timedelta(0))


_AMOUNTS: dict[str, int] = {}


def _amount(text: str | None, n: int, line: str) -> int:
    """Amount text to units, memoised (a table repeats the same few amounts)."""
    if not text:
        raise HandError(f"line {n}: expected an amount in {line[:100]!r}")
    value = _AMOUNTS.get(text)
    if value is None:
        try:
            value = to_units(text)
        except MoneyError as exc:
            raise HandError(f"line {n}: cannot read {line[:100]!r} ({exc})") from None
        if len(_AMOUNTS) > 100_000:
            _AMOUNTS.clear()
        _AMOUNTS[text] = value
    return value


class BovadaParser(SiteParser):
    """Bovada, Ignition and Bodog text hand histories (see the module docstring)."""

    site = "bovada"
    version = "bovada/1"

    def detect(self, head: str) -> bool:
        return HAND_START.search(head[:4096]) is not None

    def iter_hands(self, text: str) -> Iterator[tuple[int, str]]:
        starts = [m.start() for m in HAND_START.finditer(text)]
        for i, start in enumerate(starts):
            end = starts[i + 1] if i + 1 < len(starts) else len(text)
            if text.startswith("\ufeff", start):
                start += 1
            yield start, text[start:end]

    # ------------------------------------------------------------------ one hand
    def parse_hand(self, text: str, builder: TableBuilder) -> Hand:
        lines = text.splitlines()
        hand = Hand()
        hand.site = self.site
        m = _HEADER.match(lines[0])
        if m is None:
            raise HandError(f"line 1: expected a Bovada hand header, got {lines[0][:120]!r}")
        self._header(m, hand, builder)
        n_summary = text.count("*** SUMMARY ***")
        if n_summary == 0:
            raise HandError("incomplete hand: no *** SUMMARY *** section")
        n_hole = text.count("*** HOLE CARDS ***")
        if n_summary > 1 or n_hole > 1:
            raise HandError(f"incomplete hand: {n_hole} HOLE CARDS and {n_summary} SUMMARY sections "
                            "(a truncated hand run into the next)")
        if " : Card dealt to a spot [" not in text:
            raise HandError("incomplete hand: no 'Card dealt to a spot' line (no cards dealt)")
        self._body(lines, hand, builder)
        return hand

    def _header(self, m: re.Match[str], hand: Hand, builder: TableBuilder) -> None:
        hand.hand_id = m.group("id")
        game_text = m.group("game").removesuffix("ZonePoker")
        game = _GAMES.get(game_text)
        if game is None:
            name = _UNSUPPORTED.get(game_text, game_text)
            raise HandError(f"unsupported game: {name}")
        hand.game = game
        hand.limit_type = _LIMITS[m.group("limit")]
        date = _DATE.search(m.group("date"))
        if date is not None:
            y, mo, d, h, mi, s = (int(x) for x in date.groups())
            hand.started_at = _utc(y, mo, d, h, mi, s, "UTC" in m.group("date"))
        if m.group("hu"):
            hand.max_seats = 2
        tourno = m.group("tourno")
        if tourno is not None:
            hand.is_tournament = True
            hand.tournament_id = tourno
            hand.currency = "chips"
            hand.table_name = m.group("tableno")
            if m.group("sb"):
                hand.small_blind = to_units(m.group("sb"))
                hand.big_blind = to_units(m.group("bb"))
            builder.tournament(self.site, tourno, started_at=hand.started_at,
                               parser_version=self.version)
        else:
            zone, table = m.group("zone"), m.group("table")
            hand.table_name = f"{zone} {table}" if zone and zone != "TBL" else table

    def _body(self, lines: list[str], hand: Hand, builder: TableBuilder) -> None:
        seats: dict[str, int] = {}          # label -> seat
        stacks: dict[str, int] = {}
        hero_label: str | None = None
        dollar = False
        k = 1
        while k < len(lines) and not lines[k].startswith("Seat "):
            k += 1  # "Table Info: ..." (MVS)
        while k < len(lines) and lines[k].startswith("Seat "):
            s = _SEAT.match(lines[k])
            if s is None:
                raise HandError(f"line {k + 1}: expected 'Seat N: <position> (<stack> in chips)', "
                                f"got {lines[k][:100]!r}")
            label = s.group(2).strip()
            if label in seats:
                raise HandError(f"line {k + 1}: position {label!r} seated twice")
            seats[label] = int(s.group(1))
            stacks[label] = _amount(s.group(4), k + 1, lines[k])
            if s.group(3):
                hero_label = label
            dollar = dollar or "$" in lines[k]
            k += 1
        if not seats:
            raise HandError("line 2: expected 'Seat N: <position> (<stack> in chips)' lines")
        if not hand.is_tournament:
            hand.currency = "USD" if dollar else "play"

        def name_of(label: str) -> str:
            return "Hero" if label == hero_label else f"Seat {seats[label]}"

        has_antes = any(" : Ante chip " in ln for ln in lines)
        explicit_streets = any(ln.startswith(("*** FLOP ***", "Card to the table")) for ln in lines)
        rows: list[tuple[int, str, str, int, int | None, bool]] = []   # street, label, kind, amount, to, allin
        dealt: list[str] = []
        cards: dict[str, list[str]] = {}
        collected: dict[str, int] = {}
        returned: dict[str, int] = {}
        board: list[str] = []
        street = 0
        pre_hole = True
        commit: dict[str, int] = {}
        highest = 0
        acted: set[str] = set()
        folded: set[str] = set()
        allin: set[str] = set()
        button_label: str | None = "Dealer" if "Dealer" in seats else None
        button_number: int | None = None
        sb_amount = bb_amount = None
        finish: int | None = None
        prize: int | None = None
        summary_at = None
        previous = ""
        repeated: list[tuple[str, str]] = []
        label_of: dict[str, tuple[str, bool]] = {}
        for n in range(k, len(lines)):
            line = lines[n]
            lineno = n + 1
            if not line:
                continue
            if line.startswith("*** "):
                if line.startswith("*** SUMMARY"):
                    summary_at = n
                    break
                if line.startswith("*** HOLE CARDS"):
                    pre_hole = False
                    continue
                for idx, word in ((1, "*** FLOP"), (2, "*** TURN"), (3, "*** RIVER")):
                    if line.startswith(word):
                        street = idx
                        board = _cards(line)
                        commit, highest, acted = {}, 0, set()
                continue
            if line.startswith("Card to the table"):
                street = min(street + 1, 3)
                board.extend(_cards(line))
                commit, highest, acted = {}, 0, set()
                continue
            left, sep, rest = line.partition(" : ")
            if not sep:
                continue  # "Enter(Auto)", "Table enter user", "Table deposit $x"
            if line == previous:
                # Corrupted exports repeat a line several times (fpdb skips repeats too); a
                # player never acts twice in a row, so a repeat is never a real action.
                if rest.startswith(("Hand result", "Hand Result")):
                    repeated.append((left, rest))
                continue
            previous = line
            known = label_of.get(left)
            if known is None:
                known = label_of[left] = (left.replace("[ME]", "").strip(), "[ME]" in left)
            label, is_me = known
            if label not in seats:
                continue  # not a player line
            if is_me and hero_label is None:
                hero_label = label
            kind: str | None = None
            amount = 0
            to: int | None = None
            is_allin = False
            if rest == "Folds":  # fast paths: a third of all lines
                kind = "fold"
            elif rest == "Checks":
                kind = "check"
            elif rest.startswith("Card dealt to a spot"):
                if label not in dealt:
                    dealt.append(label)
                cards.setdefault(label, _cards(rest))
                continue
            elif rest[:1] in _SKIP_FIRST and rest.startswith(_SKIP):
                continue  # best five cards, seat moves, time-outs: nothing for the hand
            elif rest.startswith("Set dealer"):
                num = "".join(ch for ch in rest.partition("[")[2] if ch.isdigit())
                button_number = int(num) if num else None
                continue
            elif rest.startswith(("Hand result", "Hand Result")):
                amt = rest.rpartition(" ")[2]
                collected[label] = collected.get(label, 0) + _amount(amt.lstrip("$"), lineno, line)
                continue
            elif rest.startswith("Return uncalled portion of bet"):
                amt = _amount(rest.rpartition(" ")[2].lstrip("$"), lineno, line)
                returned[label] = returned.get(label, 0) + amt
                commit[label] = commit.get(label, 0) - amt
                highest = max(commit.values()) if commit else 0
                continue
            elif rest.startswith("Ranking "):
                if label == hero_label and rest[8:].strip().isdigit():
                    finish = int(rest[8:].strip())
                continue
            elif rest.startswith("Prize Cash"):
                if label == hero_label:
                    c = rest.partition("[")[2].partition("]")[0]
                    if c:
                        prize = _amount(c, lineno, line)
                continue
            else:
                # ---- posts ----
                low = rest.lower()
                if low.startswith(("ante/small blind ", "small blind ")):
                    kind, amount = "post_sb", _amount(rest.rpartition(" ")[2].lstrip("$"), lineno, line)
                    if sb_amount is None:
                        sb_amount = amount
                elif low.startswith(("big blind/bring in ", "big blind ")):
                    kind, amount = "post_bb", _amount(rest.rpartition(" ")[2].lstrip("$"), lineno, line)
                    if bb_amount is None:
                        bb_amount = amount
                elif low.startswith("ante chip "):
                    kind, amount = "post_ante", _amount(rest.rpartition(" ")[2].lstrip("$"), lineno, line)
                    if not hand.ante:
                        hand.ante = amount
                elif low.startswith("posts dead chip "):
                    total = _amount(rest.rpartition(" ")[2].lstrip("$"), lineno, line)
                    live = min(total, bb_amount or hand.big_blind or total)
                    if total - live:
                        rows.append((0, label, "post_dead", total - live, None, False))
                    kind, amount = "post_bb", live
                elif low.startswith("posts chip "):
                    amount = _amount(rest.rpartition(" ")[2].lstrip("$"), lineno, line)
                    big = bb_amount or hand.big_blind
                    kind = "post_bb" if big and amount >= big else "post_dead"
                else:
                    a = _ACTION.match(rest)
                    if a is None:
                        continue  # chat, sit out, leave, re-join, deposits, rebuys...
                    verb = a.group("verb")
                    q = a.group("q") or ""
                    if verb in ("Fold", "Folds"):
                        kind = "fold"
                    elif verb == "Checks":
                        kind = "check"
                    else:
                        amount = _amount(a.group("amt"), lineno, line)
                        already = commit.get(label, 0)
                        if verb == "All-in":
                            is_allin = True
                            if pre_hole:
                                if label == "Big Blind":
                                    kind = "post_bb"
                                elif label == "Small Blind" or (label == "Dealer" and len(seats) == 2):
                                    kind = "post_sb"
                                elif has_antes:
                                    kind = "post_ante"
                                else:
                                    kind = "post_dead"
                            elif q.startswith("raise"):
                                kind = "raise"
                                if a.group("to"):
                                    to = _amount(a.group("to"), lineno, line)
                                else:
                                    to, amount = amount, amount - already
                            elif highest == 0:
                                kind = "bet"
                            elif already + amount <= highest:
                                kind = "call"
                            else:
                                kind, to = "raise", already + amount
                        elif verb == "Raises":
                            kind = "raise"
                            if a.group("to"):
                                to = _amount(a.group("to"), lineno, line)
                            else:
                                to, amount = amount, amount - already
                        elif verb in ("Bets", "Double bets"):
                            kind = "bet"
                        else:
                            kind = "call"
            if kind is None:
                continue
            if amount < 0:
                raise HandError(f"line {lineno}: raise to less than already put in: {line[:100]!r}")
            rows.append((street, label, kind, amount, to, is_allin))
            if kind != "post_ante" and kind != "post_dead":
                commit[label] = commit.get(label, 0) + amount
                highest = max(highest, commit[label])
            if kind == "fold":
                folded.add(label)
            if is_allin:
                allin.add(label)
            if kind in ("fold", "check", "call", "bet", "raise"):
                if kind in ("bet", "raise"):
                    acted = set()
                acted.add(label)
                if not explicit_streets and street < 3 and self._round_closed(
                        seats, dealt, folded, allin, acted, commit, highest):
                    street += 1
                    commit, highest, acted = {}, 0, set()
        if summary_at is None:
            raise HandError("incomplete hand: no *** SUMMARY *** section")
        if not dealt:
            raise HandError("incomplete hand: no 'Card dealt to a spot' line (no cards dealt)")

        # ---- summary: Total Pot, Rake, Board ----
        total_pot: int | None = None
        rake: int | None = None
        for n in range(summary_at + 1, len(lines)):
            line = lines[n]
            if line.startswith("Total Pot("):
                head, _, tail = line.partition(" | ")
                total_pot = _amount(head[10:].rstrip(")").lstrip("$"), n + 1, line)
                if tail.startswith("Rake"):
                    rake = _amount(tail.partition("(")[2].rstrip(")").lstrip("$"), n + 1, line)
            elif line.startswith("Board [") and not board:
                board = _cards(line)

        if repeated and total_pot is not None:
            # a repeated "Hand result" line can be real (one player winning two equal pots):
            # keep the repeats when, and only when, that is what makes the pot add up.
            extra: dict[str, int] = {}
            for left, rest in repeated:
                lab = left.replace("[ME]", "").strip()
                extra[lab] = extra.get(lab, 0) + to_units(rest.rpartition(" ")[2].lstrip("$"))
            target = total_pot - (rake or 0)
            if sum(collected.values()) != target and \
                    sum(collected.values()) + sum(extra.values()) == target:
                for lab, v in extra.items():
                    collected[lab] = collected.get(lab, 0) + v

        # ---- players: only those dealt in or acting ----
        in_hand = set(dealt) | {r[1] for r in rows} | set(collected)
        order = [lab for lab in seats if lab in in_hand]
        names = {lab: name_of(lab) for lab in order}
        for lab in order:
            nm = names[lab]
            hand.names.append(nm)
            hand.seats[nm] = seats[lab]
            hand.stacks[nm] = stacks[lab]
        for st, lab, kind, amount, to, is_allin in rows:
            hand.act_street.append(st)
            hand.act_player.append(names[lab])
            hand.act_kind.append(kind)
            hand.act_amount.append(amount)
            hand.act_raise_to.append(to)
            hand.act_allin.append(is_allin)
        for lab, c in cards.items():
            if lab in names and c:
                hand.add_cards(names[lab], c)
        hand.collected = {names[lab]: v for lab, v in collected.items()}
        hand.returned = {names[lab]: v for lab, v in returned.items()}
        if hero_label is not None and hero_label in names:
            hand.hero = "Hero"
        ranks = {lab: _label_rank(lab) for lab in order}
        if all(r is not None for r in ranks.values()):
            hand.position_seats = {names[lab]: r for lab, r in ranks.items()}  # type: ignore[misc]
        if button_label is not None:
            hand.button_seat = seats[button_label]
        elif button_number is not None:
            hand.button_seat = button_number
        hand.board = board[:5]

        # ---- stakes ----
        if not hand.is_tournament or not hand.big_blind or hand.limit_type == "fl":
            if bb_amount is not None and not (hand.is_tournament and hand.big_blind
                                              and bb_amount < hand.big_blind):
                hand.big_blind = bb_amount
            if sb_amount is not None and not (hand.is_tournament and hand.small_blind
                                              and sb_amount < hand.small_blind):
                hand.small_blind = sb_amount
        if not hand.small_blind and hand.big_blind:
            # no small blind posted: the table's usual small blind (0.02/0.05, 0.10/0.25 tables)
            hand.small_blind = _ODD_SMALL.get(hand.big_blind, hand.big_blind // 2)
        if not hand.big_blind and hand.small_blind:
            hand.big_blind = hand.small_blind * 2

        # ---- pot, rake ----
        put_in = sum(r[3] for r in rows) - sum(returned.values())
        won = sum(collected.values())
        if rake is None:
            if hand.is_tournament:
                rake = 0
            elif total_pot is not None:
                rake = total_pot - won
            else:
                rake = put_in - won
            if rake < 0:
                raise HandError(f"pot does not balance: collected {won} exceeds the pot "
                                f"{total_pot if total_pot is not None else put_in} (units of 1/10000)")
        hand.rake = rake
        hand.total_pot = total_pot

        if hand.is_tournament and hand.hero is not None:
            builder.tournament(self.site, hand.tournament_id or "", hero="Hero", finish=finish,
                               prize=prize, currency="USD" if prize is not None else None)

    @staticmethod
    def _round_closed(seats: dict[str, int], dealt: list[str], folded: set[str], allin: set[str],
                      acted: set[str], commit: dict[str, int], highest: int) -> bool:
        """True when the betting round is over (streets of hands without street markers)."""
        in_hand = [p for p in (dealt or list(seats)) if p not in folded]
        if len(in_hand) <= 1:
            return False
        live = [p for p in in_hand if p not in allin]
        if any(commit.get(p, 0) < highest for p in live):
            return False
        if len(live) <= 1:
            return True
        return all(p in acted for p in live)
