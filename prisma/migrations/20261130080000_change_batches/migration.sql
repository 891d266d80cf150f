-- Change batches (issue 10): an Ingress → Gateway API migration submits one change per produced
-- object in one transaction; the batch id groups them so a retry with the same Idempotency-Key
-- answers with the whole batch, and the web follows them together.
ALTER TABLE "Change" ADD COLUMN "batchId" UUID;

CREATE INDEX "Change_batchId_idx" ON "Change"("batchId");
