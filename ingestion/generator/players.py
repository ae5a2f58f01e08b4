"""The simulated player pool: names, playing styles and tilt propensity.

Every player gets a fixed style (tight/loose x passive/aggressive) expressed as target rates the
simulator steers by (VPIP, PFR, postflop aggression), plus how prone they are to tilt. The pool
is a pure function of (players, seed), so every worker process rebuilds the identical pool and
the styles can be written out as ground truth beside the tilt labels.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

import pyarrow as pa

STYLES = {
    # style: (vpip range, pfr share of vpip range, postflop aggression range)
    "tight-aggressive": ((0.16, 0.24), (0.70, 0.90), (0.55, 0.75)),
    "tight-passive": ((0.12, 0.20), (0.25, 0.45), (0.20, 0.35)),
    "loose-aggressive": ((0.30, 0.42), (0.60, 0.80), (0.60, 0.85)),
    "loose-passive": ((0.35, 0.55), (0.15, 0.35), (0.15, 0.30)),
}
STYLE_WEIGHTS = (0.35, 0.2, 0.15, 0.3)

_SYLLABLES = ("ka", "ro", "mi", "zen", "tor", "vel", "an", "lux", "pi", "dra", "sto", "nik", "el",
              "ju", "mar", "qui", "bo", "rex", "sa", "tin", "gra", "fo", "lem", "os", "ty", "wes")
_SUFFIXES = ("", "", "", "_", ".", "x", "77", "88", "13", "99", "01")


@dataclass(frozen=True)
class PlayerProfile:
    """One simulated player; rates are fractions of hands (0..1)."""

    idx: int
    name: str
    style: str
    vpip: float
    pfr: float
    aggression: float
    tilt_propensity: float
    activity: float  # relative weight for being seated; regulars play far more hands


def _name(rng: random.Random, taken: set[str]) -> str:
    while True:
        base = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3)))
        if rng.random() < 0.4:
            base = base.capitalize()
        suffix = rng.choice(_SUFFIXES)
        if suffix in ("_", ".", "x"):
            suffix += str(rng.randint(1, 999))
        elif rng.random() < 0.35:
            suffix += str(rng.randint(0, 99))
        name = base + suffix
        if 4 <= len(name) <= 16 and name.lower() not in taken:
            taken.add(name.lower())
            return name


def make_pool(players: int, seed: int) -> list[PlayerProfile]:
    """`players` distinct profiles, identical for the same (players, seed)."""
    rng = random.Random(f"pokerlake-pool:{seed}:{players}")
    taken: set[str] = set()
    pool: list[PlayerProfile] = []
    names = list(STYLES)
    for i in range(players):
        style = rng.choices(names, weights=STYLE_WEIGHTS)[0]
        (v0, v1), (p0, p1), (a0, a1) = STYLES[style]
        vpip = rng.uniform(v0, v1)
        pool.append(PlayerProfile(
            idx=i,
            name=_name(rng, taken),
            style=style,
            vpip=round(vpip, 4),
            pfr=round(vpip * rng.uniform(p0, p1), 4),
            aggression=round(rng.uniform(a0, a1), 4),
            # Most players rarely tilt; a minority tilt often.
            tilt_propensity=round(min(0.95, rng.betavariate(1.2, 2.5)), 4),
            activity=round(rng.paretovariate(1.6), 4),
        ))
    return pool


def pool_table(pool: list[PlayerProfile]) -> pa.Table:
    """The styles as ground truth (`labels/players.parquet`)."""
    return pa.table({
        "site": pa.array(["pokerstars"] * len(pool), pa.string()),
        "player": pa.array([p.name for p in pool], pa.string()),
        "style": pa.array([p.style for p in pool], pa.string()),
        "vpip_target": pa.array([p.vpip for p in pool], pa.float64()),
        "pfr_target": pa.array([p.pfr for p in pool], pa.float64()),
        "aggression": pa.array([p.aggression for p in pool], pa.float64()),
        "tilt_propensity": pa.array([p.tilt_propensity for p in pool], pa.float64()),
    })
