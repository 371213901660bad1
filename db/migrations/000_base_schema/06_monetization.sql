-- Creator payouts, fan funding, revenue shares and tips
-- Generated from the Prisma schema by Sparkle.Db.Prisma.PrismaBaseMigration; do not edit by hand.
-- To change it, change the Prisma schema and regenerate (docs/SCHEMA.md).

CREATE TABLE "creator_payouts" (
  "id" TEXT NOT NULL,
  "userId" TEXT NOT NULL,
  "periodStart" TIMESTAMP(3) NOT NULL,
  "periodEnd" TIMESTAMP(3) NOT NULL,
  "totalRevenue" DECIMAL(19,4) NOT NULL DEFAULT 0,
  "platformFee" DECIMAL(19,4) NOT NULL DEFAULT 0,
  "creatorShare" DECIMAL(19,4) NOT NULL DEFAULT 0,
  "taxWithheld" DECIMAL(19,4) NOT NULL DEFAULT 0,
  "finalAmount" DECIMAL(19,4) NOT NULL DEFAULT 0,
  "payoutMethod" TEXT NOT NULL,
  "payoutStatus" TEXT NOT NULL DEFAULT 'PENDING',
  "transactionId" TEXT,
  "failureReason" TEXT,
  "scheduledDate" TIMESTAMP(3) NOT NULL,
  "processedDate" TIMESTAMP(3),
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

  CONSTRAINT "creator_payouts_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "creator_payouts_userId_periodStart_periodEnd_key" ON "creator_payouts"("userId", "periodStart", "periodEnd");

CREATE INDEX "creator_payouts_payoutStatus_idx" ON "creator_payouts"("payoutStatus");

CREATE INDEX "creator_payouts_scheduledDate_idx" ON "creator_payouts"("scheduledDate");

CREATE TABLE "fan_funding" (
  "id" TEXT NOT NULL,
  "senderId" TEXT NOT NULL,
  "recipientId" TEXT NOT NULL,
  "amount" DECIMAL(19,4) NOT NULL,
  "currency" TEXT NOT NULL DEFAULT 'USD',
  "message" TEXT,
  "isAnonymous" BOOLEAN NOT NULL DEFAULT false,
  "platformFee" DECIMAL(19,4) NOT NULL DEFAULT 0,
  "creatorAmount" DECIMAL(19,4) NOT NULL DEFAULT 0,
  "paymentMethod" TEXT NOT NULL,
  "paymentStatus" TEXT NOT NULL DEFAULT 'PENDING',
  "transactionId" TEXT,
  "failureReason" TEXT,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

  CONSTRAINT "fan_funding_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "fan_funding_senderId_idx" ON "fan_funding"("senderId");

CREATE INDEX "fan_funding_recipientId_idx" ON "fan_funding"("recipientId");

CREATE INDEX "fan_funding_paymentStatus_idx" ON "fan_funding"("paymentStatus");

CREATE TABLE "revenue_shares" (
  "id" TEXT NOT NULL,
  "contentType" TEXT NOT NULL,
  "contentId" TEXT NOT NULL,
  "creatorId" TEXT NOT NULL,
  "totalRevenue" DECIMAL(19,4) NOT NULL DEFAULT 0,
  "platformShare" DECIMAL(19,4) NOT NULL DEFAULT 0,
  "creatorShare" DECIMAL(19,4) NOT NULL DEFAULT 0,
  "affiliateShare" DECIMAL(19,4) NOT NULL DEFAULT 0,
  "calculatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "paidAt" TIMESTAMP(3),

  CONSTRAINT "revenue_shares_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "revenue_shares_contentType_contentId_creatorId_key" ON "revenue_shares"("contentType", "contentId", "creatorId");

CREATE INDEX "revenue_shares_creatorId_calculatedAt_idx" ON "revenue_shares"("creatorId", "calculatedAt");

CREATE TABLE "tip_transactions" (
  "id" TEXT NOT NULL,
  "senderId" TEXT NOT NULL,
  "recipientId" TEXT NOT NULL,
  "amount" DECIMAL(19,4) NOT NULL,
  "currency" TEXT NOT NULL,
  "message" TEXT,
  "contentType" TEXT,
  "contentId" TEXT,
  "isAnonymous" BOOLEAN NOT NULL DEFAULT false,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

  CONSTRAINT "tip_transactions_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "tip_transactions_senderId_idx" ON "tip_transactions"("senderId");

CREATE INDEX "tip_transactions_recipientId_idx" ON "tip_transactions"("recipientId");

CREATE INDEX "tip_transactions_contentType_contentId_idx" ON "tip_transactions"("contentType", "contentId");
