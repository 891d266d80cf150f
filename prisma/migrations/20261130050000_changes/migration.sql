-- The change pipeline (issue 9): one row per change to one object, applied by the worker.
ALTER TABLE "Cluster" ADD COLUMN "requireApproval" BOOLEAN NOT NULL DEFAULT false;

CREATE TYPE "ChangeState" AS ENUM ('awaiting_approval', 'pending', 'applying', 'applied', 'failed', 'cancelled', 'rejected');

CREATE TABLE "Change" (
    "id" UUID NOT NULL,
    "sequence" BIGSERIAL NOT NULL,
    "organizationId" UUID NOT NULL,
    "clusterId" UUID NOT NULL,
    "authorUserId" UUID,
    "authorTokenId" UUID,
    "type" TEXT NOT NULL,
    "operation" TEXT NOT NULL,
    "apiVersion" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "namespace" TEXT NOT NULL DEFAULT '',
    "name" TEXT NOT NULL,
    "request" JSONB NOT NULL,
    "manifest" JSONB,
    "baseResourceVersion" TEXT,
    "overwriteNewer" BOOLEAN NOT NULL DEFAULT false,
    "force" BOOLEAN NOT NULL DEFAULT false,
    "reason" TEXT,
    "state" "ChangeState" NOT NULL,
    "idempotencyKey" TEXT,
    "requestHash" TEXT,
    "before" JSONB,
    "after" JSONB,
    "result" JSONB,
    "error" JSONB,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "revertOfId" UUID,
    "decidedById" UUID,
    "decidedAt" TIMESTAMPTZ(3),
    "decisionReason" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "startedAt" TIMESTAMPTZ(3),
    "finishedAt" TIMESTAMPTZ(3),
    CONSTRAINT "Change_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "Change_organizationId_idempotencyKey_key" ON "Change"("organizationId", "idempotencyKey");
CREATE UNIQUE INDEX "Change_sequence_key" ON "Change"("sequence");
CREATE INDEX "Change_organizationId_createdAt_idx" ON "Change"("organizationId", "createdAt");
CREATE INDEX "Change_clusterId_kind_namespace_name_sequence_idx" ON "Change"("clusterId", "kind", "namespace", "name", "sequence");

ALTER TABLE "Change" ADD CONSTRAINT "Change_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Change" ADD CONSTRAINT "Change_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster"("id") ON DELETE CASCADE ON UPDATE CASCADE;
