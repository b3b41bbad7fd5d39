-- A claim may cover several calls (one per record): bit i set means the record at firstSeq + i
-- is done (delivered or kept as an error record), so a later run resends only the others.
ALTER TABLE "DeliveryClaim" ADD COLUMN "doneMask" BIGINT NOT NULL DEFAULT 0;
