-- Uploads in short transactions (issue 18 item 5): a load in progress, whose records sit above the
-- Nexset's recordCount (invisible) until it is published.
-- CreateTable
CREATE TABLE "NexsetLoad" (
    "id" TEXT NOT NULL,
    "nexsetId" TEXT NOT NULL,
    "baseSeq" INTEGER NOT NULL,
    "createdSource" BOOLEAN NOT NULL DEFAULT false,
    "heartbeatAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "NexsetLoad_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "NexsetLoad_nexsetId_key" ON "NexsetLoad"("nexsetId");

-- CreateIndex
CREATE INDEX "NexsetLoad_heartbeatAt_idx" ON "NexsetLoad"("heartbeatAt");

-- AddForeignKey
ALTER TABLE "NexsetLoad" ADD CONSTRAINT "NexsetLoad_nexsetId_fkey" FOREIGN KEY ("nexsetId") REFERENCES "Nexset"("id") ON DELETE CASCADE ON UPDATE CASCADE;
