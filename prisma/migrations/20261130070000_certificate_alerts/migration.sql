-- Certificate alerts and e-mail (issue 11): one notification policy per organization, snoozes,
-- alert events (unique per certificate identity and level, so a second worker, a restart or a
-- retry never raises one twice) and the outbox the mailer sends from.
CREATE TABLE "NotificationPolicy" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "warningDays" INTEGER NOT NULL DEFAULT 14,
    "criticalDays" INTEGER NOT NULL DEFAULT 7,
    "criticalLifetimeFraction" DOUBLE PRECISION NOT NULL DEFAULT 0.16666666666666666,
    "overdueHours" INTEGER NOT NULL DEFAULT 24,
    "recipients" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "clusterRecipients" JSONB NOT NULL DEFAULT '[]',
    "ownerRecipients" JSONB NOT NULL DEFAULT '[]',
    "mode" TEXT NOT NULL DEFAULT 'immediate',
    "digestHourUtc" INTEGER NOT NULL DEFAULT 8,
    "lastDigestAt" TIMESTAMPTZ(3),
    "updatedById" UUID,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "NotificationPolicy_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "NotificationPolicy_organizationId_key" ON "NotificationPolicy"("organizationId");
ALTER TABLE "NotificationPolicy" ADD CONSTRAINT "NotificationPolicy_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "CertificateSnooze" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "clusterId" UUID NOT NULL,
    "namespace" TEXT NOT NULL,
    "secretName" TEXT NOT NULL,
    "until" TIMESTAMPTZ(3) NOT NULL,
    "byUserId" UUID,
    "reason" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CertificateSnooze_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "CertificateSnooze_organizationId_clusterId_namespace_secretName_key" ON "CertificateSnooze"("organizationId", "clusterId", "namespace", "secretName");
ALTER TABLE "CertificateSnooze" ADD CONSTRAINT "CertificateSnooze_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "CertificateSnooze" ADD CONSTRAINT "CertificateSnooze_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "CertificateAlert" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "clusterId" UUID NOT NULL,
    "namespace" TEXT NOT NULL,
    "secretName" TEXT NOT NULL,
    "fingerprintSha256" TEXT NOT NULL DEFAULT '',
    "level" TEXT NOT NULL,
    "raisedAt" TIMESTAMPTZ(3) NOT NULL,
    "resolvedAt" TIMESTAMPTZ(3),
    "resolution" TEXT,
    "lastNotifiedAt" TIMESTAMPTZ(3),
    CONSTRAINT "CertificateAlert_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "CertificateAlert_organizationId_clusterId_namespace_secretName_fingerprintSha256_level_key" ON "CertificateAlert"("organizationId", "clusterId", "namespace", "secretName", "fingerprintSha256", "level");
CREATE INDEX "CertificateAlert_organizationId_resolvedAt_idx" ON "CertificateAlert"("organizationId", "resolvedAt");
ALTER TABLE "CertificateAlert" ADD CONSTRAINT "CertificateAlert_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "CertificateAlert" ADD CONSTRAINT "CertificateAlert_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "OutboxMessage" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "to" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "subject" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "html" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "serverResponse" TEXT,
    "claimedAt" TIMESTAMPTZ(3),
    "sentAt" TIMESTAMPTZ(3),
    "alertIds" UUID[] DEFAULT ARRAY[]::UUID[],
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "OutboxMessage_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "OutboxMessage_organizationId_createdAt_idx" ON "OutboxMessage"("organizationId", "createdAt");
CREATE INDEX "OutboxMessage_state_idx" ON "OutboxMessage"("state");
ALTER TABLE "OutboxMessage" ADD CONSTRAINT "OutboxMessage_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
