-- A fencing token: each delivery run of a destination takes the next value when it starts, and its
-- journal commits only while the value is still its own (a run that lost its lock commits nothing).
ALTER TABLE "Destination" ADD COLUMN "runFence" INTEGER NOT NULL DEFAULT 0;
