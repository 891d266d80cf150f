-- A relist now compares the cluster's list with the rows' resourceVersions and writes only what
-- changed, deleting what the list no longer has; the generation counter it replaced is unused.
ALTER TABLE "KubeObject" DROP COLUMN "listGeneration";

-- A Service's endpoints are the EndpointSlices labelled with its name: the inventory counts them
-- per page through this partial index (only slices carry it, so the sync's writes barely pay).
CREATE INDEX "KubeObject_endpointslice_service_idx" ON "KubeObject" ("clusterId", "namespace", ("labels"->>'kubernetes.io/service-name')) WHERE "resource" = 'endpointslices';
