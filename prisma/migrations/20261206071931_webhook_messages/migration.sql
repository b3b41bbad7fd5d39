-- Webhook idempotency (issue 18 item 7): each webhook call taken with a Standard Webhooks
-- `webhook-id` or an `Idempotency-Key`, with what it added, kept for a day.
-- CreateTable
CREATE TABLE "WebhookMessage" (
    "sourceId" TEXT NOT NULL,
    "messageId" TEXT NOT NULL,
    "added" INTEGER NOT NULL,
    "firstSeq" INTEGER,
    "lastSeq" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WebhookMessage_pkey" PRIMARY KEY ("sourceId","messageId")
);

-- CreateIndex
CREATE INDEX "WebhookMessage_sourceId_createdAt_idx" ON "WebhookMessage"("sourceId", "createdAt");

-- AddForeignKey
ALTER TABLE "WebhookMessage" ADD CONSTRAINT "WebhookMessage_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source"("id") ON DELETE CASCADE ON UPDATE CASCADE;
