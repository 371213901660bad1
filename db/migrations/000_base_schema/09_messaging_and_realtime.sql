-- Conversations, messages, chat rooms and presence
-- Generated from the Prisma schema by Sparkle.Db.Prisma.PrismaBaseMigration; do not edit by hand.
-- To change it, change the Prisma schema and regenerate (docs/SCHEMA.md).

CREATE TABLE "conversations" (
  "id" TEXT NOT NULL,
  "isGroup" BOOLEAN NOT NULL DEFAULT false,
  "title" TEXT,
  "description" TEXT,
  "icon" TEXT,
  "encryptedKey" TEXT,
  "lastMessageId" TEXT,
  "lastMessageAt" TIMESTAMP(3),
  "messageCount" INTEGER NOT NULL DEFAULT 0,
  "createdBy" TEXT NOT NULL,
  "settings" JSONB NOT NULL DEFAULT '{}',
  "pinnedMessages" TEXT[],
  "isArchived" BOOLEAN NOT NULL DEFAULT false,
  "archivedAt" TIMESTAMP(3),
  "version" INTEGER NOT NULL DEFAULT 0,
  "deleted" BOOLEAN NOT NULL DEFAULT false,
  "deletedAt" TIMESTAMP(3),
  "deletedBy" TEXT,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updatedAt" TIMESTAMP(3) NOT NULL,

  CONSTRAINT "conversations_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "conversations_createdBy_idx" ON "conversations"("createdBy");

CREATE INDEX "conversations_lastMessageAt_idx" ON "conversations"("lastMessageAt");

CREATE INDEX "conversations_deleted_idx" ON "conversations"("deleted");

CREATE INDEX "conversations_isArchived_lastMessageAt_idx" ON "conversations"("isArchived", "lastMessageAt" DESC);

CREATE TABLE "conversation_participants" (
  "id" TEXT NOT NULL,
  "conversationId" TEXT NOT NULL,
  "userId" TEXT NOT NULL,
  "nickname" TEXT,
  "role" TEXT NOT NULL DEFAULT 'member',
  "joinedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "leftAt" TIMESTAMP(3),
  "isActive" BOOLEAN NOT NULL DEFAULT true,
  "lastReadAt" TIMESTAMP(3),
  "lastReadMessageId" TEXT,
  "unreadCount" INTEGER NOT NULL DEFAULT 0,
  "notificationsMuted" BOOLEAN NOT NULL DEFAULT false,
  "mutedUntil" TIMESTAMP(3),
  "isPinned" BOOLEAN NOT NULL DEFAULT false,
  "customSettings" JSONB,

  CONSTRAINT "conversation_participants_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "conversation_participants_conversationId_userId_key" ON "conversation_participants"("conversationId", "userId");

CREATE INDEX "conversation_participants_conversationId_idx" ON "conversation_participants"("conversationId");

CREATE INDEX "conversation_participants_userId_isPinned_idx" ON "conversation_participants"("userId", "isPinned");

CREATE INDEX "conversation_participants_userId_unreadCount_lastReadAt_idx" ON "conversation_participants"("userId", "unreadCount", "lastReadAt");

CREATE INDEX "conversation_participants_userId_isPinned_lastReadAt_idx" ON "conversation_participants"("userId", "isPinned", "lastReadAt" DESC);

CREATE TABLE "messages" (
  "id" TEXT NOT NULL,
  "conversationId" TEXT NOT NULL,
  "senderId" TEXT NOT NULL,
  "content" TEXT,
  "encryptedContent" TEXT,
  "messageType" TEXT NOT NULL DEFAULT 'TEXT',
  "attachments" JSONB,
  "mentions" TEXT[],
  "replyToId" TEXT,
  "forwardedFrom" TEXT,
  "reactions" JSONB,
  "metadata" JSONB,
  "edited" BOOLEAN NOT NULL DEFAULT false,
  "editedAt" TIMESTAMP(3),
  "editHistory" JSONB[],
  "deleted" BOOLEAN NOT NULL DEFAULT false,
  "deletedAt" TIMESTAMP(3),
  "deletedFor" TEXT[],
  "status" "MessageStatus" NOT NULL DEFAULT 'SENT',
  "deliveredAt" TIMESTAMP(3),
  "errorMessage" TEXT,
  "version" INTEGER NOT NULL DEFAULT 0,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

  CONSTRAINT "messages_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "messages_conversationId_createdAt_idx" ON "messages"("conversationId", "createdAt" DESC);

CREATE INDEX "messages_senderId_idx" ON "messages"("senderId");

CREATE INDEX "messages_conversationId_status_createdAt_idx" ON "messages"("conversationId", "status", "createdAt");

CREATE INDEX "messages_conversationId_deleted_createdAt_idx" ON "messages"("conversationId", "deleted", "createdAt" DESC);

CREATE INDEX "messages_senderId_createdAt_idx" ON "messages"("senderId", "createdAt" DESC);

CREATE TABLE "message_reads" (
  "messageId" TEXT NOT NULL,
  "userId" TEXT NOT NULL,
  "readAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

  CONSTRAINT "message_reads_pkey" PRIMARY KEY ("messageId", "userId")
);

CREATE INDEX "message_reads_userId_idx" ON "message_reads"("userId");

CREATE TABLE "websocket_sessions" (
  "id" TEXT NOT NULL,
  "userId" TEXT NOT NULL,
  "socketId" TEXT NOT NULL,
  "ipAddress" TEXT,
  "userAgent" TEXT,
  "deviceType" TEXT,
  "location" TEXT,
  "connectedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "lastPingAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "disconnectReason" TEXT,

  CONSTRAINT "websocket_sessions_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "websocket_sessions_socketId_key" ON "websocket_sessions"("socketId");

CREATE INDEX "websocket_sessions_userId_idx" ON "websocket_sessions"("userId");

CREATE INDEX "websocket_sessions_socketId_idx" ON "websocket_sessions"("socketId");

CREATE TABLE "chat_rooms" (
  "id" TEXT NOT NULL,
  "name" VARCHAR(255) NOT NULL,
  "slug" VARCHAR(255) NOT NULL,
  "description" TEXT,
  "topic" TEXT,
  "tags" TEXT[],
  "isPublic" BOOLEAN NOT NULL DEFAULT true,
  "isModerated" BOOLEAN NOT NULL DEFAULT false,
  "isPersistent" BOOLEAN NOT NULL DEFAULT true,
  "maxUsers" INTEGER NOT NULL DEFAULT 100,
  "activeUsers" INTEGER NOT NULL DEFAULT 0,
  "totalMessages" INTEGER NOT NULL DEFAULT 0,
  "slowMode" INTEGER NOT NULL DEFAULT 0,
  "customEmojis" JSONB,
  "rules" TEXT,
  "welcomeMessage" TEXT,
  "pinnedMessage" TEXT,
  "blockedWords" TEXT[],
  "createdBy" TEXT NOT NULL,
  "moderatorIds" TEXT[],
  "expiresAt" TIMESTAMP(3),
  "lastActiveAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "version" INTEGER NOT NULL DEFAULT 0,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

  CONSTRAINT "chat_rooms_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "chat_rooms_slug_key" ON "chat_rooms"("slug");

CREATE INDEX "chat_rooms_slug_idx" ON "chat_rooms"("slug");

CREATE INDEX "chat_rooms_isPublic_idx" ON "chat_rooms"("isPublic");

CREATE INDEX "chat_rooms_lastActiveAt_idx" ON "chat_rooms"("lastActiveAt");

CREATE TABLE "chat_messages" (
  "id" TEXT NOT NULL,
  "roomId" TEXT NOT NULL,
  "userId" TEXT NOT NULL,
  "content" TEXT NOT NULL,
  "mentions" TEXT[],
  "attachments" JSONB,
  "replyToId" TEXT,
  "systemMessage" BOOLEAN NOT NULL DEFAULT false,
  "highlighted" BOOLEAN NOT NULL DEFAULT false,
  "reactions" JSONB,
  "edited" BOOLEAN NOT NULL DEFAULT false,
  "editedAt" TIMESTAMP(3),
  "deleted" BOOLEAN NOT NULL DEFAULT false,
  "deletedAt" TIMESTAMP(3),
  "deletedBy" TEXT,
  "flagged" BOOLEAN NOT NULL DEFAULT false,
  "flagReason" TEXT,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

  CONSTRAINT "chat_messages_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "chat_messages_roomId_createdAt_idx" ON "chat_messages"("roomId", "createdAt" DESC);

CREATE INDEX "chat_messages_userId_idx" ON "chat_messages"("userId");

CREATE TABLE "collaborative_spaces" (
  "id" TEXT NOT NULL,
  "type" TEXT NOT NULL,
  "title" VARCHAR(500) NOT NULL,
  "description" TEXT,
  "ownerId" TEXT NOT NULL,
  "content" JSONB,
  "version" INTEGER NOT NULL DEFAULT 1,
  "isPublic" BOOLEAN NOT NULL DEFAULT false,
  "isTemplate" BOOLEAN NOT NULL DEFAULT false,
  "allowAnonymous" BOOLEAN NOT NULL DEFAULT false,
  "maxCollaborators" INTEGER NOT NULL DEFAULT 10,
  "activeUsers" INTEGER NOT NULL DEFAULT 0,
  "editPermission" TEXT NOT NULL DEFAULT 'collaborators',
  "viewPermission" TEXT NOT NULL DEFAULT 'anyone',
  "forkable" BOOLEAN NOT NULL DEFAULT true,
  "forkCount" INTEGER NOT NULL DEFAULT 0,
  "parentId" TEXT,
  "tags" TEXT[],
  "lastEditedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updatedAt" TIMESTAMP(3) NOT NULL,

  CONSTRAINT "collaborative_spaces_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "collaborative_spaces_ownerId_idx" ON "collaborative_spaces"("ownerId");

CREATE INDEX "collaborative_spaces_type_idx" ON "collaborative_spaces"("type");

CREATE INDEX "collaborative_spaces_isPublic_idx" ON "collaborative_spaces"("isPublic");

CREATE TABLE "space_collaborators" (
  "id" TEXT NOT NULL,
  "spaceId" TEXT NOT NULL,
  "userId" TEXT NOT NULL,
  "role" TEXT NOT NULL DEFAULT 'editor',
  "canEdit" BOOLEAN NOT NULL DEFAULT true,
  "canComment" BOOLEAN NOT NULL DEFAULT true,
  "canInvite" BOOLEAN NOT NULL DEFAULT false,
  "lastActiveAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "joinedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "invitedBy" TEXT,

  CONSTRAINT "space_collaborators_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "space_collaborators_spaceId_userId_key" ON "space_collaborators"("spaceId", "userId");

CREATE INDEX "space_collaborators_spaceId_idx" ON "space_collaborators"("spaceId");

CREATE INDEX "space_collaborators_userId_idx" ON "space_collaborators"("userId");

CREATE TABLE "presence_tracking" (
  "id" TEXT NOT NULL,
  "userId" TEXT NOT NULL,
  "location" TEXT NOT NULL,
  "locationType" TEXT NOT NULL,
  "deviceId" TEXT,
  "status" TEXT NOT NULL DEFAULT 'active',
  "lastActiveAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "metadata" JSONB,

  CONSTRAINT "presence_tracking_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "presence_tracking_userId_location_key" ON "presence_tracking"("userId", "location");

CREATE INDEX "presence_tracking_location_idx" ON "presence_tracking"("location");

CREATE INDEX "presence_tracking_userId_idx" ON "presence_tracking"("userId");
