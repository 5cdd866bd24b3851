-- Models administered in Settings → Models (issue 12): a cached-input price, tags, and the price history.
ALTER TABLE "Model" ADD COLUMN "cachedInputPricePerMTok" DECIMAL(12,6),
ADD COLUMN "tags" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- CreateTable
CREATE TABLE "ModelPrice" (
    "id" TEXT NOT NULL,
    "modelId" TEXT NOT NULL,
    "inputPricePerMTok" DECIMAL(12,6) NOT NULL,
    "outputPricePerMTok" DECIMAL(12,6) NOT NULL,
    "cachedInputPricePerMTok" DECIMAL(12,6),
    "validFrom" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ModelPrice_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ModelPrice_modelId_validFrom_idx" ON "ModelPrice"("modelId", "validFrom");

-- AddForeignKey
ALTER TABLE "ModelPrice" ADD CONSTRAINT "ModelPrice_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "Model"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Backfill: every existing model gets one price row, its current prices, valid from when the model was added (no
-- earlier prices were recorded: there was no way to change them but the database). Idempotent.
INSERT INTO "ModelPrice" ("id", "modelId", "inputPricePerMTok", "outputPricePerMTok", "cachedInputPricePerMTok", "validFrom", "createdById")
SELECT 'backfill_' || m."id", m."id", m."inputPricePerMTok", m."outputPricePerMTok", m."cachedInputPricePerMTok", m."createdAt", m."createdById"
FROM "Model" m
ON CONFLICT ("id") DO NOTHING;
