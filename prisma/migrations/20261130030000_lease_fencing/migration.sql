-- Sync lease fencing (issue 8): every takeover of a cluster's lease increments its generation;
-- every sync write names the generation it was started under and affects nothing once another
-- worker has taken the lease over (packages/db/src/sql/cluster-sync.ts).
ALTER TABLE "Cluster" ADD COLUMN "leaseGeneration" BIGINT NOT NULL DEFAULT 0;
