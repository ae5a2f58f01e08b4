-- Grain: one row per player per site, key (site, player).
-- Who appears in the hand histories, when, and how often as the hero (the file's owner).
-- No money here: totals across currencies are not meaningful (DESIGN.md).
with hand_players as (
    select * from {{ ref('fct_hand_players') }}
),

final as (
    select
        site,
        player,
        min(started_at) as first_seen_at,
        max(started_at) as last_seen_at,
        count(*) as hands,
        count(*) filter (where is_hero) as hero_hands,
        coalesce(bool_or(is_hero), false) as is_hero
    from hand_players
    group by site, player
)

select * from final
