-- AI recommendations, suggestions, preferences and assistant conversations
-- Generated from the Prisma schema by Sparkle.Db.Prisma.PrismaBaseMigration; do not edit by hand.
-- To change it, change the Prisma schema and regenerate (docs/SCHEMA.md).

CREATE TABLE "ai_recommendations" (
  "id" TEXT NOT NULL,
  "userId" TEXT NOT NULL,
  "recommendationType" TEXT NOT NULL,
  "entityType" TEXT NOT NULL,
  "entityId" TEXT NOT NULL,
  "score" DOUBLE PRECISION NOT NULL,
  "reason" TEXT,
  "context" JSONB,
  "clicked" BOOLEAN NOT NULL DEFAULT false,
  "clickedAt" TIMESTAMP(3),
  "dismissed" BOOLEAN NOT NULL DEFAULT false,
  "expiresAt" TIMESTAMP(3) NOT NULL,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

  CONSTRAINT "ai_recommendations_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "ai_recommendations_userId_entityType_entityId_recommendatio_key" ON "ai_recommendations"("userId", "entityType", "entityId", "recommendationType");

CREATE INDEX "ai_recommendations_userId_recommendationType_idx" ON "ai_recommendations"("userId", "recommendationType");

CREATE INDEX "ai_recommendations_expiresAt_idx" ON "ai_recommendations"("expiresAt");

CREATE TABLE "ai_content_suggestions" (
  "id" TEXT NOT NULL,
  "userId" TEXT NOT NULL,
  "suggestionType" TEXT NOT NULL,
  "content" TEXT NOT NULL,
  "context" JSONB,
  "used" BOOLEAN NOT NULL DEFAULT false,
  "usedContent" TEXT,
  "feedback" INTEGER,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

  CONSTRAINT "ai_content_suggestions_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "ai_content_suggestions_userId_suggestionType_idx" ON "ai_content_suggestions"("userId", "suggestionType");

CREATE TABLE "user_ai_preferences" (
  "id" TEXT NOT NULL,
  "userId" TEXT NOT NULL,
  "contentPreferences" JSONB NOT NULL,
  "writingStyle" JSONB,
  "learningOptedOut" BOOLEAN NOT NULL DEFAULT false,
  "lastUpdated" TIMESTAMP(3) NOT NULL,

  CONSTRAINT "user_ai_preferences_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "user_ai_preferences_userId_key" ON "user_ai_preferences"("userId");

CREATE INDEX "user_ai_preferences_userId_idx" ON "user_ai_preferences"("userId");

CREATE TABLE "ai_assistant_conversations" (
  "id" TEXT NOT NULL,
  "userId" TEXT NOT NULL,
  "sessionId" TEXT NOT NULL,
  "messages" JSONB[],
  "context" JSONB,
  "model" TEXT NOT NULL DEFAULT 'gpt-4',
  "tokensUsed" INTEGER NOT NULL DEFAULT 0,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updatedAt" TIMESTAMP(3) NOT NULL,

  CONSTRAINT "ai_assistant_conversations_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "ai_assistant_conversations_sessionId_key" ON "ai_assistant_conversations"("sessionId");

CREATE INDEX "ai_assistant_conversations_userId_updatedAt_idx" ON "ai_assistant_conversations"("userId", "updatedAt");
