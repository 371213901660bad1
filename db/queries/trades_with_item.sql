-- name: trades_with_item
-- Marketplace: trades offering an item.
-- kind: keyed
-- index: idx_trade_initiator_items
-- param $1: an offered item id
-- pick: SELECT "initiatorItems"->0->>'itemId' FROM trades ORDER BY id LIMIT 1
SELECT id, status
FROM trades
WHERE "initiatorItems" @> jsonb_build_array(jsonb_build_object('itemId', $1::text))
LIMIT 20;
