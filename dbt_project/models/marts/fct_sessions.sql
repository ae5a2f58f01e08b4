-- Grain: one row per logged live session, key session_id (= player + started_at).
-- net = cash_out − buy_in − rebuys − expenses in the session's own currency; duration and
-- hourly are exact decimals (no floats). A session without cash_out or end has null net/hourly.
with sessions as (
    select * from {{ ref('stg_raw__sessions') }}
),

measured as (
    select
        md5(player || '|' || cast(epoch_us(started_at) as varchar)) as session_id,
        player,
        started_at,
        ended_at,
        game,
        stakes,
        currency,
        location,
        buy_in,
        coalesce(rebuys, 0) as rebuys,
        cash_out,
        coalesce(expenses, 0) as expenses,
        notes,
        date_diff('second', started_at, ended_at) as duration_seconds,
        cast(cash_out - buy_in - coalesce(rebuys, 0) - coalesce(expenses, 0) as decimal(18, 4)) as net,
        source_file,
        source_line
    from sessions
),

final as (
    select
        session_id,
        player,
        started_at,
        ended_at,
        game,
        stakes,
        currency,
        location,
        buy_in,
        rebuys,
        cash_out,
        expenses,
        net,
        cast(duration_seconds // 60 as integer) as duration_minutes,
        {{ exact_ratio('duration_seconds', 3600) }} as duration_hours,
        {{ exact_ratio('net * 3600', 'duration_seconds') }} as hourly,
        notes,
        source_file,
        source_line
    from measured
)

select * from final
