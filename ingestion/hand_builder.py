"""The shared hand model and the column accumulator every site parser fills.

Why one module: positions, the per-player statistic flags and the pot accounting are the same
rules for every site, so they are written once here and a site parser only has to read its
text into a `Hand`. `TableBuilder.add_hand` derives everything else and appends plain Python
scalars (one tuple per `hands`/`hand_players` row, per-column lists for `actions`); Arrow
tables are built once per file in `TableBuilder.tables()` (no per-row dicts or objects).

Decisions (documented here because DESIGN.md leaves them to the parser):

* **Who is dealt in.** A seated player is dealt in when the hand shows anything they did
  (a post, an action, cards, a collection). Seated players with nothing (sitting out, "out of
  hand") still get a `hand_players` row, with `position` null, zero money and false flags;
  per-hand statistics should count rows whose position is not null.
* **Positions** come from who actually posted the blinds (the first "small blind" and the first
  "big blind" post, like fpdb), then the other dealt-in players in seat order clockwise from
  the big blind: the last to act preflop is `BTN`, then counting back `CO`, `HJ`, `LJ`; the
  earliest seats are `UTG`, `UTG1`, `UTG2`, `UTG3`. With four non-blind players the first is
  `UTG` (6-max: UTG HJ CO BTN SB BB); with three they are HJ CO BTN; heads-up the small blind
  (the button) is `SB`. Games with a button blind and no blinds (6+ Hold'em) count back from
  the button.
* **Statistic flags** follow fpdb's DerivedStats: `vpip` = street0VPI (a preflop call, bet or
  raise; posts do not count), `pfr` = street0Aggr (a preflop bet or raise), `three_bet` =
  street0_3BDone (the second preflop raise), `saw_flop` = street1Seen and `saw_showdown` =
  sawShowdown (players who acted preflop, plus all-in-blind players when two or more remain in
  the main pot, minus folders; the hand stops counting as soon as one player is left),
  `won_at_showdown` = saw showdown and collected something.
* **Money.** `invested` = every chip put in (antes, dead and live blinds, calls, bets, raises)
  minus uncalled bets returned; `collected` = what the player took from the pot; a cash-out
  (`cashout`) leaves `collected` as the pot share and sets net = cashout − invested. `fees` is
  jackpot/bad-beat money taken from the pot, minus money the site added to it (splash-the-pot
  "STP"), so Σ collected − Σ invested = −(rake + fees) holds on every emitted hand; a hand where
  it does not is quarantined, never emitted.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import pyarrow as pa

from ingestion.money import decimal_array
from ingestion.schema import SCHEMAS

# Action codes (DESIGN.md vocabulary).
POSTS = frozenset(("post_sb", "post_bb", "post_ante", "post_straddle", "post_dead"))
AGGRESSIVE = frozenset(("bet", "raise"))
VOLUNTARY = frozenset(("call", "bet", "raise"))
STREET_NAMES = ("preflop", "flop", "turn", "river")

_LATE = ("BTN", "CO", "HJ", "LJ")
_EARLY = ("UTG", "UTG1", "UTG2", "UTG3")


class HandError(Exception):
    """A hand that cannot be read; the message is the quarantine reason."""


class Hand:
    """One hand as a site parser read it (money in 1/10,000 units, see ingestion.money)."""

    __slots__ = (
        "act_allin", "act_amount", "act_kind", "act_player", "act_raise_to", "act_street",
        "ante", "big_blind", "board", "board2", "button_seat", "cards", "cashout", "collected",
        "currency", "fees", "game", "hand_id", "hero", "invested", "is_tournament", "limit_type",
        "max_seats", "names", "position_seats", "rake", "returned", "seats", "site", "small_blind",
        "stacks", "started_at", "summary_won", "table_name", "total_pot", "tournament_id",
        "won_lookup",
    )

    def __init__(self) -> None:
        self.site = ""
        self.hand_id = ""
        self.game = ""
        self.limit_type = ""
        self.is_tournament = False
        self.tournament_id: str | None = None
        self.currency = ""
        self.small_blind = 0
        self.big_blind = 0
        self.ante = 0
        self.started_at: datetime | None = None
        self.table_name: str | None = None
        self.max_seats: int | None = None
        self.button_seat: int | None = None
        self.board: list[str] = []
        self.board2: list[str] | None = None
        self.total_pot: int | None = None
        self.rake = 0
        self.fees = 0
        self.names: list[str] = []          # seat order as listed
        self.seats: dict[str, int] = {}
        self.stacks: dict[str, int] = {}
        self.act_street: list[int] = []
        self.act_player: list[str] = []
        self.act_kind: list[str] = []
        self.act_amount: list[int] = []
        self.act_raise_to: list[int | None] = []
        self.act_allin: list[bool] = []
        self.invested: dict[str, int] = {}
        self.returned: dict[str, int] = {}
        self.collected: dict[str, int] = {}
        self.summary_won: dict[str, int] = {}
        self.won_lookup: Callable[[], dict[str, int]] | None = None
        self.cashout: dict[str, int] = {}
        self.cards: dict[str, list[str]] = {}
        self.hero: str | None = None
        # Seat numbers in table order for position assignment, when the site's own seat numbers
        # are not the table order (Bovada tournaments); None = use `seats`.
        self.position_seats: dict[str, int] | None = None

    def won(self) -> dict[str, int]:
        """Per-player amounts the hand's summary says were won (read lazily: rarely needed)."""
        if self.won_lookup is not None:
            for player, amount in self.won_lookup().items():
                self.summary_won[player] = self.summary_won.get(player, 0) + amount
            self.won_lookup = None
        return self.summary_won

    def add_cards(self, player: str, cards: list[str]) -> None:
        known = self.cards.get(player)
        if known is None:
            self.cards[player] = [c for c in cards if c not in ("?", "??", "X", "x")]
        else:
            for c in cards:
                if c not in known and c not in ("?", "??", "X", "x"):
                    known.append(c)


def assign_positions(hand: Hand, dealt: list[str]) -> dict[str, str]:
    """Position label per dealt-in player (see the module docstring for the rules)."""
    n = len(dealt)
    if n < 2:
        return {}
    sb = bb = None
    for kind, player in zip(hand.act_kind, hand.act_player, strict=True):
        if kind == "post_sb" and sb is None and player in dealt:
            sb = player
        elif kind == "post_bb" and bb is None and player in dealt:
            bb = player
        if sb is not None and bb is not None:
            break
    seats = hand.position_seats or hand.seats
    if n == 2:
        a, b = dealt
        if sb is not None:
            return {sb: "SB", (b if sb == a else a): "BB"}
        if bb is not None:
            return {bb: "BB", (b if bb == a else a): "SB"}
        btn = hand.button_seat
        first = a if seats[a] == btn else b if seats[b] == btn else a
        return {first: "SB", (b if first == a else a): "BB"}
    out: dict[str, str] = {}
    if sb is not None:
        out[sb] = "SB"
    if bb is not None and bb != sb:
        out[bb] = "BB"
    anchor = seats[bb] if bb is not None else seats[sb] if sb is not None else (hand.button_seat or 0)
    modulus = max(max(seats[p] for p in dealt), hand.max_seats or 0, anchor) + 1
    others = [p for p in dealt if p not in out]
    others.sort(key=lambda p: (seats[p] - anchor - 1) % modulus)
    k = len(others)
    if k <= 3:
        labels = list(reversed(_LATE[:k]))
    else:
        n_late = 3 if k == 4 else 4
        n_early = min(k - n_late, len(_EARLY))
        labels = list(_EARLY[:n_early]) + [None] * (k - n_late - n_early) + list(reversed(_LATE[:n_late]))
    for p, label in zip(others, labels, strict=True):
        if label is not None:
            out[p] = label
    return out


def _implicit_uncalled(hand: Hand) -> tuple[str, int] | None:
    """(player, amount) of a bet nobody matched on the hand's last street, or None."""
    if not hand.act_street:
        return None
    last = max(hand.act_street)
    commits: dict[str, int] = {}
    for street, kind, player, amount in zip(hand.act_street, hand.act_kind, hand.act_player,
                                            hand.act_amount, strict=True):
        if street == last and kind != "post_ante" and kind != "post_dead":
            commits[player] = commits.get(player, 0) + amount
    if not commits:
        return None
    ranked = sorted(commits.items(), key=lambda kv: kv[1], reverse=True)
    top_player, top = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else 0
    if top > second:
        return top_player, top - second
    return None


class TableBuilder:
    """Column lists for every parsed table of one file; `tables()` builds Arrow once."""

    def __init__(self, source_file: str, source_sha256: str) -> None:
        self.source_file = source_file
        self.sha = source_sha256
        self.hand_rows: list[tuple] = []
        self.player_rows: list[tuple] = []
        self.a = {name: [] for name in SCHEMAS["actions"].names}
        self.s = {name: [] for name in SCHEMAS["hand_sources"].names}
        self.q = {name: [] for name in SCHEMAS["quarantine"].names}
        self.tournaments: dict[tuple[str, str], dict[str, object]] = {}
        self.hands_parsed = 0
        self.hands_quarantined = 0

    # ---- quarantine ----
    def quarantine(self, offset: int, site: str | None, reason: str, raw: str, version: str) -> None:
        q = self.q
        q["source_file"].append(self.source_file)
        q["source_offset"].append(offset)
        q["site"].append(site)
        q["reason"].append(reason)
        q["raw"].append(raw)
        q["source_sha256"].append(self.sha)
        q["parser_version"].append(version)
        self.hands_quarantined += 1

    # ---- tournaments ----
    def tournament(self, site: str, tournament_id: str, **fields: object) -> None:
        """Record what a hand (or a summary) says about a tournament; first non-null wins."""
        row = self.tournaments.get((site, tournament_id))
        if row is None:
            row = self.tournaments[(site, tournament_id)] = {
                "site": site, "tournament_id": tournament_id, "name": None, "buy_in": None,
                "fee": None, "bounty": None, "currency": None, "started_at": None, "players": None,
                "hero": None, "finish": None, "prize": None, "parser_version": None,
            }
        for k, v in fields.items():
            if v is None:
                continue
            if k == "started_at" and row[k] is not None:
                row[k] = min(row[k], v)  # type: ignore[type-var]
            elif row.get(k) is None or k == "parser_version":
                row[k] = v

    # ---- hands ----
    def add_hand(self, hand: Hand, offset: int, version: str) -> None:
        """Derive positions, flags and pot figures; raise HandError if the pot does not balance."""
        names = hand.names
        kinds = hand.act_kind
        players = hand.act_player
        streets = hand.act_street
        amounts = hand.act_amount
        invested: dict[str, int] = dict.fromkeys(names, 0)
        committed: dict[str, int] = dict.fromkeys(names, 0)   # blinds and bets, not antes
        acted: set[str] = set()
        for kind, player, amount in zip(kinds, players, amounts, strict=True):
            invested[player] += amount
            if kind != "post_ante":
                committed[player] += amount
            acted.add(player)
        for player, amount in hand.returned.items():
            invested[player] -= amount
            committed[player] -= amount
        collected = hand.collected
        for player in hand.cashout:  # a cashed-out player's pot share, when no collect line
            won = hand.won()
            if player not in collected and won.get(player):
                collected = {**collected, player: won[player]}
        rake, fees = hand.rake, hand.fees
        total_in = sum(invested.values())
        target = -(rake + fees)
        if sum(collected.values()) - total_in != target and not hand.returned:
            won = hand.won()
            # Old formats (2005-2009, PT2/HM1 exports) omit "Uncalled bet ... returned": infer it
            # from the last street's commitments, only when it makes the pot balance.
            uncalled = _implicit_uncalled(hand)
            if uncalled is not None:
                player, amount = uncalled
                if sum(collected.values()) - (total_in - amount) == target or (
                        won and sum(won.values()) - (total_in - amount) == target):
                    invested[player] -= amount
                    committed[player] -= amount
                    total_in -= amount
        if sum(collected.values()) - total_in != target:
            won = hand.won()
            if won and sum(won.values()) - total_in == target:
                collected = won
            else:
                raise HandError(
                    f"pot does not balance: collected {sum(collected.values())} - invested {total_in} "
                    f"!= -(rake {rake} + fees {fees}) (units of 1/10000)")
        dealt = [p for p in names if p in acted or p in collected or p in hand.cards
                 or p in hand.cashout]
        positions = assign_positions(hand, dealt)

        # ---- preflop flags (fpdb DerivedStats) ----
        vpip: set[str] = set()
        pfr: set[str] = set()
        three: set[str] = set()
        folded: set[str] = set()
        level = 1
        street_players: list[list[tuple[str, str]]] = [[], [], [], []]
        for street, kind, player in zip(streets, kinds, players, strict=True):
            if kind in POSTS:
                continue
            street_players[street].append((player, kind))
            if kind == "fold":
                folded.add(player)
            if street == 0:
                if kind in VOLUNTARY:
                    vpip.add(player)
                if kind in AGGRESSIVE:
                    pfr.add(player)
                    if level == 2:
                        three.add(player)
                    level += 1
        p_in = {p for p, _ in street_players[0]}
        contenders = [p for p in names if committed[p] > 0 and p not in folded]
        if len(contenders) > 1:
            p_in.update(contenders)
        saw_flop: set[str] = set()
        showdown: set[str] = set()
        ended = False
        for street in range(4):
            if street == 1:
                saw_flop = set(p_in)
            p_in -= {p for p, k in street_players[street] if k == "fold"}
            if len(p_in) == 1:
                ended = True
                break
        if not ended:
            showdown = p_in

        # ---- hands row (one tuple per row; columns are transposed once in tables()) ----
        site, hand_id = hand.site, hand.hand_id
        self.hand_rows.append((
            site, hand_id, hand.game, hand.limit_type, hand.is_tournament, hand.tournament_id,
            hand.currency, hand.small_blind, hand.big_blind, hand.ante, hand.started_at,
            hand.table_name, hand.max_seats, hand.button_seat,
            " ".join(hand.board) if hand.board else None,
            " ".join(hand.board2) if hand.board2 else None,
            hand.total_pot if hand.total_pot is not None else total_in - fees, rake, fees, version,
        ))

        # ---- hand_players rows ----
        hero = hand.hero
        cashouts = hand.cashout
        all_cards = hand.cards
        seats = hand.seats
        stacks = hand.stacks
        append = self.player_rows.append
        for name in names:
            inv = invested[name]
            col = collected.get(name, 0)
            cash = cashouts.get(name)
            cards = all_cards.get(name)
            sd = name in showdown
            append((
                site, hand_id, name, seats[name], positions.get(name), name == hero, stacks[name],
                " ".join(cards) if cards else None, inv, col, cash,
                (cash if cash is not None else col) - inv, name in vpip, name in pfr,
                name in three, name in saw_flop, sd, sd and col > 0, version,
            ))

        # ---- actions rows ----
        a = self.a
        n = len(kinds)
        a["site"].extend([site] * n)
        a["hand_id"].extend([hand_id] * n)
        a["seq"].extend(range(1, n + 1))
        a["street"].extend([STREET_NAMES[s] for s in streets])
        a["player"].extend(players)
        a["action"].extend(kinds)
        a["amount"].extend(amounts)
        a["raise_to"].extend(hand.act_raise_to)
        a["is_all_in"].extend(hand.act_allin)
        a["parser_version"].extend([version] * n)

        # ---- hand_sources row ----
        s = self.s
        s["site"].append(site)
        s["hand_id"].append(hand_id)
        s["source_sha256"].append(self.sha)
        s["observer"].append(hero)
        s["source_file"].append(self.source_file)
        s["source_offset"].append(offset)
        s["parser_version"].append(version)
        self.hands_parsed += 1

    # ---- Arrow ----
    def tables(self) -> dict[str, pa.Table]:
        out = {
            "hands": _build("hands", _columns("hands", self.hand_rows)),
            "hand_players": _build("hand_players", _columns("hand_players", self.player_rows)),
            "actions": _build("actions", self.a),
            "hand_sources": _build("hand_sources", self.s),
            "quarantine": _build("quarantine", self.q),
        }
        t = {name: [] for name in SCHEMAS["tournaments"].names}
        for row in self.tournaments.values():
            for k in t:
                t[k].append(row[k])
        out["tournaments"] = _build("tournaments", t)
        return out


def _columns(name: str, rows: list[tuple]) -> dict[str, list]:
    names = SCHEMAS[name].names
    if not rows:
        return {n: [] for n in names}
    return {n: list(col) for n, col in zip(names, zip(*rows, strict=True), strict=True)}


def _build(name: str, cols: dict[str, list]) -> pa.Table:
    schema = SCHEMAS[name]
    arrays = []
    for field in schema:
        values = cols[field.name]
        if pa.types.is_decimal(field.type):
            arrays.append(decimal_array(values))
        else:
            arrays.append(pa.array(values, type=field.type))
    return pa.Table.from_arrays(arrays, schema=schema)
