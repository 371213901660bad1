-- Reports, moderation queue, actions and filters
-- Generated from the Prisma schema by Sparkle.Db.Prisma.PrismaBaseMigration; do not edit by hand.
-- To change it, change the Prisma schema and regenerate (docs/SCHEMA.md).

CREATE TABLE "reports" (
  "id" TEXT NOT NULL,
  "reporterId" TEXT NOT NULL,
  "reportedUserId" TEXT,
  "reportedPostId" TEXT,
  "reportedCommentId" TEXT,
  "reason" "ReportReason" NOT NULL,
  "subreason" TEXT,
  "description" TEXT,
  "evidence" JSONB,
  "status" "ModerationStatus" NOT NULL DEFAULT 'PENDING',
  "priority" INTEGER NOT NULL DEFAULT 0,
  "assignedTo" TEXT,
  "resolvedBy" TEXT,
  "resolvedAt" TIMESTAMP(3),
  "resolution" TEXT,
  "resolutionNote" TEXT,
  "appealable" BOOLEAN NOT NULL DEFAULT true,
  "entityType" TEXT NOT NULL,
  "metadata" JSONB,
  "deleted" BOOLEAN NOT NULL DEFAULT false,
  "deletedAt" TIMESTAMP(3),
  "deletedBy" TEXT,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updatedAt" TIMESTAMP(3) NOT NULL,

  CONSTRAINT "reports_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "reports_status_priority_idx" ON "reports"("status", "priority");

CREATE INDEX "reports_entityType_idx" ON "reports"("entityType");

CREATE INDEX "reports_reporterId_idx" ON "reports"("reporterId");

CREATE INDEX "reports_reportedUserId_idx" ON "reports"("reportedUserId");

CREATE INDEX "reports_reportedPostId_idx" ON "reports"("reportedPostId");

CREATE INDEX "reports_reportedCommentId_idx" ON "reports"("reportedCommentId");

CREATE INDEX "reports_deleted_idx" ON "reports"("deleted");

CREATE TABLE "ai_moderation_queue" (
  "id" TEXT NOT NULL,
  "entityType" TEXT NOT NULL,
  "entityId" TEXT NOT NULL,
  "content" TEXT,
  "contentHash" TEXT,
  "aiProvider" TEXT NOT NULL DEFAULT 'openai',
  "aiScore" DOUBLE PRECISION,
  "aiCategories" JSONB,
  "aiReasons" JSONB,
  "confidence" DOUBLE PRECISION,
  "humanReviewRequired" BOOLEAN NOT NULL DEFAULT false,
  "autoActionTaken" TEXT,
  "reviewPriority" INTEGER NOT NULL DEFAULT 0,
  "reviewedBy" TEXT,
  "reviewDecision" TEXT,
  "reviewNotes" TEXT,
  "falsePositive" BOOLEAN,
  "processingTime" INTEGER,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "reviewedAt" TIMESTAMP(3),

  CONSTRAINT "ai_moderation_queue_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "ai_moderation_queue_humanReviewRequired_reviewPriority_crea_idx" ON "ai_moderation_queue"("humanReviewRequired", "reviewPriority", "createdAt");

CREATE INDEX "ai_moderation_queue_entityType_entityId_idx" ON "ai_moderation_queue"("entityType", "entityId");

CREATE INDEX "ai_moderation_queue_aiScore_idx" ON "ai_moderation_queue"("aiScore");

CREATE TABLE "moderation_actions" (
  "id" TEXT NOT NULL,
  "moderatorId" TEXT NOT NULL,
  "targetUserId" TEXT,
  "targetContentId" TEXT,
  "targetType" TEXT NOT NULL,
  "action" TEXT NOT NULL,
  "duration" INTEGER,
  "reason" TEXT NOT NULL,
  "details" TEXT,
  "evidence" JSONB,
  "automated" BOOLEAN NOT NULL DEFAULT false,
  "reversedBy" TEXT,
  "reversedAt" TIMESTAMP(3),
  "reverseReason" TEXT,
  "expiresAt" TIMESTAMP(3),
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

  CONSTRAINT "moderation_actions_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "moderation_actions_targetUserId_idx" ON "moderation_actions"("targetUserId");

CREATE INDEX "moderation_actions_targetType_targetContentId_idx" ON "moderation_actions"("targetType", "targetContentId");

CREATE INDEX "moderation_actions_moderatorId_idx" ON "moderation_actions"("moderatorId");

CREATE INDEX "moderation_actions_action_idx" ON "moderation_actions"("action");

CREATE TABLE "content_filters" (
  "id" TEXT NOT NULL,
  "filterType" TEXT NOT NULL,
  "pattern" TEXT NOT NULL,
  "action" TEXT NOT NULL,
  "severity" INTEGER NOT NULL DEFAULT 1,
  "category" TEXT,
  "isActive" BOOLEAN NOT NULL DEFAULT true,
  "hitCount" INTEGER NOT NULL DEFAULT 0,
  "lastHitAt" TIMESTAMP(3),
  "createdBy" TEXT NOT NULL,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updatedAt" TIMESTAMP(3) NOT NULL,

  CONSTRAINT "content_filters_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "content_filters_filterType_isActive_idx" ON "content_filters"("filterType", "isActive");

CREATE INDEX "content_filters_pattern_idx" ON "content_filters"("pattern");
