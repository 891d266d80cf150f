-- Certificates as data (issue 11): one row per certificate a cluster holds or needs, rebuilt by the
-- worker from the synced objects (TLS Secrets, cert-manager Certificates/CertificateRequests/Issuers,
-- Ingress TLS entries, Gateway HTTPS listeners). Identity: (clusterId, namespace, secretName).
CREATE TABLE "TrackedCertificate" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "clusterId" UUID NOT NULL,
    "namespace" TEXT NOT NULL,
    "secretName" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "secretExists" BOOLEAN NOT NULL DEFAULT false,
    "certManagerName" TEXT,
    "subject" TEXT,
    "commonName" TEXT,
    "issuerName" TEXT,
    "dnsNames" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "notBefore" TIMESTAMPTZ(3),
    "notAfter" TIMESTAMPTZ(3),
    "lifetimeSeconds" BIGINT,
    "fingerprintSha256" TEXT,
    "serialNumber" TEXT,
    "keyAlgorithm" TEXT,
    "keySize" INTEGER,
    "chain" JSONB NOT NULL DEFAULT '[]',
    "chainComplete" BOOLEAN,
    "intermediateNotAfter" TIMESTAMPTZ(3),
    "issuerRefKind" TEXT,
    "issuerRefName" TEXT,
    "issuerReady" BOOLEAN,
    "issuerMessage" TEXT,
    "ready" BOOLEAN,
    "readyReason" TEXT,
    "readyMessage" TEXT,
    "renewalTime" TIMESTAMPTZ(3),
    "revision" INTEGER,
    "requestState" TEXT,
    "requestMessage" TEXT,
    "usedBy" JSONB NOT NULL DEFAULT '[]',
    "hosts" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "uncoveredHosts" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "owner" TEXT,
    "problems" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "parseError" TEXT,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "TrackedCertificate_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "TrackedCertificate_clusterId_namespace_secretName_key" ON "TrackedCertificate"("clusterId", "namespace", "secretName");
-- The list's default order (days left ascending, then id for the keyset) is one index range scan.
CREATE INDEX "TrackedCertificate_organizationId_notAfter_id_idx" ON "TrackedCertificate"("organizationId", "notAfter", "id");

ALTER TABLE "TrackedCertificate" ADD CONSTRAINT "TrackedCertificate_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "TrackedCertificate" ADD CONSTRAINT "TrackedCertificate_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- TLS Secrets synced before this version carry only their leaf's facts (no chain, no key). A
-- blank resourceVersion makes the next relist (every worker start) see them as changed and store
-- them again with the chain and key facts the tracked certificates are built from.
UPDATE "KubeObject" SET "resourceVersion" = '' WHERE "resource" = 'secrets';
