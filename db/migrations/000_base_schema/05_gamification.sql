-- Achievements, XP, currency, store, trades, quests and leaderboards
-- Generated from the Prisma schema by Sparkle.Db.Prisma.PrismaBaseMigration; do not edit by hand.
-- To change it, change the Prisma schema and regenerate (docs/SCHEMA.md).

CREATE TABLE "achievements" (
  "id" TEXT NOT NULL,
  "code" TEXT NOT NULL,
  "name" VARCHAR(255) NOT NULL,
  "description" TEXT,
  "shortDescription" TEXT,
  "icon" TEXT,
  "animatedIcon" TEXT,
  "bannerImage" TEXT,
  "xpReward" INTEGER NOT NULL DEFAULT 0,
  "sparklePointsReward" INTEGER NOT NULL DEFAULT 0,
  "premiumPointsReward" INTEGER NOT NULL DEFAULT 0,
  "rarity" "BadgeRarity" NOT NULL DEFAULT 'COMMON',
  "category" TEXT,
  "subcategory" TEXT,
  "criteria" JSONB,
  "progressSteps" INTEGER NOT NULL DEFAULT 1,
  "isSecret" BOOLEAN NOT NULL DEFAULT false,
  "prerequisiteIds" TEXT[],
  "displayOrder" INTEGER NOT NULL DEFAULT 0,
  "seasonal" BOOLEAN NOT NULL DEFAULT false,
  "eventBased" BOOLEAN NOT NULL DEFAULT false,
  "limited" BOOLEAN NOT NULL DEFAULT false,
  "maxAchievers" INTEGER,
  "expiresAt" TIMESTAMP(3),
  "metadata" JSONB,
  "deleted" BOOLEAN NOT NULL DEFAULT false,
  "deletedAt" TIMESTAMP(3),
  "deletedBy" TEXT,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updatedAt" TIMESTAMP(3) NOT NULL,

  CONSTRAINT "achievements_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "achievements_code_key" ON "achievements"("code");

CREATE INDEX "achievements_code_idx" ON "achievements"("code");

CREATE INDEX "achievements_category_idx" ON "achievements"("category");

CREATE INDEX "achievements_rarity_idx" ON "achievements"("rarity");

CREATE INDEX "achievements_deleted_idx" ON "achievements"("deleted");

CREATE TABLE "user_achievements" (
  "id" TEXT NOT NULL,
  "userId" TEXT NOT NULL,
  "achievementId" TEXT NOT NULL,
  "progress" DOUBLE PRECISION NOT NULL DEFAULT 0,
  "progressData" JSONB,
  "unlockedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "showcased" BOOLEAN NOT NULL DEFAULT false,
  "showcaseOrder" INTEGER NOT NULL DEFAULT 0,
  "notified" BOOLEAN NOT NULL DEFAULT false,
  "claimedRewards" BOOLEAN NOT NULL DEFAULT false,
  "deleted" BOOLEAN NOT NULL DEFAULT false,
  "deletedAt" TIMESTAMP(3),
  "deletedBy" TEXT,

  CONSTRAINT "user_achievements_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "user_achievements_userId_achievementId_key" ON "user_achievements"("userId", "achievementId");

CREATE INDEX "user_achievements_userId_showcased_idx" ON "user_achievements"("userId", "showcased");

CREATE INDEX "user_achievements_achievementId_idx" ON "user_achievements"("achievementId");

CREATE INDEX "user_achievements_deleted_idx" ON "user_achievements"("deleted");

CREATE TABLE "xp_logs" (
  "id" TEXT NOT NULL,
  "userId" TEXT NOT NULL,
  "amount" INTEGER NOT NULL,
  "source" TEXT NOT NULL,
  "sourceId" TEXT,
  "reason" TEXT,
  "multiplier" DOUBLE PRECISION NOT NULL DEFAULT 1,
  "bonusXp" INTEGER NOT NULL DEFAULT 0,
  "totalXp" INTEGER NOT NULL,
  "metadata" JSONB,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

  CONSTRAINT "xp_logs_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "xp_logs_userId_createdAt_idx" ON "xp_logs"("userId", "createdAt" DESC);

CREATE INDEX "xp_logs_source_idx" ON "xp_logs"("source");

CREATE TABLE "level_configs" (
  "level" INTEGER NOT NULL,
  "requiredXp" INTEGER NOT NULL,
  "title" TEXT NOT NULL,
  "perks" TEXT[],
  "sparkleReward" INTEGER NOT NULL DEFAULT 0,
  "premiumReward" INTEGER NOT NULL DEFAULT 0,
  "unlockFeatures" TEXT[],
  "badgeId" TEXT,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

  CONSTRAINT "level_configs_pkey" PRIMARY KEY ("level")
);

CREATE INDEX "level_configs_requiredXp_idx" ON "level_configs"("requiredXp");

CREATE TABLE "currency_transactions" (
  "id" TEXT NOT NULL,
  "userId" TEXT NOT NULL,
  "amount" INTEGER NOT NULL,
  "currencyType" TEXT NOT NULL,
  "transactionType" TEXT NOT NULL,
  "source" TEXT NOT NULL,
  "sourceId" TEXT,
  "description" TEXT,
  "referenceId" TEXT,
  "referenceType" TEXT,
  "balanceBefore" INTEGER NOT NULL,
  "balanceAfter" INTEGER NOT NULL,
  "metadata" JSONB,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

  CONSTRAINT "currency_transactions_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "currency_transactions_userId_createdAt_idx" ON "currency_transactions"("userId", "createdAt" DESC);

CREATE INDEX "currency_transactions_transactionType_idx" ON "currency_transactions"("transactionType");

CREATE INDEX "currency_transactions_source_idx" ON "currency_transactions"("source");

CREATE TABLE "store_items" (
  "id" TEXT NOT NULL,
  "sku" TEXT NOT NULL,
  "name" TEXT NOT NULL,
  "description" TEXT,
  "shortDescription" TEXT,
  "category" TEXT NOT NULL,
  "subcategory" TEXT,
  "itemType" TEXT NOT NULL,
  "rarity" "BadgeRarity" NOT NULL DEFAULT 'COMMON',
  "priceSparkle" DECIMAL(19,4),
  "pricePremium" DECIMAL(19,4),
  "originalPriceSparkle" DECIMAL(19,4),
  "originalPricePremium" DECIMAL(19,4),
  "discountPercentage" INTEGER NOT NULL DEFAULT 0,
  "previewUrl" TEXT,
  "thumbnailUrl" TEXT,
  "images" TEXT[],
  "data" JSONB,
  "requirements" JSONB,
  "limitedEdition" BOOLEAN NOT NULL DEFAULT false,
  "stockRemaining" INTEGER,
  "maxPerUser" INTEGER,
  "featured" BOOLEAN NOT NULL DEFAULT false,
  "new" BOOLEAN NOT NULL DEFAULT false,
  "availableFrom" TIMESTAMP(3),
  "availableUntil" TIMESTAMP(3),
  "metadata" JSONB,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updatedAt" TIMESTAMP(3) NOT NULL,

  CONSTRAINT "store_items_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "store_items_sku_key" ON "store_items"("sku");

CREATE INDEX "store_items_category_idx" ON "store_items"("category");

CREATE INDEX "store_items_featured_idx" ON "store_items"("featured");

CREATE INDEX "store_items_availableFrom_availableUntil_idx" ON "store_items"("availableFrom", "availableUntil");

CREATE TABLE "store_bundles" (
  "id" TEXT NOT NULL,
  "name" TEXT NOT NULL,
  "description" TEXT,
  "priceSparkle" INTEGER,
  "pricePremium" INTEGER,
  "discountPercentage" INTEGER NOT NULL DEFAULT 0,
  "availableFrom" TIMESTAMP(3),
  "availableUntil" TIMESTAMP(3),
  "maxPurchases" INTEGER,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

  CONSTRAINT "store_bundles_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "store_bundles_availableFrom_availableUntil_idx" ON "store_bundles"("availableFrom", "availableUntil");

CREATE TABLE "_BundleItems" (
  "A" TEXT NOT NULL,
  "B" TEXT NOT NULL,

  CONSTRAINT "_BundleItems_AB_pkey" PRIMARY KEY ("A", "B")
);

CREATE INDEX "_BundleItems_B_index" ON "_BundleItems"("B");

CREATE TABLE "user_inventory" (
  "id" TEXT NOT NULL,
  "userId" TEXT NOT NULL,
  "itemId" TEXT NOT NULL,
  "quantity" INTEGER NOT NULL DEFAULT 1,
  "equipped" BOOLEAN NOT NULL DEFAULT false,
  "equippedAt" TIMESTAMP(3),
  "customData" JSONB,
  "acquiredFrom" TEXT NOT NULL,
  "acquiredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "expiresAt" TIMESTAMP(3),
  "tradeable" BOOLEAN NOT NULL DEFAULT true,
  "giftedBy" TEXT,

  CONSTRAINT "user_inventory_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "user_inventory_userId_itemId_key" ON "user_inventory"("userId", "itemId");

CREATE INDEX "user_inventory_userId_equipped_idx" ON "user_inventory"("userId", "equipped");

CREATE INDEX "user_inventory_itemId_idx" ON "user_inventory"("itemId");

CREATE TABLE "trades" (
  "id" TEXT NOT NULL,
  "initiatorId" TEXT NOT NULL,
  "recipientId" TEXT NOT NULL,
  "status" "TradeStatus" NOT NULL DEFAULT 'PENDING',
  "initiatorItems" JSONB NOT NULL,
  "recipientItems" JSONB NOT NULL,
  "initiatorPoints" INTEGER NOT NULL DEFAULT 0,
  "recipientPoints" INTEGER NOT NULL DEFAULT 0,
  "message" TEXT,
  "responseMessage" TEXT,
  "tradeValue" INTEGER NOT NULL DEFAULT 0,
  "escrowId" TEXT,
  "expiresAt" TIMESTAMP(3) NOT NULL DEFAULT (CURRENT_TIMESTAMP + interval '7 days'),
  "respondedAt" TIMESTAMP(3),
  "completedAt" TIMESTAMP(3),
  "cancelledAt" TIMESTAMP(3),
  "cancelReason" TEXT,
  "version" INTEGER NOT NULL DEFAULT 0,
  "deleted" BOOLEAN NOT NULL DEFAULT false,
  "deletedAt" TIMESTAMP(3),
  "deletedBy" TEXT,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updatedAt" TIMESTAMP(3) NOT NULL,

  CONSTRAINT "trades_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "trades_initiatorId_status_idx" ON "trades"("initiatorId", "status");

CREATE INDEX "trades_recipientId_status_idx" ON "trades"("recipientId", "status");

CREATE INDEX "trades_status_idx" ON "trades"("status");

CREATE INDEX "trades_deleted_idx" ON "trades"("deleted");

CREATE TABLE "quests" (
  "id" TEXT NOT NULL,
  "code" TEXT NOT NULL,
  "name" VARCHAR(255) NOT NULL,
  "description" TEXT,
  "shortDescription" TEXT,
  "icon" TEXT,
  "bannerImage" TEXT,
  "type" "QuestType" NOT NULL,
  "category" TEXT,
  "difficulty" TEXT,
  "requirements" JSONB NOT NULL,
  "rewards" JSONB NOT NULL,
  "xpReward" INTEGER NOT NULL DEFAULT 0,
  "pointsReward" INTEGER NOT NULL DEFAULT 0,
  "prerequisiteIds" TEXT[],
  "levelRequired" INTEGER NOT NULL DEFAULT 1,
  "cooldownHours" INTEGER,
  "maxCompletions" INTEGER NOT NULL DEFAULT 1,
  "timeLimit" INTEGER,
  "availableFrom" TIMESTAMP(3),
  "availableUntil" TIMESTAMP(3),
  "metadata" JSONB,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updatedAt" TIMESTAMP(3) NOT NULL,

  CONSTRAINT "quests_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "quests_code_key" ON "quests"("code");

CREATE INDEX "quests_type_idx" ON "quests"("type");

CREATE INDEX "quests_availableFrom_availableUntil_idx" ON "quests"("availableFrom", "availableUntil");

CREATE TABLE "user_quests" (
  "id" TEXT NOT NULL,
  "userId" TEXT NOT NULL,
  "questId" TEXT NOT NULL,
  "status" "QuestStatus" NOT NULL DEFAULT 'AVAILABLE',
  "progress" JSONB NOT NULL DEFAULT '{}',
  "currentStep" INTEGER NOT NULL DEFAULT 0,
  "totalSteps" INTEGER NOT NULL DEFAULT 1,
  "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "completedAt" TIMESTAMP(3),
  "claimedAt" TIMESTAMP(3),
  "expiresAt" TIMESTAMP(3),
  "attemptCount" INTEGER NOT NULL DEFAULT 1,
  "bestTime" INTEGER,
  "metadata" JSONB,

  CONSTRAINT "user_quests_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "user_quests_userId_questId_key" ON "user_quests"("userId", "questId");

CREATE INDEX "user_quests_userId_status_idx" ON "user_quests"("userId", "status");

CREATE INDEX "user_quests_questId_status_idx" ON "user_quests"("questId", "status");

CREATE TABLE "leaderboards" (
  "id" TEXT NOT NULL,
  "type" TEXT NOT NULL,
  "scope" TEXT NOT NULL,
  "scopeId" TEXT,
  "period" TEXT NOT NULL,
  "periodStart" TIMESTAMP(3) NOT NULL,
  "periodEnd" TIMESTAMP(3) NOT NULL,
  "data" JSONB NOT NULL,
  "metadata" JSONB,
  "processed" BOOLEAN NOT NULL DEFAULT false,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

  CONSTRAINT "leaderboards_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "leaderboards_type_scope_scopeId_periodStart_periodEnd_key" ON "leaderboards"("type", "scope", "scopeId", "periodStart", "periodEnd");

CREATE INDEX "leaderboards_type_periodEnd_idx" ON "leaderboards"("type", "periodEnd" DESC);

CREATE INDEX "leaderboards_processed_idx" ON "leaderboards"("processed");

CREATE TABLE "leaderboard_entries" (
  "id" TEXT NOT NULL,
  "userId" TEXT NOT NULL,
  "type" TEXT NOT NULL,
  "period" TEXT NOT NULL,
  "rank" INTEGER NOT NULL,
  "score" BIGINT NOT NULL,
  "movement" INTEGER NOT NULL DEFAULT 0,
  "metadata" JSONB,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

  CONSTRAINT "leaderboard_entries_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "leaderboard_entries_userId_type_period_key" ON "leaderboard_entries"("userId", "type", "period");

CREATE INDEX "leaderboard_entries_type_period_rank_idx" ON "leaderboard_entries"("type", "period", "rank");

CREATE INDEX "leaderboard_entries_userId_idx" ON "leaderboard_entries"("userId");
