-- Activity streams and daily activity and performance
-- Generated from the Prisma schema by Sparkle.Db.Prisma.PrismaBaseMigration; do not edit by hand.
-- To change it, change the Prisma schema and regenerate (docs/SCHEMA.md).

CREATE TABLE "activity_streams" (
  "id" TEXT NOT NULL,
  "userId" TEXT NOT NULL,
  "action" TEXT NOT NULL,
  "entityType" TEXT NOT NULL,
  "entityId" TEXT NOT NULL,
  "entityData" JSONB,
  "metadata" JSONB,
  "visibility" TEXT NOT NULL DEFAULT 'PUBLIC',
  "ipAddress" TEXT,
  "userAgent" TEXT,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

  CONSTRAINT "activity_streams_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "activity_streams_userId_createdAt_idx" ON "activity_streams"("userId", "createdAt" DESC);

CREATE INDEX "activity_streams_entityType_entityId_idx" ON "activity_streams"("entityType", "entityId");

CREATE INDEX "activity_streams_action_idx" ON "activity_streams"("action");

CREATE INDEX "activity_streams_visibility_createdAt_idx" ON "activity_streams"("visibility", "createdAt" DESC);

CREATE INDEX "activity_streams_userId_visibility_createdAt_idx" ON "activity_streams"("userId", "visibility", "createdAt" DESC);

CREATE TABLE "user_activity" (
  "id" TEXT NOT NULL,
  "userId" TEXT NOT NULL,
  "date" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_DATE,
  "loginCount" INTEGER NOT NULL DEFAULT 0,
  "pageViews" INTEGER NOT NULL DEFAULT 0,
  "postsCreated" INTEGER NOT NULL DEFAULT 0,
  "postsViewed" INTEGER NOT NULL DEFAULT 0,
  "commentsCreated" INTEGER NOT NULL DEFAULT 0,
  "reactionsGiven" INTEGER NOT NULL DEFAULT 0,
  "messagesSent" INTEGER NOT NULL DEFAULT 0,
  "minutesActive" INTEGER NOT NULL DEFAULT 0,
  "xpEarned" INTEGER NOT NULL DEFAULT 0,
  "pointsEarned" INTEGER NOT NULL DEFAULT 0,
  "achievementsUnlocked" INTEGER NOT NULL DEFAULT 0,

  CONSTRAINT "user_activity_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "user_activity_userId_key" ON "user_activity"("userId");

CREATE UNIQUE INDEX "user_activity_userId_date_key" ON "user_activity"("userId", "date");

CREATE INDEX "user_activity_date_idx" ON "user_activity"("date");

CREATE INDEX "user_activity_date_minutesActive_idx" ON "user_activity"("date", "minutesActive" DESC);

CREATE TABLE "content_performance" (
  "id" TEXT NOT NULL,
  "contentType" TEXT NOT NULL,
  "contentId" TEXT NOT NULL,
  "date" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_DATE,
  "impressions" INTEGER NOT NULL DEFAULT 0,
  "uniqueImpressions" INTEGER NOT NULL DEFAULT 0,
  "clicks" INTEGER NOT NULL DEFAULT 0,
  "engagements" INTEGER NOT NULL DEFAULT 0,
  "shares" INTEGER NOT NULL DEFAULT 0,
  "avgTimeSpent" DOUBLE PRECISION NOT NULL DEFAULT 0,
  "bounceRate" DOUBLE PRECISION NOT NULL DEFAULT 0,
  "viralityScore" DOUBLE PRECISION NOT NULL DEFAULT 0,

  CONSTRAINT "content_performance_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "content_performance_contentType_contentId_date_key" ON "content_performance"("contentType", "contentId", "date");

CREATE INDEX "content_performance_contentType_date_idx" ON "content_performance"("contentType", "date");

CREATE INDEX "content_performance_viralityScore_idx" ON "content_performance"("viralityScore");
