"""Rules invariants of the generator's hand engine, checked by replaying every action.

Thousands of hands with deliberately uneven stacks (so all-ins, incomplete raises and side pots
are common) must conserve chips, respect the rake cap and no-flop-no-drop, follow min-raise and
pot-limit rules, and award pots to the best hands with the odd cent left of the button.
"""

from __future__ import annotations

import random

import pytest
from phevaluator import evaluate_cards, evaluate_omaha_cards

from ingestion.generator import cards as C
from ingestion.generator.engine import (
    BET,
    CALL,
    CHECK,
    FOLD,
    POST_ANTE,
    POST_BB,
    POST_SB,
    RAISE,
    RETURN,
    TableConfig,
    play_hand,
)

HOLDEM = TableConfig(game="holdem", sb=5, bb=10, ante=0, max_seats=6, rake_cap=150, rake_cap_hu=50)
ANTE = TableConfig(game="holdem", sb=25, bb=50, ante=10, max_seats=9, rake_cap=250, rake_cap_hu=100)
OMAHA = TableConfig(game="omaha", sb=10, bb=25, ante=0, max_seats=6, rake_cap=200, rake_cap_hu=50)


def _hands(cfg: TableConfig, count: int, seed: int):
    rng = random.Random(seed)
    for _ in range(count):
        n = rng.randint(2, cfg.max_seats)
        seats = sorted(rng.sample(range(1, cfg.max_seats + 1), n))
        stacks = [rng.choice((cfg.bb * rng.randint(3, 30), cfg.bb * 100, cfg.bb * rng.randint(100, 250)))
                  for _ in range(n)]
        params = [(rng.uniform(0.1, 0.7), rng.uniform(0.05, 0.4), rng.uniform(0.1, 0.95)) for _ in range(n)]
        yield play_hand(rng, cfg, seats, stacks, rng.randrange(n), params)


def _replay(h) -> None:
    """Re-run the action list under the rules and compare with the engine's bookkeeping."""
    cfg = h.cfg
    n = len(h.seats)
    stack = list(h.stacks)
    inv = [0] * n
    bet = [0] * n
    folded = [False] * n
    street = 0
    cur, last_inc = 0, cfg.bb
    answered: dict[int, int] = {}  # bet level each player last acted at, this street
    prior = 0
    for st, i, kind, amount, to, allin in h.actions:
        if st != street:
            prior += sum(bet)
            bet = [0] * n
            street, cur, last_inc = st, 0, cfg.bb
            answered = {}
        assert not folded[i], "a folded player acted"
        if kind in (POST_SB, POST_BB):
            bet[i] += amount
            cur = max(cur, bet[i])
        elif kind == FOLD:
            folded[i] = True
            amount = 0
        elif kind == CHECK:
            assert bet[i] == cur, "checked facing a bet"
        elif kind == CALL:
            assert bet[i] + amount == cur or (allin and bet[i] + amount < cur), "call amount wrong"
            bet[i] += amount
        elif kind in (BET, RAISE):
            inc = to - cur
            assert to == bet[i] + (amount if kind == BET else to - bet[i]), "raise_to inconsistent"
            if kind == BET:
                assert cur == 0 and amount == to
            else:
                assert amount == inc, "Stars prints the raise increment"
            if not allin:
                assert inc >= last_inc, f"raise of {inc} below the minimum {last_inc}"
            if i in answered:
                # an all-in for less than a full raise does not reopen the betting
                assert cur - answered[i] >= last_inc, "re-raise after an incomplete raise"
            if cfg.game == "omaha":
                pot_before = prior + sum(bet)
                assert to <= cur + pot_before + (cur - bet[i]), "pot-limit exceeded"
            amount = to - bet[i]
            bet[i] = to
            if inc >= last_inc:
                last_inc = inc
            cur = to
        elif kind == RETURN:
            bet[i] -= amount
            stack[i] += amount
            inv[i] -= amount
            continue
        stack[i] -= amount
        inv[i] += amount
        if kind not in (POST_SB, POST_BB, POST_ANTE):
            answered[i] = cur
        assert stack[i] >= 0, "stack went negative"
        assert allin == (stack[i] == 0) or kind in (FOLD, CHECK), "all-in flag wrong"
    assert inv == h.invested


@pytest.mark.parametrize("cfg", [HOLDEM, ANTE, OMAHA], ids=["nlhe", "nlhe-ante", "plo"])
def test_rules_invariants(cfg: TableConfig) -> None:
    side_pots = splits = 0
    for h in _hands(cfg, 3000, seed=11):
        _replay(h)
        # chips conserved: everything invested is collected or raked
        assert sum(h.collected) == h.total_pot - h.rake == sum(h.invested) - h.rake
        assert sum(h.pots) == h.total_pot - h.rake
        assert all(p > 0 for p in h.pots)
        # rake: percentage, capped by players dealt, no flop no drop
        assert h.rake <= cfg.cap_for(len(h.seats))
        assert h.rake <= h.total_pot * cfg.rake_pct // 100
        if h.streets_dealt == 0:
            assert h.rake == 0
        # uncalled bets were returned: nobody invested more than the most anyone else invested
        top = sorted(h.invested, reverse=True)
        assert top[0] == top[1] or sum(1 for f in h.fold_street if f < 0) == 1
        side_pots += len(h.pots) > 1
        if h.showdown:
            winners = [k for k in range(len(h.seats)) if h.collected[k] > 0]
            splits += len(winners) > 1 and len(h.pots) == 1
            # the best shown hand wins the main pot (or a share of it)
            shown = [k for k in range(len(h.seats)) if h.shown[k] == 1]
            best = min(h.ranks[k] for k in shown)
            assert all(h.collected[k] > 0 for k in shown if h.ranks[k] == best and h.invested[k] == max(
                h.invested[j] for j in shown)) or len(h.pots) > 1
            # ranks agree with phevaluator's public API
            for k in shown:
                names = [C.CARD_NAMES[c] for c in (*h.board, *h.holes[k])]
                expect = (evaluate_cards(*names) if cfg.game == "holdem"
                          else evaluate_omaha_cards(*names))
                assert h.ranks[k] == expect
    assert side_pots > 20, "the stack mix should produce side pots"
    assert splits >= 1 or cfg.game == "omaha"


def test_odd_chip_goes_left_of_button() -> None:
    found = 0
    for h in _hands(HOLDEM, 20000, seed=5):
        if not h.showdown or len(h.pots) != 1:
            continue
        winners = [k for k in range(len(h.seats)) if h.collected[k] > 0]
        if len(winners) < 2 or len({h.collected[k] for k in winners}) == 1:
            continue
        n = len(h.seats)
        order = sorted(winners, key=lambda k: (k - h.button - 1) % n)
        amounts = [h.collected[k] for k in order]
        assert amounts == sorted(amounts, reverse=True), "extra cents go to the first winners left of the button"
        assert amounts[0] - amounts[-1] == 1
        found += 1
    assert found >= 1


def test_descriptions_match_stars_wording() -> None:
    def d(cards: str) -> str:
        return C.describe(evaluate_cards(*cards.split()))

    assert d("Qh Ad Ts As Qd Qs Js") == "a full house, Queens full of Aces"
    assert d("Th Tc Qh Ad Ts As Qd") == "a full house, Tens full of Aces"
    assert d("Jc 3s 2d Ks Ad Kd 2h") == "two pair, Kings and Deuces"
    assert d("Kd 8s Ks Kh Jd Qh 2s") == "three of a kind, Kings"
    assert d("8c 9d Ts Jh Qc 2d 3s") == "a straight, Eight to Queen"
    assert d("As 2d 3h 4c 5s Kd Kh") == "a straight, Ace to Five"
    assert d("Ah 9h 4h 2h Kh Qs Qd") == "a flush, Ace high"
    assert d("7s Ah 2c 5h Tc Qh 8d") == "high card Ace"
    assert d("6h 5d 7c 4s 3h 2c Tc") == "a straight, Three to Seven"
    assert d("As Ks Qs Js Ts 2d 3d") == "a Royal Flush"
    assert d("9s Ks Qs Js Ts 2d 3d") == "a straight flush, Nine to King"
    assert d("9s 9d 9h 9c Ts 2d 3d") == "four of a kind, Nines"
    assert d("6c 6d 7c 4s Jh 2c Kc") == "a pair of Sixes"
    ranks = {0: evaluate_cards(*["Jh", "As", "Td", "8c", "Ac", "6h", "Tc"]),
             1: evaluate_cards(*["Qc", "Ad", "Td", "8c", "Ac", "6h", "Tc"])}
    assert C.kicker_suffixes(ranks) == {1: " - Queen kicker", 0: " - lower kicker"}
