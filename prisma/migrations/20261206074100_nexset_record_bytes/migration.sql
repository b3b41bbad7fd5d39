-- Each record's size as JSON text (PostgreSQL's jsonb text form), kept by PostgreSQL itself: the
-- worker chooses what to claim by cumulative size and never loads a record too large to send.
ALTER TABLE "NexsetRecord" ADD COLUMN "bytes" INTEGER GENERATED ALWAYS AS (octet_length("data"::text)) STORED NOT NULL;
