-- Grain: one row per imported file (by content hash), key (sha256).
-- Typed to the contract (ingestion/schema.py). Not deduplicated: the loader merges on the key,
-- and the key tests in the yml fail the build (nothing is published) if a duplicate ever lands;
-- a window dedupe here would re-run on every query of this view (seconds per test at 1M hands).
with source as (
    select * from {{ source('raw', 'import_files') }}
),

renamed as (
    select
        cast(path as varchar) as path,
        cast(sha256 as varchar) as sha256,
        cast(bytes as bigint) as bytes,
        cast(hands_found as integer) as hands_found,
        cast(hands_loaded as integer) as hands_loaded,
        cast(hands_quarantined as integer) as hands_quarantined,
        cast(parser_version as varchar) as parser_version,
        cast(started_at as timestamptz) as started_at,
        cast(finished_at as timestamptz) as finished_at
    from source
)

select * from renamed
