-- A preflop raise is a voluntary preflop investment: pfr ≤ vpip on every row.
select site, hand_id, player
from {{ ref('fct_hand_players') }}
where pfr and not coalesce(vpip, false)
