-- Grain: one row per hand, key (site, hand_id).
-- Typed to the contract (ingestion/schema.py). Not deduplicated: the loader merges on the key,
-- and the key tests in the yml fail the build (nothing is published) if a duplicate ever lands;
-- a window dedupe here would re-run on every query of this view (seconds per test at 1M hands).
with source as (
    select * from {{ source('raw', 'hands') }}
),

renamed as (
    select
        cast(site as varchar) as site,
        cast(hand_id as varchar) as hand_id,
        cast(game as varchar) as game,
        cast(limit_type as varchar) as limit_type,
        cast(is_tournament as boolean) as is_tournament,
        cast(tournament_id as varchar) as tournament_id,
        cast(currency as varchar) as currency,
        cast(small_blind as decimal(18, 4)) as small_blind,
        cast(big_blind as decimal(18, 4)) as big_blind,
        cast(ante as decimal(18, 4)) as ante,
        cast(started_at as timestamptz) as started_at,
        cast(table_name as varchar) as table_name,
        cast(max_seats as integer) as max_seats,
        cast(button_seat as integer) as button_seat,
        cast(board as varchar) as board,
        cast(board2 as varchar) as board2,
        cast(total_pot as decimal(18, 4)) as total_pot,
        cast(rake as decimal(18, 4)) as rake,
        cast(fees as decimal(18, 4)) as fees,
        cast(parser_version as varchar) as parser_version
    from source
)

select * from renamed
