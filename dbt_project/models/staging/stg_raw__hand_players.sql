-- Grain: one row per player per hand, key (site, hand_id, player).
-- Typed to the contract (ingestion/schema.py). Not deduplicated: the loader merges on the key,
-- and the key tests in the yml fail the build (nothing is published) if a duplicate ever lands;
-- a window dedupe here would re-run on every query of this view (seconds per test at 1M hands).
with source as (
    select * from {{ source('raw', 'hand_players') }}
),

renamed as (
    select
        cast(site as varchar) as site,
        cast(hand_id as varchar) as hand_id,
        cast(player as varchar) as player,
        cast(seat as integer) as seat,
        cast(position as varchar) as position,
        cast(is_hero as boolean) as is_hero,
        cast(starting_stack as decimal(18, 4)) as starting_stack,
        cast(hole_cards as varchar) as hole_cards,
        cast(invested as decimal(18, 4)) as invested,
        cast(collected as decimal(18, 4)) as collected,
        cast(cashout as decimal(18, 4)) as cashout,
        cast(net as decimal(18, 4)) as net,
        cast(vpip as boolean) as vpip,
        cast(pfr as boolean) as pfr,
        cast(three_bet as boolean) as three_bet,
        cast(saw_flop as boolean) as saw_flop,
        cast(saw_showdown as boolean) as saw_showdown,
        cast(won_at_showdown as boolean) as won_at_showdown,
        cast(parser_version as varchar) as parser_version
    from source
)

select * from renamed
