-- Grain: one row per tournament, key (site, tournament_id).
-- Typed to the contract (ingestion/schema.py). Not deduplicated: the loader merges on the key,
-- and the key tests in the yml fail the build (nothing is published) if a duplicate ever lands;
-- a window dedupe here would re-run on every query of this view (seconds per test at 1M hands).
with source as (
    select * from {{ source('raw', 'tournaments') }}
),

renamed as (
    select
        cast(site as varchar) as site,
        cast(tournament_id as varchar) as tournament_id,
        cast(name as varchar) as name,
        cast(buy_in as decimal(18, 4)) as buy_in,
        cast(fee as decimal(18, 4)) as fee,
        cast(bounty as decimal(18, 4)) as bounty,
        cast(currency as varchar) as currency,
        cast(started_at as timestamptz) as started_at,
        cast(players as integer) as players,
        cast(hero as varchar) as hero,
        cast(finish as integer) as finish,
        cast(prize as decimal(18, 4)) as prize,
        cast(parser_version as varchar) as parser_version
    from source
)

select * from renamed
