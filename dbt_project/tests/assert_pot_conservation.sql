-- Pot conservation on every complete hand (DESIGN.md): Σ collected − Σ invested = −(rake + fees).
-- Incomplete hands never reach raw.hands (they are quarantined), so every hand is checked.
-- Returns the hands that break it.
with players as (
    select site, hand_id, sum(collected) as collected, sum(invested) as invested
    from {{ ref('stg_raw__hand_players') }}
    group by site, hand_id
),

hands as (
    select site, hand_id, coalesce(rake, 0) as rake, coalesce(fees, 0) as fees
    from {{ ref('stg_raw__hands') }}
)

select
    hands.site,
    hands.hand_id,
    players.collected,
    players.invested,
    hands.rake,
    hands.fees
from hands
inner join players
    on hands.site = players.site
    and hands.hand_id = players.hand_id
where coalesce(players.collected, 0) - coalesce(players.invested, 0) <> -(hands.rake + hands.fees)
