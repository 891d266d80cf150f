-- Clusters and their synced objects.

-- CreateEnum
CREATE TYPE "ClusterStatus" AS ENUM ('pending', 'syncing', 'ready', 'unreachable', 'error');

-- CreateTable
CREATE TABLE "Cluster" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "server" TEXT NOT NULL,
    "authKind" TEXT NOT NULL,
    "insecureSkipTlsVerify" BOOLEAN NOT NULL DEFAULT false,
    "credentials" TEXT NOT NULL,
    "credentialsKeyId" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "status" "ClusterStatus" NOT NULL DEFAULT 'pending',
    "statusReason" TEXT,
    "lastSyncedAt" TIMESTAMPTZ(3),
    "facts" JSONB NOT NULL DEFAULT '{}',
    "syncProgress" JSONB NOT NULL DEFAULT '{}',
    "leaseHolder" TEXT,
    "leaseExpiresAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Cluster_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "KubeObject" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "clusterId" UUID NOT NULL,
    "resource" TEXT NOT NULL,
    "apiVersion" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "namespace" TEXT NOT NULL DEFAULT '',
    "name" TEXT NOT NULL,
    "uid" TEXT NOT NULL,
    "resourceVersion" TEXT NOT NULL,
    "labels" JSONB NOT NULL DEFAULT '{}',
    "body" JSONB NOT NULL,
    "serviceType" TEXT,
    "ingressClass" TEXT,
    "hosts" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "listGeneration" INTEGER NOT NULL DEFAULT 0,
    "syncedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "KubeObject_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Cluster_organizationId_name_key" ON "Cluster"("organizationId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "KubeObject_clusterId_resource_namespace_name_key" ON "KubeObject"("clusterId", "resource", "namespace", "name");

-- CreateIndex
CREATE INDEX "KubeObject_organizationId_resource_namespace_name_idx" ON "KubeObject"("organizationId", "resource", "namespace", "name");

-- AddForeignKey
ALTER TABLE "Cluster" ADD CONSTRAINT "Cluster_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KubeObject" ADD CONSTRAINT "KubeObject_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster"("id") ON DELETE CASCADE ON UPDATE CASCADE;
