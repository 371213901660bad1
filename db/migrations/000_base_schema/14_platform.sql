-- Media, experiments, flags, settings, audit, analytics, caching and operations
-- Generated from the Prisma schema by Sparkle.Db.Prisma.PrismaBaseMigration; do not edit by hand.
-- To change it, change the Prisma schema and regenerate (docs/SCHEMA.md).

CREATE TABLE "media_files" (
  "id" TEXT NOT NULL,
  "userId" TEXT NOT NULL,
  "fileType" TEXT NOT NULL,
  "fileSize" BIGINT NOT NULL,
  "mimeType" TEXT,
  "originalName" TEXT,
  "storagePath" TEXT NOT NULL,
  "cdnUrl" TEXT,
  "thumbnailUrl" TEXT,
  "blurhash" TEXT,
  "duration" INTEGER,
  "dimensions" JSONB,
  "metadata" JSONB,
  "processedAt" TIMESTAMP(3),
  "processingError" TEXT,
  "isPublic" BOOLEAN NOT NULL DEFAULT true,
  "accessCount" INTEGER NOT NULL DEFAULT 0,
  "lastAccessedAt" TIMESTAMP(3),
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

  CONSTRAINT "media_files_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "media_files_userId_idx" ON "media_files"("userId");

CREATE INDEX "media_files_fileType_idx" ON "media_files"("fileType");

CREATE INDEX "media_files_createdAt_idx" ON "media_files"("createdAt");

CREATE INDEX "media_files_userId_fileType_createdAt_idx" ON "media_files"("userId", "fileType", "createdAt" DESC);

CREATE TABLE "experiments" (
  "id" TEXT NOT NULL,
  "name" VARCHAR(255) NOT NULL,
  "description" TEXT,
  "hypothesis" TEXT,
  "variants" JSONB NOT NULL,
  "control" TEXT NOT NULL,
  "metrics" JSONB NOT NULL,
  "targetingRules" JSONB,
  "trafficPercentage" INTEGER NOT NULL DEFAULT 100,
  "status" TEXT NOT NULL DEFAULT 'DRAFT',
  "results" JSONB,
  "winner" TEXT,
  "startedAt" TIMESTAMP(3),
  "endedAt" TIMESTAMP(3),
  "createdBy" TEXT NOT NULL,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updatedAt" TIMESTAMP(3) NOT NULL,

  CONSTRAINT "experiments_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "experiments_name_key" ON "experiments"("name");

CREATE INDEX "experiments_status_idx" ON "experiments"("status");

CREATE INDEX "experiments_startedAt_endedAt_idx" ON "experiments"("startedAt", "endedAt");

CREATE TABLE "experiment_assignments" (
  "id" TEXT NOT NULL,
  "experimentId" TEXT NOT NULL,
  "userId" TEXT NOT NULL,
  "variant" TEXT NOT NULL,
  "converted" BOOLEAN NOT NULL DEFAULT false,
  "conversionData" JSONB,
  "assignedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "convertedAt" TIMESTAMP(3),

  CONSTRAINT "experiment_assignments_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "experiment_assignments_experimentId_userId_key" ON "experiment_assignments"("experimentId", "userId");

CREATE INDEX "experiment_assignments_experimentId_variant_idx" ON "experiment_assignments"("experimentId", "variant");

CREATE INDEX "experiment_assignments_userId_idx" ON "experiment_assignments"("userId");

CREATE TABLE "feature_flags" (
  "id" TEXT NOT NULL,
  "flag" TEXT NOT NULL,
  "name" VARCHAR(255) NOT NULL,
  "description" TEXT,
  "enabled" BOOLEAN NOT NULL DEFAULT false,
  "rolloutPercentage" INTEGER NOT NULL DEFAULT 0,
  "enabledForUsers" TEXT[],
  "enabledForRoles" TEXT[],
  "conditions" JSONB,
  "metadata" JSONB,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updatedAt" TIMESTAMP(3) NOT NULL,

  CONSTRAINT "feature_flags_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "feature_flags_flag_key" ON "feature_flags"("flag");

CREATE INDEX "feature_flags_flag_idx" ON "feature_flags"("flag");

CREATE TABLE "site_settings" (
  "key" TEXT NOT NULL,
  "value" JSONB NOT NULL,
  "type" TEXT NOT NULL,
  "category" TEXT,
  "description" TEXT,
  "isPublic" BOOLEAN NOT NULL DEFAULT false,
  "isEditable" BOOLEAN NOT NULL DEFAULT true,
  "validation" JSONB,
  "updatedBy" TEXT,
  "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

  CONSTRAINT "site_settings_pkey" PRIMARY KEY ("key")
);

CREATE INDEX "site_settings_category_idx" ON "site_settings"("category");

CREATE TABLE "audit_logs" (
  "id" TEXT NOT NULL,
  "userId" TEXT,
  "action" "AuditAction" NOT NULL,
  "entityType" TEXT NOT NULL,
  "entityId" TEXT NOT NULL,
  "entityData" JSONB,
  "changedData" JSONB,
  "reason" TEXT,
  "ipAddress" TEXT,
  "userAgent" TEXT,
  "sessionId" TEXT,
  "requestId" TEXT,
  "duration" INTEGER,
  "errorMessage" TEXT,
  "metadata" JSONB,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

  CONSTRAINT "audit_logs_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "audit_logs_userId_idx" ON "audit_logs"("userId");

CREATE INDEX "audit_logs_action_idx" ON "audit_logs"("action");

CREATE INDEX "audit_logs_entityType_entityId_idx" ON "audit_logs"("entityType", "entityId");

CREATE INDEX "audit_logs_createdAt_idx" ON "audit_logs"("createdAt");

CREATE TABLE "analytics_events" (
  "id" TEXT NOT NULL,
  "eventName" TEXT NOT NULL,
  "eventType" TEXT NOT NULL,
  "userId" TEXT,
  "sessionId" TEXT,
  "properties" JSONB,
  "context" JSONB,
  "timestamp" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

  CONSTRAINT "analytics_events_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "analytics_events_eventName_timestamp_idx" ON "analytics_events"("eventName", "timestamp" DESC);

CREATE INDEX "analytics_events_userId_idx" ON "analytics_events"("userId");

CREATE INDEX "analytics_events_sessionId_idx" ON "analytics_events"("sessionId");

CREATE INDEX "analytics_events_timestamp_idx" ON "analytics_events"("timestamp");

CREATE TABLE "search_index" (
  "id" TEXT NOT NULL,
  "entityType" TEXT NOT NULL,
  "entityId" TEXT NOT NULL,
  "searchableText" TEXT NOT NULL,
  "title" TEXT,
  "description" TEXT,
  "tags" TEXT[],
  "boost" DOUBLE PRECISION NOT NULL DEFAULT 1,
  "locale" TEXT NOT NULL DEFAULT 'en',
  "isPublic" BOOLEAN NOT NULL DEFAULT true,
  "lastIndexedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "metadata" JSONB,

  CONSTRAINT "search_index_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "search_index_entityType_entityId_key" ON "search_index"("entityType", "entityId");

CREATE INDEX "search_index_entityType_idx" ON "search_index"("entityType");

CREATE TABLE "cache_entries" (
  "key" TEXT NOT NULL,
  "value" JSONB NOT NULL,
  "type" "CacheType" NOT NULL,
  "tags" TEXT[],
  "expiresAt" TIMESTAMP(3) NOT NULL,
  "accessCount" INTEGER NOT NULL DEFAULT 0,
  "lastAccessedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

  CONSTRAINT "cache_entries_pkey" PRIMARY KEY ("key")
);

CREATE INDEX "cache_entries_type_idx" ON "cache_entries"("type");

CREATE INDEX "cache_entries_expiresAt_idx" ON "cache_entries"("expiresAt");

CREATE INDEX "cache_entries_tags_idx" ON "cache_entries"("tags");

CREATE TABLE "system_health" (
  "id" TEXT NOT NULL,
  "service" TEXT NOT NULL,
  "status" TEXT NOT NULL,
  "responseTime" DOUBLE PRECISION,
  "errorRate" DOUBLE PRECISION,
  "throughput" DOUBLE PRECISION,
  "cpuUsage" DOUBLE PRECISION,
  "memoryUsage" DOUBLE PRECISION,
  "diskUsage" DOUBLE PRECISION,
  "activeUsers" INTEGER,
  "queueDepth" INTEGER,
  "metadata" JSONB,
  "checkedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

  CONSTRAINT "system_health_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "system_health_service_checkedAt_idx" ON "system_health"("service", "checkedAt");

CREATE TABLE "rate_limit_tracker" (
  "id" TEXT NOT NULL,
  "identifier" TEXT NOT NULL,
  "endpoint" TEXT NOT NULL,
  "windowStart" TIMESTAMP(3) NOT NULL,
  "requests" INTEGER NOT NULL DEFAULT 1,
  "blocked" BOOLEAN NOT NULL DEFAULT false,

  CONSTRAINT "rate_limit_tracker_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "rate_limit_tracker_identifier_endpoint_windowStart_key" ON "rate_limit_tracker"("identifier", "endpoint", "windowStart");

CREATE INDEX "rate_limit_tracker_identifier_idx" ON "rate_limit_tracker"("identifier");

CREATE INDEX "rate_limit_tracker_windowStart_idx" ON "rate_limit_tracker"("windowStart");

CREATE TABLE "encryption_keys" (
  "id" TEXT NOT NULL,
  "keyName" TEXT NOT NULL,
  "keyVersion" INTEGER NOT NULL DEFAULT 1,
  "algorithm" TEXT NOT NULL DEFAULT 'AES-256-GCM',
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "rotatedAt" TIMESTAMP(3),
  "expiresAt" TIMESTAMP(3),
  "isActive" BOOLEAN NOT NULL DEFAULT true,

  CONSTRAINT "encryption_keys_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "encryption_keys_keyName_key" ON "encryption_keys"("keyName");

CREATE INDEX "encryption_keys_keyName_isActive_idx" ON "encryption_keys"("keyName", "isActive");

CREATE TABLE "data_retention_policies" (
  "id" TEXT NOT NULL,
  "entityType" TEXT NOT NULL,
  "retentionDays" INTEGER NOT NULL,
  "anonymizeDays" INTEGER,
  "hardDeleteDays" INTEGER NOT NULL,
  "isActive" BOOLEAN NOT NULL DEFAULT true,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updatedAt" TIMESTAMP(3) NOT NULL,

  CONSTRAINT "data_retention_policies_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "data_retention_policies_entityType_key" ON "data_retention_policies"("entityType");
