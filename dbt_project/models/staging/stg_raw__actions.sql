-- Grain: one row per action of a hand, key (site, hand_id, seq).
-- Typed to the contract (ingestion/schema.py). Not deduplicated: the loader merges on the key,
-- and the key tests in the yml fail the build (nothing is published) if a duplicate ever lands;
-- a window dedupe here would re-run on every query of this view (seconds per test at 1M hands).
with source as (
    select * from {{ source('raw', 'actions') }}
),

renamed as (
    select
        cast(site as varchar) as site,
        cast(hand_id as varchar) as hand_id,
        cast(seq as integer) as seq,
        cast(street as varchar) as street,
        cast(player as varchar) as player,
        cast(action as varchar) as action,
        cast(amount as decimal(18, 4)) as amount,
        cast(raise_to as decimal(18, 4)) as raise_to,
        cast(is_all_in as boolean) as is_all_in,
        cast(parser_version as varchar) as parser_version
    from source
)

select * from renamed
