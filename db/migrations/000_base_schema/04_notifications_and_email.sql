-- Notifications and e-mail campaigns
-- Generated from the Prisma schema by Sparkle.Db.Prisma.PrismaBaseMigration; do not edit by hand.
-- To change it, change the Prisma schema and regenerate (docs/SCHEMA.md).

CREATE TABLE "notifications" (
  "id" TEXT NOT NULL,
  "type" "NotificationType" NOT NULL,
  "userId" TEXT NOT NULL,
  "actorId" TEXT,
  "entityId" TEXT,
  "entityType" TEXT,
  "title" TEXT NOT NULL,
  "message" TEXT NOT NULL,
  "data" JSONB,
  "imageUrl" TEXT,
  "actionUrl" TEXT,
  "priority" INTEGER NOT NULL DEFAULT 0,
  "read" BOOLEAN NOT NULL DEFAULT false,
  "readAt" TIMESTAMP(3),
  "clicked" BOOLEAN NOT NULL DEFAULT false,
  "clickedAt" TIMESTAMP(3),
  "emailSent" BOOLEAN NOT NULL DEFAULT false,
  "pushSent" BOOLEAN NOT NULL DEFAULT false,
  "smsSent" BOOLEAN NOT NULL DEFAULT false,
  "dismissed" BOOLEAN NOT NULL DEFAULT false,
  "dismissedAt" TIMESTAMP(3),
  "expiresAt" TIMESTAMP(3),
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updatedAt" TIMESTAMP(3) NOT NULL,

  CONSTRAINT "notifications_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "notifications_userId_read_createdAt_idx" ON "notifications"("userId", "read", "createdAt" DESC);

CREATE INDEX "notifications_actorId_idx" ON "notifications"("actorId");

CREATE INDEX "notifications_type_idx" ON "notifications"("type");

CREATE INDEX "notifications_priority_idx" ON "notifications"("priority");

CREATE INDEX "notifications_expiresAt_idx" ON "notifications"("expiresAt");

CREATE INDEX "notifications_userId_priority_read_createdAt_idx" ON "notifications"("userId", "priority", "read", "createdAt" DESC);

CREATE INDEX "notifications_userId_type_createdAt_idx" ON "notifications"("userId", "type", "createdAt" DESC);

CREATE TABLE "notification_queue" (
  "id" TEXT NOT NULL,
  "userId" TEXT NOT NULL,
  "type" TEXT NOT NULL,
  "channel" TEXT NOT NULL,
  "payload" JSONB NOT NULL,
  "priority" INTEGER NOT NULL DEFAULT 0,
  "attempts" INTEGER NOT NULL DEFAULT 0,
  "maxAttempts" INTEGER NOT NULL DEFAULT 3,
  "scheduledFor" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "processedAt" TIMESTAMP(3),
  "failedAt" TIMESTAMP(3),
  "error" TEXT,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

  CONSTRAINT "notification_queue_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "notification_queue_scheduledFor_processedAt_idx" ON "notification_queue"("scheduledFor", "processedAt");

CREATE INDEX "notification_queue_userId_idx" ON "notification_queue"("userId");

CREATE INDEX "notification_queue_priority_idx" ON "notification_queue"("priority");

CREATE TABLE "email_campaigns" (
  "id" TEXT NOT NULL,
  "name" VARCHAR(255) NOT NULL,
  "subject" TEXT NOT NULL,
  "templateId" TEXT NOT NULL,
  "segment" TEXT NOT NULL,
  "status" TEXT NOT NULL DEFAULT 'DRAFT',
  "scheduledFor" TIMESTAMP(3),
  "sentAt" TIMESTAMP(3),
  "totalRecipients" INTEGER NOT NULL DEFAULT 0,
  "delivered" INTEGER NOT NULL DEFAULT 0,
  "opened" INTEGER NOT NULL DEFAULT 0,
  "clicked" INTEGER NOT NULL DEFAULT 0,
  "bounced" INTEGER NOT NULL DEFAULT 0,
  "unsubscribed" INTEGER NOT NULL DEFAULT 0,
  "content" JSONB NOT NULL,
  "createdBy" TEXT NOT NULL,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updatedAt" TIMESTAMP(3) NOT NULL,

  CONSTRAINT "email_campaigns_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "email_campaigns_createdBy_name_key" ON "email_campaigns"("createdBy", "name");

CREATE INDEX "email_campaigns_status_scheduledFor_idx" ON "email_campaigns"("status", "scheduledFor");

CREATE INDEX "email_campaigns_createdBy_idx" ON "email_campaigns"("createdBy");

CREATE TABLE "newsletter_subscriptions" (
  "id" TEXT NOT NULL,
  "userId" TEXT NOT NULL,
  "subscribed" BOOLEAN NOT NULL DEFAULT true,
  "frequency" TEXT NOT NULL DEFAULT 'weekly',
  "topics" TEXT[],
  "lastSent" TIMESTAMP(3),
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updatedAt" TIMESTAMP(3) NOT NULL,

  CONSTRAINT "newsletter_subscriptions_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "newsletter_subscriptions_userId_key" ON "newsletter_subscriptions"("userId");

CREATE INDEX "newsletter_subscriptions_subscribed_frequency_idx" ON "newsletter_subscriptions"("subscribed", "frequency");

CREATE TABLE "email_templates" (
  "id" TEXT NOT NULL,
  "name" VARCHAR(255) NOT NULL,
  "subject" TEXT NOT NULL,
  "htmlContent" TEXT NOT NULL,
  "textContent" TEXT,
  "variables" TEXT[],
  "category" TEXT NOT NULL,
  "isActive" BOOLEAN NOT NULL DEFAULT true,
  "version" INTEGER NOT NULL DEFAULT 1,
  "createdBy" TEXT NOT NULL,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updatedAt" TIMESTAMP(3) NOT NULL,

  CONSTRAINT "email_templates_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "email_templates_name_key" ON "email_templates"("name");

CREATE INDEX "email_templates_category_idx" ON "email_templates"("category");

CREATE INDEX "email_templates_isActive_idx" ON "email_templates"("isActive");

CREATE TABLE "email_send_queue" (
  "id" TEXT NOT NULL,
  "campaignId" TEXT,
  "recipient" TEXT NOT NULL,
  "templateId" TEXT NOT NULL,
  "variables" JSONB NOT NULL,
  "status" TEXT NOT NULL DEFAULT 'PENDING',
  "attempts" INTEGER NOT NULL DEFAULT 0,
  "sentAt" TIMESTAMP(3),
  "failedAt" TIMESTAMP(3),
  "error" TEXT,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

  CONSTRAINT "email_send_queue_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "email_send_queue_status_attempts_idx" ON "email_send_queue"("status", "attempts");

CREATE INDEX "email_send_queue_campaignId_idx" ON "email_send_queue"("campaignId");

CREATE INDEX "email_send_queue_recipient_idx" ON "email_send_queue"("recipient");
