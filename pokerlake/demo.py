"""`pokerlake demo`: the whole spine on generated data, ending with where to look.

It grows with each capability; today: generate -> drop into the inbox -> ingest -> build
-> a summary read back from the served marts (so the summary proves the publish worked).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa

from pokerlake.settings import Settings

HANDS_PER_SITE = """
select site, count(distinct hand_id) as hands, count(*) as player_hands
from fct_hand_players group by site order by site
"""

PLAYERS = "select count(*) as players, sum(hands) as player_hands from dim_players"

NET_PER_PLAYER = """
with ranked as (
    select currency, player, count(*) as hands, sum(net) as net_won,
           round(100 * sum(net_bb) / count(*), 2) as bb_per_100,
           row_number() over (partition by currency order by sum(net) desc) as best,
           row_number() over (partition by currency order by sum(net) asc) as worst
    from fct_hand_players group by currency, player
)
select currency, player, hands, net_won, bb_per_100 from ranked
where best <= {n} or worst <= {n}
order by currency, net_won desc
"""

LIVE_SESSIONS = """
select player, count(*) as sessions, sum(net) as net_won, currency
from fct_sessions group by player, currency order by net_won desc limit 10
"""


@dataclass
class DemoSummary:
    tables: list[tuple[str, pa.Table]] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)


def run_demo(settings: Settings, *, hands: int, players: int, seed: int, echo: Callable[[str], Any],
             ingest: Callable[[list[Path]], Any], build: Callable[[], Any], top: int = 5) -> DemoSummary:
    """Generate sample data into the inbox, ingest and build it, and read back a summary."""
    from ingestion.generator import generate
    from pokerlake.marts import query_marts

    target = settings.inbox_dir / f"demo-seed{seed}-{hands}h"
    if (target / "hands").exists():
        echo(f"[1/3] sample data already generated in {target}")
    else:
        echo(f"[1/3] generating {hands} hands for {players} players (seed {seed}) into {target}")
        report = generate(target, hands=hands, players=players, seed=seed, fmt="stars", workers=2)
        echo(f"      {report.hands} hands in {report.files} files, {report.sessions} live sessions, "
             f"{report.tilt_episodes} tilt episodes ({report.elapsed_s:.1f} s)")

    echo("[2/3] ingesting into the lake (dlt -> Iceberg)")
    ing = ingest([target / "hands", target / "sessions"])
    echo(f"      hands found {ing.hands_found}, loaded {ing.hands_loaded}, already present "
         f"{ing.hands_already_present}, quarantined {ing.hands_quarantined}; "
         f"live sessions loaded {ing.sessions_loaded}")

    echo("[3/3] building the marts (dbt-duckdb) and publishing them")
    built = build()
    echo(f"      {built.models} models, {built.tests} tests passed in {built.elapsed_s:.1f} s")

    summary = DemoSummary()
    summary.tables.append(("Hands per site", query_marts(HANDS_PER_SITE, settings=settings)))
    summary.tables.append(("Players", query_marts(PLAYERS, settings=settings)))
    summary.tables.append((f"Net won per player (top and bottom {top} in each currency)",
                           query_marts(NET_PER_PLAYER.format(n=top), settings=settings)))
    summary.tables.append(("Live sessions (logged)", query_marts(LIVE_SESSIONS, settings=settings)))
    summary.lines += [
        f"data directory : {settings.home}",
        f"inbox          : {settings.inbox_dir}  (drop hand histories here; the Dagster sensor ingests them)",
        f"lake           : {settings.warehouse_uri}  (Iceberg namespace raw, catalog {settings.catalog_uri})",
        f"served marts   : {settings.marts_db}",
        f"tilt labels    : {target / 'labels' / 'tilt.parquet'}",
        "next           : pokerlake query \"select * from fct_hand_players limit 10\"",
        "                 pokerlake query --lake \"select count(*) from hands\"",
    ]
    return summary
