-- Grain: one row per player per hand, key (site, hand_id, player).
-- Each player's result joined to the hand's context (stakes, currency, time, game) so marts read
-- one relation. Money stays decimal(18, 4) in the hand's own unit (chips for tournaments).
with hand_players as (
    select * from {{ ref('stg_raw__hand_players') }}
),

hands as (
    -- The stakes label is built once per hand, not once per player (string work on 6M rows).
    select
        *,
        {{ stakes_label('small_blind', 'big_blind', 'ante', 'currency') }} as stakes
    from {{ ref('stg_raw__hands') }}
),

joined as (
    select
        hp.site,
        hp.hand_id,
        hp.player,
        hp.seat,
        hp.position,
        hp.is_hero,
        h.currency,
        h.is_tournament,
        h.tournament_id,
        h.game,
        h.limit_type,
        h.stakes,
        h.small_blind,
        h.big_blind,
        h.ante,
        h.started_at,
        h.table_name,
        h.max_seats,
        hp.starting_stack,
        hp.invested,
        hp.collected,
        hp.cashout,
        hp.net,
        hp.vpip,
        hp.pfr,
        hp.three_bet,
        hp.saw_flop,
        hp.saw_showdown,
        hp.won_at_showdown,
        hp.parser_version
    from hand_players as hp
    inner join hands as h
        on hp.site = h.site
        and hp.hand_id = h.hand_id
)

select * from joined
