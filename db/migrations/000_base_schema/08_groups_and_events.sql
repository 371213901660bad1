-- Groups and events
-- Generated from the Prisma schema by Sparkle.Db.Prisma.PrismaBaseMigration; do not edit by hand.
-- To change it, change the Prisma schema and regenerate (docs/SCHEMA.md).

CREATE TABLE "groups" (
  "id" TEXT NOT NULL,
  "name" VARCHAR(255) NOT NULL,
  "slug" VARCHAR(255) NOT NULL,
  "description" TEXT,
  "shortDescription" TEXT,
  "bannerImage" TEXT,
  "icon" TEXT,
  "coverImage" TEXT,
  "ownerId" TEXT,
  "ownerName" TEXT,
  "visibility" "GroupVisibility" NOT NULL DEFAULT 'PUBLIC',
  "joinApproval" BOOLEAN NOT NULL DEFAULT false,
  "autoApproveMembers" BOOLEAN NOT NULL DEFAULT false,
  "allowGuestViewing" BOOLEAN NOT NULL DEFAULT true,
  "requirePostApproval" BOOLEAN NOT NULL DEFAULT false,
  "memberCount" INTEGER NOT NULL DEFAULT 1,
  "postCount" INTEGER NOT NULL DEFAULT 0,
  "onlineCount" INTEGER NOT NULL DEFAULT 0,
  "rules" TEXT,
  "guidelines" JSONB,
  "tags" TEXT[],
  "categories" TEXT[],
  "settings" JSONB NOT NULL DEFAULT '{}',
  "features" TEXT[],
  "customEmojis" JSONB,
  "isOfficial" BOOLEAN NOT NULL DEFAULT false,
  "isVerified" BOOLEAN NOT NULL DEFAULT false,
  "isFeatured" BOOLEAN NOT NULL DEFAULT false,
  "metadata" JSONB,
  "version" INTEGER NOT NULL DEFAULT 0,
  "deleted" BOOLEAN NOT NULL DEFAULT false,
  "deletedAt" TIMESTAMP(3),
  "deletedBy" TEXT,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updatedAt" TIMESTAMP(3) NOT NULL,

  CONSTRAINT "groups_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "groups_slug_key" ON "groups"("slug");

CREATE INDEX "groups_slug_idx" ON "groups"("slug");

CREATE INDEX "groups_ownerId_idx" ON "groups"("ownerId");

CREATE INDEX "groups_visibility_deleted_idx" ON "groups"("visibility", "deleted");

CREATE INDEX "groups_isFeatured_deleted_idx" ON "groups"("isFeatured", "deleted");

CREATE INDEX "groups_autoApproveMembers_idx" ON "groups"("autoApproveMembers");

CREATE INDEX "groups_requirePostApproval_idx" ON "groups"("requirePostApproval");

CREATE TABLE "group_members" (
  "id" TEXT NOT NULL,
  "groupId" TEXT NOT NULL,
  "userId" TEXT NOT NULL,
  "role" "GroupMemberRole" NOT NULL DEFAULT 'MEMBER',
  "permissions" TEXT[],
  "joinedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "invitedBy" TEXT,
  "approvedBy" TEXT,
  "mutedUntil" TIMESTAMP(3),
  "bannedUntil" TIMESTAMP(3),
  "banReason" TEXT,
  "contribution" INTEGER NOT NULL DEFAULT 0,
  "lastActiveAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "notifications" BOOLEAN NOT NULL DEFAULT true,

  CONSTRAINT "group_members_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "group_members_groupId_userId_key" ON "group_members"("groupId", "userId");

CREATE INDEX "group_members_groupId_role_idx" ON "group_members"("groupId", "role");

CREATE INDEX "group_members_userId_idx" ON "group_members"("userId");

CREATE TABLE "group_posts" (
  "id" TEXT NOT NULL,
  "groupId" TEXT NOT NULL,
  "authorId" TEXT NOT NULL,
  "title" TEXT,
  "content" TEXT NOT NULL,
  "isPinned" BOOLEAN NOT NULL DEFAULT false,
  "isAnnouncement" BOOLEAN NOT NULL DEFAULT false,
  "allowComments" BOOLEAN NOT NULL DEFAULT true,
  "viewCount" INTEGER NOT NULL DEFAULT 0,
  "reactionCount" INTEGER NOT NULL DEFAULT 0,
  "commentCount" INTEGER NOT NULL DEFAULT 0,
  "moderationStatus" "ModerationStatus" NOT NULL DEFAULT 'AUTO_APPROVED',
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updatedAt" TIMESTAMP(3) NOT NULL,

  CONSTRAINT "group_posts_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "group_posts_groupId_isPinned_createdAt_idx" ON "group_posts"("groupId", "isPinned", "createdAt" DESC);

CREATE INDEX "group_posts_authorId_idx" ON "group_posts"("authorId");

CREATE TABLE "group_channels" (
  "id" TEXT NOT NULL,
  "groupId" TEXT NOT NULL,
  "name" VARCHAR(255) NOT NULL,
  "description" TEXT,
  "type" TEXT NOT NULL,
  "position" INTEGER NOT NULL DEFAULT 0,
  "permissions" JSONB,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

  CONSTRAINT "group_channels_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "group_channels_groupId_name_key" ON "group_channels"("groupId", "name");

CREATE INDEX "group_channels_groupId_idx" ON "group_channels"("groupId");

CREATE TABLE "events" (
  "id" TEXT NOT NULL,
  "title" VARCHAR(500) NOT NULL,
  "slug" VARCHAR(255) NOT NULL,
  "description" TEXT,
  "shortDescription" TEXT,
  "type" "EventType" NOT NULL,
  "status" "EventStatus" NOT NULL DEFAULT 'SCHEDULED',
  "hostId" TEXT,
  "hostName" TEXT,
  "cohostIds" TEXT[],
  "groupId" TEXT,
  "locationName" TEXT,
  "locationUrl" TEXT,
  "locationAddress" TEXT,
  "locationCoords" JSONB,
  "isVirtual" BOOLEAN NOT NULL DEFAULT false,
  "virtualPlatform" TEXT,
  "virtualLink" TEXT,
  "bannerImage" TEXT,
  "thumbnailImage" TEXT,
  "startTime" TIMESTAMP(3) NOT NULL,
  "endTime" TIMESTAMP(3) NOT NULL,
  "timezone" TEXT NOT NULL DEFAULT 'UTC',
  "recurrence" JSONB,
  "recurrenceType" TEXT,
  "recurrenceInterval" INTEGER,
  "recurrenceEndDate" TIMESTAMP(3),
  "maxAttendees" INTEGER,
  "currentAttendees" INTEGER NOT NULL DEFAULT 0,
  "minAttendees" INTEGER,
  "isPublic" BOOLEAN NOT NULL DEFAULT true,
  "requiresApproval" BOOLEAN NOT NULL DEFAULT false,
  "requiresPayment" BOOLEAN NOT NULL DEFAULT false,
  "price" DECIMAL(19,4),
  "currency" TEXT,
  "tags" TEXT[],
  "categories" TEXT[],
  "agenda" JSONB,
  "speakers" JSONB,
  "sponsors" JSONB,
  "streamUrl" TEXT,
  "recordingUrl" TEXT,
  "materials" JSONB,
  "feedback" JSONB,
  "remindersSent" TEXT[],
  "metadata" JSONB,
  "cancelledAt" TIMESTAMP(3),
  "cancelReason" TEXT,
  "version" INTEGER NOT NULL DEFAULT 0,
  "deleted" BOOLEAN NOT NULL DEFAULT false,
  "deletedAt" TIMESTAMP(3),
  "deletedBy" TEXT,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updatedAt" TIMESTAMP(3) NOT NULL,

  CONSTRAINT "events_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "events_slug_key" ON "events"("slug");

CREATE INDEX "events_hostId_idx" ON "events"("hostId");

CREATE INDEX "events_groupId_idx" ON "events"("groupId");

CREATE INDEX "events_startTime_isPublic_idx" ON "events"("startTime", "isPublic");

CREATE INDEX "events_status_startTime_idx" ON "events"("status", "startTime");

CREATE INDEX "events_slug_idx" ON "events"("slug");

CREATE INDEX "events_deleted_idx" ON "events"("deleted");

CREATE INDEX "events_recurrenceType_idx" ON "events"("recurrenceType");

CREATE TABLE "event_attendees" (
  "id" TEXT NOT NULL,
  "eventId" TEXT NOT NULL,
  "userId" TEXT NOT NULL,
  "status" TEXT NOT NULL DEFAULT 'INTERESTED',
  "role" TEXT NOT NULL DEFAULT 'ATTENDEE',
  "approved" BOOLEAN NOT NULL DEFAULT true,
  "approvedAt" TIMESTAMP(3),
  "approvedBy" TEXT,
  "checkInTime" TIMESTAMP(3),
  "checkInMethod" TEXT,
  "attended" BOOLEAN NOT NULL DEFAULT false,
  "rating" INTEGER,
  "feedback" TEXT,
  "certificateId" TEXT,
  "notes" TEXT,
  "remindersSent" BOOLEAN NOT NULL DEFAULT false,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

  CONSTRAINT "event_attendees_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "event_attendees_eventId_userId_key" ON "event_attendees"("eventId", "userId");

CREATE INDEX "event_attendees_eventId_status_idx" ON "event_attendees"("eventId", "status");

CREATE INDEX "event_attendees_userId_idx" ON "event_attendees"("userId");
