-- Reverts 0006_work_order_files: drops the attachment rows (the objects in storage are left where they are).
DROP TABLE IF EXISTS "work_order_files";
