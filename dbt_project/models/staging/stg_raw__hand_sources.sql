-- Grain: one row per hand per source file, key (site, hand_id, source_sha256).
-- Typed to the contract (ingestion/schema.py). Not deduplicated: the loader merges on the key,
-- and the key tests in the yml fail the build (nothing is published) if a duplicate ever lands;
-- a window dedupe here would re-run on every query of this view (seconds per test at 1M hands).
with source as (
    select * from {{ source('raw', 'hand_sources') }}
),

renamed as (
    select
        cast(site as varchar) as site,
        cast(hand_id as varchar) as hand_id,
        cast(source_sha256 as varchar) as source_sha256,
        cast(observer as varchar) as observer,
        cast(source_file as varchar) as source_file,
        cast(source_offset as bigint) as source_offset,
        cast(parser_version as varchar) as parser_version
    from source
)

select * from renamed
