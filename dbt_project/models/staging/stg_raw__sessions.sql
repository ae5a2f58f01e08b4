-- Grain: one row per logged live session, key (player, started_at).
-- Typed to the contract (ingestion/schema.py). Not deduplicated: the loader merges on the key,
-- and the key tests in the yml fail the build (nothing is published) if a duplicate ever lands;
-- a window dedupe here would re-run on every query of this view (seconds per test at 1M hands).
with source as (
    select * from {{ source('raw', 'sessions') }}
),

renamed as (
    select
        cast(player as varchar) as player,
        cast(started_at as timestamptz) as started_at,
        cast(ended_at as timestamptz) as ended_at,
        cast(game as varchar) as game,
        cast(stakes as varchar) as stakes,
        cast(currency as varchar) as currency,
        cast(location as varchar) as location,
        cast(buy_in as decimal(18, 4)) as buy_in,
        cast(rebuys as decimal(18, 4)) as rebuys,
        cast(cash_out as decimal(18, 4)) as cash_out,
        cast(expenses as decimal(18, 4)) as expenses,
        cast(notes as varchar) as notes,
        cast(source_file as varchar) as source_file,
        cast(source_line as integer) as source_line
    from source
)

select * from renamed
