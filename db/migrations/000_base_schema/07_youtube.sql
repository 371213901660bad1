-- YouTube channels and videos, watch parties, clips and playlists
-- Generated from the Prisma schema by Sparkle.Db.Prisma.PrismaBaseMigration; do not edit by hand.
-- To change it, change the Prisma schema and regenerate (docs/SCHEMA.md).

CREATE TABLE "youtube_channels" (
  "id" TEXT NOT NULL,
  "channelId" TEXT NOT NULL,
  "userId" TEXT,
  "channelTitle" TEXT,
  "channelHandle" TEXT,
  "channelDescription" TEXT,
  "channelData" JSONB,
  "thumbnailUrl" TEXT,
  "bannerUrl" TEXT,
  "subscriberCount" BIGINT NOT NULL DEFAULT 0,
  "viewCount" BIGINT NOT NULL DEFAULT 0,
  "videoCount" INTEGER NOT NULL DEFAULT 0,
  "lastVideoId" TEXT,
  "lastVideoTitle" TEXT,
  "lastVideoPublishedAt" TIMESTAMP(3),
  "lastSyncedAt" TIMESTAMP(3),
  "syncEnabled" BOOLEAN NOT NULL DEFAULT true,
  "featured" BOOLEAN NOT NULL DEFAULT false,
  "verified" BOOLEAN NOT NULL DEFAULT false,
  "metadata" JSONB,
  "deleted" BOOLEAN NOT NULL DEFAULT false,
  "deletedAt" TIMESTAMP(3),
  "deletedBy" TEXT,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updatedAt" TIMESTAMP(3) NOT NULL,

  CONSTRAINT "youtube_channels_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "youtube_channels_channelId_key" ON "youtube_channels"("channelId");

CREATE INDEX "youtube_channels_userId_idx" ON "youtube_channels"("userId");

CREATE INDEX "youtube_channels_channelId_idx" ON "youtube_channels"("channelId");

CREATE INDEX "youtube_channels_featured_deleted_idx" ON "youtube_channels"("featured", "deleted");

CREATE TABLE "youtube_videos" (
  "id" TEXT NOT NULL,
  "videoId" TEXT NOT NULL,
  "channelId" TEXT NOT NULL,
  "youtubeChannelId" TEXT,
  "title" VARCHAR(500),
  "description" TEXT,
  "thumbnailUrl" TEXT,
  "thumbnailUrlHd" TEXT,
  "duration" INTEGER,
  "durationFormatted" TEXT,
  "viewCount" BIGINT NOT NULL DEFAULT 0,
  "likeCount" INTEGER NOT NULL DEFAULT 0,
  "commentCount" INTEGER NOT NULL DEFAULT 0,
  "tags" TEXT[],
  "categoryId" TEXT,
  "liveBroadcast" BOOLEAN NOT NULL DEFAULT false,
  "premiereDate" TIMESTAMP(3),
  "publishedAt" TIMESTAMP(3),
  "metadata" JSONB,
  "lastSyncedAt" TIMESTAMP(3),
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

  CONSTRAINT "youtube_videos_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "youtube_videos_videoId_key" ON "youtube_videos"("videoId");

CREATE INDEX "youtube_videos_channelId_idx" ON "youtube_videos"("channelId");

CREATE INDEX "youtube_videos_publishedAt_idx" ON "youtube_videos"("publishedAt" DESC);

CREATE INDEX "youtube_videos_viewCount_idx" ON "youtube_videos"("viewCount");

CREATE TABLE "video_analytics" (
  "id" TEXT NOT NULL,
  "videoId" TEXT NOT NULL,
  "watchTime" BIGINT NOT NULL DEFAULT 0,
  "avgWatchTime" DOUBLE PRECISION NOT NULL DEFAULT 0,
  "completionRate" DOUBLE PRECISION NOT NULL DEFAULT 0,
  "engagementRate" DOUBLE PRECISION NOT NULL DEFAULT 0,
  "clipCount" INTEGER NOT NULL DEFAULT 0,
  "shareCount" INTEGER NOT NULL DEFAULT 0,
  "discussionCount" INTEGER NOT NULL DEFAULT 0,
  "sentimentScore" DOUBLE PRECISION,
  "topDiscussionTopics" TEXT[],
  "peakViewers" INTEGER NOT NULL DEFAULT 0,
  "updatedAt" TIMESTAMP(3) NOT NULL,

  CONSTRAINT "video_analytics_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "video_analytics_videoId_key" ON "video_analytics"("videoId");

CREATE INDEX "video_analytics_videoId_idx" ON "video_analytics"("videoId");

CREATE TABLE "watch_parties" (
  "id" TEXT NOT NULL,
  "hostId" TEXT NOT NULL,
  "title" VARCHAR(500) NOT NULL,
  "description" TEXT,
  "youtubeVideoId" TEXT NOT NULL,
  "youtubeVideoUrl" TEXT,
  "scheduledStart" TIMESTAMP(3) NOT NULL,
  "actualStart" TIMESTAMP(3),
  "endedAt" TIMESTAMP(3),
  "maxParticipants" INTEGER NOT NULL DEFAULT 50,
  "currentParticipants" INTEGER NOT NULL DEFAULT 0,
  "isPublic" BOOLEAN NOT NULL DEFAULT true,
  "requiresApproval" BOOLEAN NOT NULL DEFAULT false,
  "chatEnabled" BOOLEAN NOT NULL DEFAULT true,
  "syncPlayback" BOOLEAN NOT NULL DEFAULT true,
  "allowGuestChat" BOOLEAN NOT NULL DEFAULT false,
  "recordChat" BOOLEAN NOT NULL DEFAULT true,
  "tags" TEXT[],
  "customEmotes" JSONB,
  "partyCode" TEXT,
  "cancelledAt" TIMESTAMP(3),
  "cancelReason" TEXT,
  "metadata" JSONB,
  "deleted" BOOLEAN NOT NULL DEFAULT false,
  "deletedAt" TIMESTAMP(3),
  "deletedBy" TEXT,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updatedAt" TIMESTAMP(3) NOT NULL,

  CONSTRAINT "watch_parties_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "watch_parties_partyCode_key" ON "watch_parties"("partyCode");

CREATE INDEX "watch_parties_hostId_idx" ON "watch_parties"("hostId");

CREATE INDEX "watch_parties_scheduledStart_idx" ON "watch_parties"("scheduledStart");

CREATE INDEX "watch_parties_isPublic_scheduledStart_idx" ON "watch_parties"("isPublic", "scheduledStart");

CREATE INDEX "watch_parties_partyCode_idx" ON "watch_parties"("partyCode");

CREATE INDEX "watch_parties_deleted_idx" ON "watch_parties"("deleted");

CREATE TABLE "watch_party_participants" (
  "id" TEXT NOT NULL,
  "partyId" TEXT NOT NULL,
  "userId" TEXT NOT NULL,
  "role" TEXT NOT NULL DEFAULT 'viewer',
  "joinedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "leftAt" TIMESTAMP(3),
  "isActive" BOOLEAN NOT NULL DEFAULT true,
  "playbackPosition" INTEGER NOT NULL DEFAULT 0,
  "isMuted" BOOLEAN NOT NULL DEFAULT false,
  "isBanned" BOOLEAN NOT NULL DEFAULT false,
  "bannedAt" TIMESTAMP(3),
  "banReason" TEXT,
  "messageCount" INTEGER NOT NULL DEFAULT 0,
  "reactionCount" INTEGER NOT NULL DEFAULT 0,

  CONSTRAINT "watch_party_participants_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "watch_party_participants_partyId_userId_key" ON "watch_party_participants"("partyId", "userId");

CREATE INDEX "watch_party_participants_partyId_isActive_idx" ON "watch_party_participants"("partyId", "isActive");

CREATE INDEX "watch_party_participants_userId_idx" ON "watch_party_participants"("userId");

CREATE TABLE "watch_party_chat" (
  "id" TEXT NOT NULL,
  "partyId" TEXT NOT NULL,
  "userId" TEXT NOT NULL,
  "message" TEXT NOT NULL,
  "timestamp" INTEGER NOT NULL,
  "replyToId" TEXT,
  "reactions" JSONB,
  "deleted" BOOLEAN NOT NULL DEFAULT false,
  "deletedAt" TIMESTAMP(3),
  "deletedBy" TEXT,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

  CONSTRAINT "watch_party_chat_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "watch_party_chat_partyId_createdAt_idx" ON "watch_party_chat"("partyId", "createdAt");

CREATE INDEX "watch_party_chat_userId_idx" ON "watch_party_chat"("userId");

CREATE TABLE "video_clips" (
  "id" TEXT NOT NULL,
  "youtubeVideoId" TEXT NOT NULL,
  "creatorId" TEXT NOT NULL,
  "title" VARCHAR(500) NOT NULL,
  "description" TEXT,
  "startTime" INTEGER NOT NULL,
  "endTime" INTEGER NOT NULL,
  "duration" INTEGER NOT NULL,
  "thumbnailUrl" TEXT,
  "tags" TEXT[],
  "viewCount" INTEGER NOT NULL DEFAULT 0,
  "likeCount" INTEGER NOT NULL DEFAULT 0,
  "shareCount" INTEGER NOT NULL DEFAULT 0,
  "featured" BOOLEAN NOT NULL DEFAULT false,
  "metadata" JSONB,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

  CONSTRAINT "video_clips_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "video_clips_youtubeVideoId_idx" ON "video_clips"("youtubeVideoId");

CREATE INDEX "video_clips_creatorId_idx" ON "video_clips"("creatorId");

CREATE INDEX "video_clips_viewCount_idx" ON "video_clips"("viewCount");

CREATE TABLE "playlists" (
  "id" TEXT NOT NULL,
  "title" VARCHAR(500) NOT NULL,
  "slug" VARCHAR(255) NOT NULL,
  "description" TEXT,
  "ownerId" TEXT NOT NULL,
  "isCollaborative" BOOLEAN NOT NULL DEFAULT false,
  "collaboratorIds" TEXT[],
  "isPublic" BOOLEAN NOT NULL DEFAULT true,
  "coverImage" TEXT,
  "tags" TEXT[],
  "viewCount" INTEGER NOT NULL DEFAULT 0,
  "likeCount" INTEGER NOT NULL DEFAULT 0,
  "followerCount" INTEGER NOT NULL DEFAULT 0,
  "itemCount" INTEGER NOT NULL DEFAULT 0,
  "totalDuration" INTEGER NOT NULL DEFAULT 0,
  "featured" BOOLEAN NOT NULL DEFAULT false,
  "metadata" JSONB,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updatedAt" TIMESTAMP(3) NOT NULL,

  CONSTRAINT "playlists_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "playlists_slug_key" ON "playlists"("slug");

CREATE INDEX "playlists_ownerId_idx" ON "playlists"("ownerId");

CREATE INDEX "playlists_isPublic_idx" ON "playlists"("isPublic");

CREATE INDEX "playlists_slug_idx" ON "playlists"("slug");

CREATE TABLE "playlist_items" (
  "id" TEXT NOT NULL,
  "playlistId" TEXT NOT NULL,
  "youtubeVideoId" TEXT NOT NULL,
  "addedBy" TEXT NOT NULL,
  "position" INTEGER NOT NULL,
  "note" TEXT,
  "customTitle" TEXT,
  "startTime" INTEGER,
  "endTime" INTEGER,
  "addedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

  CONSTRAINT "playlist_items_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "playlist_items_playlistId_position_key" ON "playlist_items"("playlistId", "position");

CREATE INDEX "playlist_items_playlistId_idx" ON "playlist_items"("playlistId");

CREATE INDEX "playlist_items_addedBy_idx" ON "playlist_items"("addedBy");

CREATE TABLE "youtube_api_quota" (
  "id" TEXT NOT NULL,
  "date" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_DATE,
  "unitsUsed" INTEGER NOT NULL DEFAULT 0,
  "quotaLimit" INTEGER NOT NULL DEFAULT 10000,
  "readRequests" INTEGER NOT NULL DEFAULT 0,
  "writeRequests" INTEGER NOT NULL DEFAULT 0,
  "searchRequests" INTEGER NOT NULL DEFAULT 0,
  "resetAt" TIMESTAMP(3) NOT NULL,

  CONSTRAINT "youtube_api_quota_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "youtube_api_quota_date_key" ON "youtube_api_quota"("date");

CREATE INDEX "youtube_api_quota_date_idx" ON "youtube_api_quota"("date");
