"""The rules of one no-limit hold'em / pot-limit Omaha cash hand, played out in integers of cents.

Blinds and antes, action order (heads-up included), legal minimum raises (an all-in for less
does not reopen the betting to players who already acted), pot limit for Omaha, uncalled bets
returned, side pots built from contribution levels, rake (a percentage with a cap; no flop, no
drop), showdown order with mucking, and split pots with the odd cent to the first winner left
of the button. The strategy only states intents; this module clamps them to what is legal.

The result is a `Hand`: plain lists and tuples, cheap to build and to format as text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from random import Random

from ingestion.generator import strategy as st
from ingestion.generator.cards import best_rank

# Action kinds in `Hand.actions` entries (street, player index, kind, amount, raise_to, all_in).
POST_SB, POST_BB, POST_ANTE, FOLD, CHECK, CALL, BET, RAISE, RETURN = (
    "sb", "bb", "ante", "fold", "check", "call", "bet", "raise", "return")

DECK = tuple(range(52))
MAX_RAISES_PER_STREET = 5


@dataclass(frozen=True)
class TableConfig:
    """What a table sets: game, stakes (cents), rake rule."""

    game: str  # "holdem" (no limit) or "omaha" (pot limit)
    sb: int
    bb: int
    ante: int
    max_seats: int
    rake_pct: int = 5
    rake_cap: int = 300  # cents, 3+ players dealt
    rake_cap_hu: int = 100  # cents, 2 players dealt

    @property
    def hole_count(self) -> int:
        return 2 if self.game == "holdem" else 4

    def cap_for(self, dealt: int) -> int:
        return self.rake_cap if dealt >= 3 else self.rake_cap_hu


@dataclass(slots=True)
class Hand:
    """One simulated hand; indices refer to the `seats` order (seat-number order)."""

    cfg: TableConfig
    button: int  # index into seats
    sb_i: int
    bb_i: int
    seats: list[int]
    stacks: list[int]
    holes: list[tuple[int, ...]]
    board: list[int]
    actions: list[tuple[int, int, str, int, int, bool]] = field(default_factory=list)
    streets_dealt: int = 0  # 0 none, 1 flop, 2 turn, 3 river
    fold_street: list[int] = field(default_factory=list)  # -1 = never folded
    invested: list[int] = field(default_factory=list)
    antes: list[int] = field(default_factory=list)
    collected: list[int] = field(default_factory=list)
    total_pot: int = 0
    rake: int = 0
    pots: list[int] = field(default_factory=list)  # after rake, main first
    showdown: bool = False
    # showdown text events in order: ("show"|"muck", i) or ("collect", i, amount, pot_index)
    sd_events: list[tuple] = field(default_factory=list)
    shown: list[int] = field(default_factory=list)  # 0 not, 1 showed, 2 mucked
    ranks: dict[int, int] = field(default_factory=dict)
    last_aggressor: list[int] = field(default_factory=list)  # per street, -1 none


def _ring(start: int, n: int) -> list[int]:
    return [(start + k) % n for k in range(n)]


def play_hand(rng: Random, cfg: TableConfig, seats: list[int], stacks: list[int], button: int,
              params: list[tuple[float, float, float]]) -> Hand:
    """Deal and play one hand. `params[i]` = (vpip, pfr, aggression) in effect for player i.

    Every stack must cover the blind and ante it owes (the table model tops players up).
    """
    n = len(seats)
    hc = cfg.hole_count
    dealt = rng.sample(DECK, n * hc + 5)
    holes = [tuple(dealt[i * hc:(i + 1) * hc]) for i in range(n)]
    board_all = dealt[n * hc:]
    if n == 2:
        sb_i, bb_i = button, (button + 1) % 2
    else:
        sb_i, bb_i = (button + 1) % n, (button + 2) % n
    h = Hand(cfg=cfg, button=button, sb_i=sb_i, bb_i=bb_i, seats=seats, stacks=list(stacks),
             holes=holes, board=[])
    stack = list(stacks)
    bet = [0] * n
    inv = [0] * n
    folded = [False] * n
    allin = [False] * n
    fold_street = [-1] * n
    antes = [0] * n
    acts = h.actions

    def post(i: int, amount: int, kind: str) -> None:
        amount = min(amount, stack[i])
        stack[i] -= amount
        inv[i] += amount
        if kind != POST_ANTE:
            bet[i] += amount
        else:
            antes[i] = amount
        allin[i] = stack[i] == 0
        acts.append((0, i, kind, amount, 0, allin[i]))

    post(sb_i, cfg.sb, POST_SB)
    post(bb_i, cfg.bb, POST_BB)
    if cfg.ante:
        for i in _ring(sb_i, n):
            post(i, cfg.ante, POST_ANTE)

    # Preflop strength per player (percentile, 0 best).
    if cfg.game == "holdem":
        pct = st.holdem_percentiles()
        hs = [pct[a * 52 + b] for a, b in holes]
    else:
        hs = [st.omaha_percentile(hole) for hole in holes]
    # Position factor: later seats play wider when unopened.
    posf = [1.0] * n
    for i in range(n):
        d = (button - i) % n
        posf[i] = 1.35 if d == 0 else 1.15 if d == 1 else 1.0 if d == 2 else 0.85
    posf[sb_i] = 0.9
    posf[bb_i] = 1.25
    loose = [min(1.0, p[0] * 2) for p in params]

    last_aggr = [-1, -1, -1, -1]
    prior_pot = 0  # chips in the middle from earlier streets

    def betting(street: int, first: int) -> None:
        nonlocal prior_pot, n_in, n_live
        cur = max(bet)
        street_total = sum(bet)
        last_inc = cfg.bb
        nraises = 0
        to_act = [not folded[i] and not allin[i] for i in range(n)]
        acted_level = [-1] * n
        board = h.board
        strengths: dict[int, float] = {}
        i = first
        idle = 0
        while idle < n:
            if not to_act[i]:
                i = (i + 1) % n
                idle += 1
                continue
            idle = 0
            to_act[i] = False
            to_call = cur - bet[i]
            can_raise = (n_live >= 2 and nraises < MAX_RAISES_PER_STREET
                         and (acted_level[i] < 0 or cur - acted_level[i] >= last_inc)
                         and stack[i] > to_call)
            pot_now = prior_pot + street_total
            r = rng.random()
            vpip, pfr, agg = params[i]
            if street == 0:
                intent = st.preflop(r, hs[i], vpip, pfr, posf[i], nraises, to_call)
                frac = 0.0
            else:
                s = strengths.get(i)
                if s is None:
                    s = st.strength(best_rank(cfg.game, holes[i], board))
                    strengths[i] = s
                intent, frac = st.postflop(r, s, agg, loose[i], to_call, pot_now)
            if intent == st.RAISE and not can_raise:
                intent = st.CALL if to_call else st.CHECK
            if intent == st.CHECK and to_call:
                intent = st.FOLD
            if intent == st.FOLD and to_call == 0:
                intent = st.CHECK
            if intent == st.FOLD:
                folded[i] = True
                n_in -= 1
                n_live -= 1
                fold_street[i] = street
                acts.append((street, i, FOLD, 0, 0, False))
            elif intent == st.CHECK:
                acts.append((street, i, CHECK, 0, 0, False))
            elif intent == st.CALL:
                amt = min(to_call, stack[i])
                stack[i] -= amt
                bet[i] += amt
                inv[i] += amt
                street_total += amt
                if stack[i] == 0:
                    allin[i] = True
                    n_live -= 1
                acts.append((street, i, CALL, amt, 0, allin[i]))
            else:
                # Choose a target, then clamp to the legal window.
                if street == 0:
                    if nraises == 0:
                        limpers = sum(1 for k in range(n) if bet[k] == cur and k not in (sb_i, bb_i)
                                      and not folded[k])
                        target = int(cfg.bb * (2 + r + limpers))
                    elif nraises == 1:
                        target = int(cur * (3.0 + r * 0.6))
                    else:
                        target = int(cur * (2.2 + r * 0.4))
                else:
                    if cur == 0:
                        target = max(cfg.bb, int(pot_now * frac))
                    else:
                        target = int(cur * 2.5 + (pot_now - cur) * 0.3 * r)
                min_to = cur + last_inc
                max_to = bet[i] + stack[i]
                if cfg.game == "omaha":
                    max_to = min(max_to, cur + pot_now + to_call)
                target = max(target, min_to)
                # Deep enough into the stack that folding later is silly: shove (no limit only).
                if cfg.game == "holdem" and target > 0.45 * (bet[i] + stack[i]):
                    target = max_to
                target = min(target, max_to)
                amt = target - bet[i]
                stack[i] -= amt
                inv[i] += amt
                bet[i] = target
                street_total += amt
                if stack[i] == 0:
                    allin[i] = True
                    n_live -= 1
                inc = target - cur
                if cur == 0:
                    acts.append((street, i, BET, amt, target, allin[i]))
                else:
                    acts.append((street, i, RAISE, inc, target, allin[i]))
                if inc >= last_inc:
                    last_inc = inc
                    for k in range(n):
                        if k != i and not folded[k] and not allin[k]:
                            to_act[k] = True
                else:  # all-in for less than a full raise: others must respond, reopening only per rule
                    for k in range(n):
                        if k != i and not folded[k] and not allin[k] and bet[k] < target:
                            to_act[k] = True
                cur = target
                nraises += 1
                last_aggr[street] = i
            acted_level[i] = cur  # the level this player has now answered
            i = (i + 1) % n
            if n_in == 1:
                break
        # Uncalled bet: the top bet beyond what anyone else put in this street goes back.
        top = max(range(n), key=lambda k: bet[k])
        second = max((bet[k] for k in range(n) if k != top), default=0)
        if bet[top] > second:
            diff = bet[top] - second
            stack[top] += diff
            inv[top] -= diff
            bet[top] = second
            if allin[top]:
                allin[top] = False
                if not folded[top]:
                    n_live += 1
            acts.append((street, top, RETURN, diff, 0, False))
        prior_pot += sum(bet)
        for k in range(n):
            bet[k] = 0

    n_in = n
    n_live = sum(1 for k in range(n) if not allin[k])

    def players_left() -> int:
        return n_in

    def can_bet() -> bool:
        return n_live >= 2

    pre_first = (bb_i + 1) % n
    betting(0, pre_first)
    post_first = (button + 1) % n
    for street, upto in ((1, 3), (2, 4), (3, 5)):
        if players_left() < 2:
            break
        h.board = board_all[:upto]
        h.streets_dealt = street
        if can_bet():
            betting(street, post_first)

    # ---- settle ----
    h.fold_street = fold_street
    h.invested = inv
    h.antes = antes
    h.last_aggressor = last_aggr
    total = sum(inv)
    h.total_pot = total
    rake = 0
    if h.streets_dealt >= 1:
        rake = min(cfg.cap_for(n), total * cfg.rake_pct // 100)
    h.rake = rake
    collected = [0] * n
    contenders = [k for k in range(n) if not folded[k]]
    shown = [0] * n
    if len(contenders) == 1:
        w = contenders[0]
        collected[w] = total - rake
        h.pots = [total - rake]
        h.collected = collected
        h.shown = shown
        return h

    # Pots by contribution level of the players still in.
    levels = sorted({inv[k] for k in contenders})
    pots: list[list] = []  # [amount, eligible]
    prev = 0
    for lv in levels:
        amount = sum(min(inv[k], lv) - min(inv[k], prev) for k in range(n))
        eligible = [k for k in contenders if inv[k] >= lv]
        if amount:
            pots.append([amount, eligible])
        prev = lv
    # Rake comes out of the largest pot (never drives a pot negative).
    big = max(range(len(pots)), key=lambda p: pots[p][0])
    pots[big][0] -= rake

    board = h.board
    ranks = {k: best_rank(cfg.game, holes[k], board) for k in contenders}
    h.ranks = ranks
    h.showdown = True
    # Showdown order: the river's last aggressor first, else first player left of the button.
    start = last_aggr[3] if last_aggr[3] >= 0 else (button + 1) % n
    order = [k for k in _ring(start, n) if not folded[k]]
    everyone_shows = any(allin[k] for k in contenders)
    events: list[tuple] = []
    revealed: set[int] = set()
    best_shown = 10**9

    left_of_button = {k: (k - button - 1) % n for k in range(n)}
    for p_idx in range(len(pots) - 1, -1, -1):
        amount, eligible = pots[p_idx]
        for k in order:
            if k in eligible and k not in revealed:
                revealed.add(k)
                if everyone_shows or ranks[k] <= best_shown:
                    shown[k] = 1
                    best_shown = min(best_shown, ranks[k])
                    events.append(("show", k))
                else:
                    shown[k] = 2
                    events.append(("muck", k))
        live = [k for k in eligible if shown[k] == 1]
        best = min(ranks[k] for k in live)
        winners = sorted((k for k in live if ranks[k] == best), key=left_of_button.__getitem__)
        share, odd = divmod(amount, len(winners))
        for j, k in enumerate(winners):
            won = share + (1 if j < odd else 0)
            collected[k] += won
            events.append(("collect", k, won, p_idx))
    h.pots = [p[0] for p in pots]
    h.sd_events = events
    h.collected = collected
    h.shown = shown
    return h
