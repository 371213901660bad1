-- Users, profiles, accounts and authentication
-- Generated from the Prisma schema by Sparkle.Db.Prisma.PrismaBaseMigration; do not edit by hand.
-- To change it, change the Prisma schema and regenerate (docs/SCHEMA.md).

CREATE TABLE "users" (
  "id" TEXT NOT NULL,
  "email" VARCHAR(255) NOT NULL,
  "username" VARCHAR(50) NOT NULL,
  "hashedPassword" TEXT NOT NULL DEFAULT '',
  "authProvider" "AuthProvider" NOT NULL DEFAULT 'LOCAL',
  "emailVerified" TIMESTAMP(3),
  "phoneNumber" TEXT,
  "phoneNumberHash" TEXT,
  "phoneVerified" TIMESTAMP(3),
  "image" TEXT,
  "bio" TEXT,
  "role" "UserRole" NOT NULL DEFAULT 'USER',
  "status" "UserStatus" NOT NULL DEFAULT 'PENDING_VERIFICATION',
  "verified" BOOLEAN NOT NULL DEFAULT false,
  "verifiedAt" TIMESTAMP(3),
  "banned" BOOLEAN NOT NULL DEFAULT false,
  "banReason" TEXT,
  "banExpiresAt" TIMESTAMP(3),
  "experience" INTEGER NOT NULL DEFAULT 0,
  "level" INTEGER NOT NULL DEFAULT 1,
  "sparklePoints" INTEGER NOT NULL DEFAULT 0,
  "premiumPoints" INTEGER NOT NULL DEFAULT 0,
  "reputationScore" INTEGER NOT NULL DEFAULT 0,
  "lastSeenAt" TIMESTAMP(3),
  "onlineStatus" BOOLEAN NOT NULL DEFAULT false,
  "twoFactorEnabled" BOOLEAN NOT NULL DEFAULT false,
  "twoFactorSecret" TEXT,
  "twoFactorBackupCodes" TEXT[],
  "resetPasswordToken" TEXT,
  "resetPasswordExpires" TIMESTAMP(3),
  "emailVerificationToken" TEXT,
  "emailVerificationExpires" TIMESTAMP(3),
  "accountLockoutAttempts" INTEGER NOT NULL DEFAULT 0,
  "accountLockedUntil" TIMESTAMP(3),
  "lastPasswordChangedAt" TIMESTAMP(3),
  "lastFailedLoginAt" TIMESTAMP(3),
  "failedLoginAttempts" INTEGER NOT NULL DEFAULT 0,
  "preferredLanguage" TEXT NOT NULL DEFAULT 'en',
  "timezone" TEXT NOT NULL DEFAULT 'UTC',
  "version" INTEGER NOT NULL DEFAULT 0,
  "deleted" BOOLEAN NOT NULL DEFAULT false,
  "deletedAt" TIMESTAMP(3),
  "deletedBy" TEXT,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updatedAt" TIMESTAMP(3) NOT NULL,
  "creatorRevenueShare" DECIMAL(5,4) NOT NULL DEFAULT 0.7000,
  "totalRevenueEarned" BIGINT NOT NULL DEFAULT 0,
  "lastPayoutDate" TIMESTAMP(3),

  CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

CREATE UNIQUE INDEX "users_username_key" ON "users"("username");

CREATE UNIQUE INDEX "users_phoneNumberHash_key" ON "users"("phoneNumberHash");

CREATE UNIQUE INDEX "users_resetPasswordToken_key" ON "users"("resetPasswordToken");

CREATE UNIQUE INDEX "users_emailVerificationToken_key" ON "users"("emailVerificationToken");

CREATE INDEX "users_email_idx" ON "users"("email");

CREATE INDEX "users_username_idx" ON "users"("username");

CREATE INDEX "users_deleted_status_role_lastSeenAt_idx" ON "users"("deleted", "status", "role", "lastSeenAt" DESC);

CREATE INDEX "users_deleted_level_experience_idx" ON "users"("deleted", "level", "experience" DESC);

CREATE INDEX "users_status_onlineStatus_lastSeenAt_idx" ON "users"("status", "onlineStatus", "lastSeenAt" DESC);

CREATE INDEX "users_createdAt_idx" ON "users"("createdAt");

CREATE INDEX "users_role_verified_createdAt_idx" ON "users"("role", "verified", "createdAt" DESC);

CREATE INDEX "users_deleted_status_lastSeenAt_onlineStatus_idx" ON "users"("deleted", "status", "lastSeenAt", "onlineStatus");

CREATE TABLE "user_stats" (
  "id" TEXT NOT NULL,
  "userId" TEXT NOT NULL,
  "totalPosts" INTEGER NOT NULL DEFAULT 0,
  "totalComments" INTEGER NOT NULL DEFAULT 0,
  "totalLikesReceived" INTEGER NOT NULL DEFAULT 0,
  "totalLikesGiven" INTEGER NOT NULL DEFAULT 0,
  "totalViews" INTEGER NOT NULL DEFAULT 0,
  "totalFollowers" INTEGER NOT NULL DEFAULT 0,
  "totalFollowing" INTEGER NOT NULL DEFAULT 0,
  "totalWatchTime" BIGINT NOT NULL DEFAULT 0,
  "streakDays" INTEGER NOT NULL DEFAULT 0,
  "longestStreak" INTEGER NOT NULL DEFAULT 0,
  "lastActivityAt" TIMESTAMP(3),
  "profileViews" INTEGER NOT NULL DEFAULT 0,
  "engagementRate" DOUBLE PRECISION NOT NULL DEFAULT 0,
  "contentQualityScore" DOUBLE PRECISION NOT NULL DEFAULT 0,
  "updatedAt" TIMESTAMP(3) NOT NULL,

  CONSTRAINT "user_stats_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "user_stats_userId_key" ON "user_stats"("userId");

CREATE INDEX "user_stats_userId_idx" ON "user_stats"("userId");

CREATE INDEX "user_stats_totalFollowers_idx" ON "user_stats"("totalFollowers");

CREATE INDEX "user_stats_engagementRate_idx" ON "user_stats"("engagementRate");

CREATE TABLE "user_balances" (
  "id" TEXT NOT NULL,
  "userId" TEXT NOT NULL,
  "sparklePoints" INTEGER NOT NULL DEFAULT 0,
  "premiumPoints" INTEGER NOT NULL DEFAULT 0,
  "frozenPoints" INTEGER NOT NULL DEFAULT 0,
  "lifetimeEarned" INTEGER NOT NULL DEFAULT 0,
  "lifetimeSpent" INTEGER NOT NULL DEFAULT 0,
  "version" INTEGER NOT NULL DEFAULT 0,
  "lastTransactionAt" TIMESTAMP(3),
  "updatedAt" TIMESTAMP(3) NOT NULL,

  CONSTRAINT "user_balances_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "user_balances_userId_key" ON "user_balances"("userId");

CREATE INDEX "user_balances_userId_idx" ON "user_balances"("userId");

CREATE TABLE "user_subscriptions" (
  "id" TEXT NOT NULL,
  "userId" TEXT NOT NULL,
  "tier" "SubscriptionTier" NOT NULL DEFAULT 'FREE',
  "status" "PaymentStatus" NOT NULL DEFAULT 'PENDING',
  "startDate" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "endDate" TIMESTAMP(3),
  "cancelledAt" TIMESTAMP(3),
  "paymentMethod" TEXT,
  "stripeCustomerId" TEXT,
  "stripeSubId" TEXT,
  "autoRenew" BOOLEAN NOT NULL DEFAULT true,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updatedAt" TIMESTAMP(3) NOT NULL,

  CONSTRAINT "user_subscriptions_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "user_subscriptions_userId_key" ON "user_subscriptions"("userId");

CREATE INDEX "user_subscriptions_userId_idx" ON "user_subscriptions"("userId");

CREATE INDEX "user_subscriptions_status_idx" ON "user_subscriptions"("status");

CREATE INDEX "user_subscriptions_endDate_idx" ON "user_subscriptions"("endDate");

CREATE TABLE "profiles" (
  "id" TEXT NOT NULL,
  "userId" TEXT NOT NULL,
  "displayName" TEXT,
  "location" TEXT,
  "website" TEXT,
  "twitterUsername" TEXT,
  "instagramUsername" TEXT,
  "tiktokUsername" TEXT,
  "discordUsername" TEXT,
  "youtubeChannelId" TEXT,
  "youtubeChannelUrl" TEXT,
  "youtubeChannelData" JSONB,
  "bannerImage" TEXT,
  "themePreference" JSONB,
  "notificationSettings" JSONB NOT NULL DEFAULT '{}',
  "privacySettings" JSONB NOT NULL DEFAULT '{}',
  "profileVisibility" TEXT NOT NULL DEFAULT 'public',
  "contentVisibility" TEXT NOT NULL DEFAULT 'public',
  "allowDirectMessages" BOOLEAN NOT NULL DEFAULT true,
  "featuredBadges" TEXT[],
  "showcasedPosts" TEXT[],
  "customCss" TEXT,
  "customHtml" TEXT,
  "socialLinks" JSONB,
  "interests" TEXT[],
  "skills" TEXT[],
  "pronouns" TEXT,
  "birthdate" TIMESTAMP(3),
  "joinedCommunityAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "profileCompleted" BOOLEAN NOT NULL DEFAULT false,
  "profileCompleteness" INTEGER NOT NULL DEFAULT 0,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updatedAt" TIMESTAMP(3) NOT NULL,

  CONSTRAINT "profiles_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "profiles_userId_key" ON "profiles"("userId");

CREATE INDEX "profiles_userId_idx" ON "profiles"("userId");

CREATE INDEX "profiles_youtubeChannelId_idx" ON "profiles"("youtubeChannelId");

CREATE INDEX "profiles_profileCompleted_idx" ON "profiles"("profileCompleted");

CREATE INDEX "profiles_profileVisibility_idx" ON "profiles"("profileVisibility");

CREATE INDEX "profiles_contentVisibility_idx" ON "profiles"("contentVisibility");

CREATE TABLE "accounts" (
  "id" TEXT NOT NULL,
  "userId" TEXT NOT NULL,
  "type" TEXT NOT NULL,
  "provider" TEXT NOT NULL,
  "providerAccountId" TEXT NOT NULL,
  "refreshToken" TEXT,
  "accessToken" TEXT,
  "expiresAt" BIGINT,
  "tokenType" TEXT,
  "scope" TEXT,
  "idToken" TEXT,
  "sessionState" TEXT,
  "oauthTokenSecret" TEXT,
  "oauthToken" TEXT,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updatedAt" TIMESTAMP(3) NOT NULL,

  CONSTRAINT "accounts_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "accounts_provider_providerAccountId_key" ON "accounts"("provider", "providerAccountId");

CREATE INDEX "accounts_userId_idx" ON "accounts"("userId");

CREATE TABLE "sessions" (
  "id" TEXT NOT NULL,
  "sessionToken" TEXT NOT NULL,
  "userId" TEXT NOT NULL,
  "expires" TIMESTAMP(3) NOT NULL,
  "ipAddress" TEXT,
  "userAgent" TEXT,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updatedAt" TIMESTAMP(3) NOT NULL,

  CONSTRAINT "sessions_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "sessions_sessionToken_key" ON "sessions"("sessionToken");

CREATE INDEX "sessions_userId_idx" ON "sessions"("userId");

CREATE INDEX "sessions_sessionToken_idx" ON "sessions"("sessionToken");

CREATE INDEX "sessions_expires_idx" ON "sessions"("expires");

CREATE TABLE "login_history" (
  "id" TEXT NOT NULL,
  "userId" TEXT NOT NULL,
  "ipAddress" TEXT NOT NULL,
  "userAgent" TEXT NOT NULL,
  "location" TEXT,
  "success" BOOLEAN NOT NULL,
  "reason" TEXT,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

  CONSTRAINT "login_history_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "login_history_userId_createdAt_idx" ON "login_history"("userId", "createdAt" DESC);

CREATE TABLE "security_alerts" (
  "id" TEXT NOT NULL,
  "userId" TEXT NOT NULL,
  "type" TEXT NOT NULL,
  "severity" TEXT NOT NULL,
  "title" TEXT NOT NULL,
  "description" TEXT NOT NULL,
  "resolved" BOOLEAN NOT NULL DEFAULT false,
  "resolvedAt" TIMESTAMP(3),
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updatedAt" TIMESTAMP(3) NOT NULL,

  CONSTRAINT "security_alerts_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "security_alerts_userId_resolved_idx" ON "security_alerts"("userId", "resolved");

CREATE INDEX "security_alerts_severity_idx" ON "security_alerts"("severity");

CREATE TABLE "api_keys" (
  "id" TEXT NOT NULL,
  "userId" TEXT NOT NULL,
  "name" TEXT NOT NULL,
  "key" TEXT NOT NULL,
  "permissions" TEXT[],
  "expiresAt" TIMESTAMP(3),
  "lastUsedAt" TIMESTAMP(3),
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "revokedAt" TIMESTAMP(3),

  CONSTRAINT "api_keys_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "api_keys_key_key" ON "api_keys"("key");

CREATE INDEX "api_keys_userId_idx" ON "api_keys"("userId");

CREATE INDEX "api_keys_key_idx" ON "api_keys"("key");

CREATE TABLE "webhooks" (
  "id" TEXT NOT NULL,
  "userId" TEXT NOT NULL,
  "name" TEXT NOT NULL,
  "url" TEXT NOT NULL,
  "secret" TEXT NOT NULL,
  "events" TEXT[],
  "active" BOOLEAN NOT NULL DEFAULT true,
  "failureCount" INTEGER NOT NULL DEFAULT 0,
  "lastTriggered" TIMESTAMP(3),
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updatedAt" TIMESTAMP(3) NOT NULL,

  CONSTRAINT "webhooks_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "webhooks_userId_idx" ON "webhooks"("userId");

CREATE INDEX "webhooks_active_idx" ON "webhooks"("active");

CREATE TABLE "blocks" (
  "id" TEXT NOT NULL,
  "blockerId" TEXT NOT NULL,
  "blockedId" TEXT NOT NULL,
  "reason" TEXT,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updatedAt" TIMESTAMP(3) NOT NULL,

  CONSTRAINT "blocks_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "blocks_blockerId_blockedId_key" ON "blocks"("blockerId", "blockedId");

CREATE INDEX "blocks_blockerId_idx" ON "blocks"("blockerId");

CREATE INDEX "blocks_blockedId_idx" ON "blocks"("blockedId");

CREATE TABLE "notification_preferences" (
  "id" TEXT NOT NULL,
  "userId" TEXT NOT NULL,
  "emailNotifications" BOOLEAN NOT NULL DEFAULT true,
  "pushNotifications" BOOLEAN NOT NULL DEFAULT true,
  "smsNotifications" BOOLEAN NOT NULL DEFAULT false,
  "emailDigestFrequency" TEXT NOT NULL DEFAULT 'weekly',
  "pushEnabled" BOOLEAN NOT NULL DEFAULT true,
  "postLikes" BOOLEAN NOT NULL DEFAULT true,
  "postComments" BOOLEAN NOT NULL DEFAULT true,
  "newFollowers" BOOLEAN NOT NULL DEFAULT true,
  "mentions" BOOLEAN NOT NULL DEFAULT true,
  "directMessages" BOOLEAN NOT NULL DEFAULT true,
  "groupInvites" BOOLEAN NOT NULL DEFAULT true,
  "eventReminders" BOOLEAN NOT NULL DEFAULT true,
  "marketingEmails" BOOLEAN NOT NULL DEFAULT false,
  "weeklyDigest" BOOLEAN NOT NULL DEFAULT true,
  "quietHoursStart" TEXT,
  "quietHoursEnd" TEXT,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updatedAt" TIMESTAMP(3) NOT NULL,

  CONSTRAINT "notification_preferences_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "notification_preferences_userId_key" ON "notification_preferences"("userId");

CREATE INDEX "notification_preferences_userId_idx" ON "notification_preferences"("userId");

CREATE INDEX "notification_preferences_emailDigestFrequency_idx" ON "notification_preferences"("emailDigestFrequency");

CREATE INDEX "notification_preferences_pushEnabled_idx" ON "notification_preferences"("pushEnabled");

CREATE TABLE "referrals" (
  "id" TEXT NOT NULL,
  "referrerId" TEXT NOT NULL,
  "referredUserId" TEXT,
  "referralCode" TEXT NOT NULL,
  "referredEmail" TEXT,
  "status" TEXT NOT NULL DEFAULT 'PENDING',
  "rewardClaimed" BOOLEAN NOT NULL DEFAULT false,
  "rewardAmount" INTEGER NOT NULL DEFAULT 100,
  "expiresAt" TIMESTAMP(3),
  "completedAt" TIMESTAMP(3),
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

  CONSTRAINT "referrals_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "referrals_referredUserId_key" ON "referrals"("referredUserId");

CREATE UNIQUE INDEX "referrals_referralCode_key" ON "referrals"("referralCode");

CREATE INDEX "referrals_referrerId_idx" ON "referrals"("referrerId");

CREATE INDEX "referrals_referralCode_idx" ON "referrals"("referralCode");

CREATE INDEX "referrals_status_idx" ON "referrals"("status");
