-- Reverts 0010_work_order_drafts: drops the saved work order forms (drafts are short-lived by nature).
DROP TABLE IF EXISTS "work_order_drafts";
