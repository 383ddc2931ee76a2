-- Reverts 0003_queue_state: drops the cleaning queue's version row (manual positions stay on work_orders).
DROP TABLE IF EXISTS "queue_state";
