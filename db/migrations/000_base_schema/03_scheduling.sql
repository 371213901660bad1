-- Scheduled and recurring actions, publishing queue
-- Generated from the Prisma schema by Sparkle.Db.Prisma.PrismaBaseMigration; do not edit by hand.
-- To change it, change the Prisma schema and regenerate (docs/SCHEMA.md).

CREATE TABLE "scheduled_actions" (
  "id" TEXT NOT NULL,
  "actionType" TEXT NOT NULL,
  "entityType" TEXT NOT NULL,
  "entityId" TEXT NOT NULL,
  "scheduledFor" TIMESTAMP(3) NOT NULL,
  "status" TEXT NOT NULL DEFAULT 'PENDING',
  "parameters" JSONB NOT NULL,
  "retryCount" INTEGER NOT NULL DEFAULT 0,
  "maxRetries" INTEGER NOT NULL DEFAULT 3,
  "lastAttempt" TIMESTAMP(3),
  "nextRetry" TIMESTAMP(3),
  "failureReason" TEXT,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updatedAt" TIMESTAMP(3) NOT NULL,

  CONSTRAINT "scheduled_actions_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "scheduled_actions_scheduledFor_status_idx" ON "scheduled_actions"("scheduledFor", "status");

CREATE INDEX "scheduled_actions_entityType_entityId_idx" ON "scheduled_actions"("entityType", "entityId");

CREATE TABLE "recurring_schedules" (
  "id" TEXT NOT NULL,
  "userId" TEXT NOT NULL,
  "entityType" TEXT NOT NULL,
  "entityId" TEXT NOT NULL,
  "recurrenceRule" TEXT NOT NULL,
  "startDate" TIMESTAMP(3) NOT NULL,
  "endDate" TIMESTAMP(3),
  "lastRun" TIMESTAMP(3),
  "nextRun" TIMESTAMP(3) NOT NULL,
  "parameters" JSONB NOT NULL,
  "isActive" BOOLEAN NOT NULL DEFAULT true,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

  CONSTRAINT "recurring_schedules_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "recurring_schedules_userId_isActive_nextRun_idx" ON "recurring_schedules"("userId", "isActive", "nextRun");

CREATE INDEX "recurring_schedules_nextRun_idx" ON "recurring_schedules"("nextRun");

CREATE TABLE "publish_queue" (
  "id" TEXT NOT NULL,
  "postId" TEXT NOT NULL,
  "scheduledFor" TIMESTAMP(3) NOT NULL,
  "status" TEXT NOT NULL DEFAULT 'SCHEDULED',
  "attempts" INTEGER NOT NULL DEFAULT 0,
  "error" TEXT,
  "processedAt" TIMESTAMP(3),
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

  CONSTRAINT "publish_queue_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "publish_queue_postId_key" ON "publish_queue"("postId");

CREATE INDEX "publish_queue_scheduledFor_status_idx" ON "publish_queue"("scheduledFor", "status");
