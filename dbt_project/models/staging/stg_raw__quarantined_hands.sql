-- Grain: one row per quarantined hand (file, offset), key (source_sha256, source_offset).
-- Typed to the contract (ingestion/schema.py). Not deduplicated: the loader merges on the key,
-- and the key tests in the yml fail the build (nothing is published) if a duplicate ever lands;
-- a window dedupe here would re-run on every query of this view (seconds per test at 1M hands).
with source as (
    select * from {{ source('raw', 'quarantine') }}
),

renamed as (
    select
        cast(source_file as varchar) as source_file,
        cast(source_offset as bigint) as source_offset,
        cast(site as varchar) as site,
        cast(reason as varchar) as reason,
        cast(raw as varchar) as raw,
        cast(source_sha256 as varchar) as source_sha256,
        cast(parser_version as varchar) as parser_version
    from source
)

select * from renamed
