-- Objects the sync had to alter or skip (issue 8): [{ kind, namespace, name, message }], capped by the worker.
ALTER TABLE "Cluster" ADD COLUMN "syncWarnings" JSONB NOT NULL DEFAULT '[]';
