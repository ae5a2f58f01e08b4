-- Tournament hands count in chips (DESIGN.md): chips are a currency of their own, never money.
select site, hand_id, currency
from {{ ref('stg_raw__hands') }}
where is_tournament and currency <> 'chips'
