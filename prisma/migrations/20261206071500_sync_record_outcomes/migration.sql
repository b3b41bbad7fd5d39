-- Sync operations (issue 15): which step of a record's call sequence a call was (create, update,
-- search, unarchive, archive, delete, company, attach), and on the call that concluded the
-- sequence, the record's outcome (created, updated, unchanged, archived, deleted, already_gone).
ALTER TABLE "DeliveryCall" ADD COLUMN "syncStep" TEXT;
ALTER TABLE "DeliveryCall" ADD COLUMN "recordOutcome" TEXT;
