-- Posts, comments, tags, reactions and the social graph
-- Generated from the Prisma schema by Sparkle.Db.Prisma.PrismaBaseMigration; do not edit by hand.
-- To change it, change the Prisma schema and regenerate (docs/SCHEMA.md).

CREATE TABLE "categories" (
  "id" TEXT NOT NULL,
  "name" VARCHAR(255) NOT NULL,
  "slug" TEXT NOT NULL,
  "description" TEXT,
  "icon" TEXT,
  "color" TEXT,
  "parentId" TEXT,
  "postCount" INTEGER NOT NULL DEFAULT 0,
  "displayOrder" INTEGER NOT NULL DEFAULT 0,
  "isActive" BOOLEAN NOT NULL DEFAULT true,
  "metadata" JSONB,
  "deleted" BOOLEAN NOT NULL DEFAULT false,
  "deletedAt" TIMESTAMP(3),
  "deletedBy" TEXT,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updatedAt" TIMESTAMP(3) NOT NULL,

  CONSTRAINT "categories_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "categories_slug_key" ON "categories"("slug");

CREATE INDEX "categories_slug_idx" ON "categories"("slug");

CREATE INDEX "categories_parentId_idx" ON "categories"("parentId");

CREATE INDEX "categories_isActive_deleted_idx" ON "categories"("isActive", "deleted");

CREATE TABLE "posts" (
  "id" TEXT NOT NULL,
  "slug" TEXT NOT NULL,
  "title" VARCHAR(500) NOT NULL,
  "content" JSONB NOT NULL,
  "contentType" "ContentType" NOT NULL DEFAULT 'BLOG',
  "contentStatus" "ContentStatus" NOT NULL DEFAULT 'DRAFT',
  "excerpt" TEXT,
  "coverImage" TEXT,
  "coverImageAlt" TEXT,
  "authorId" TEXT,
  "authorName" TEXT,
  "categoryId" TEXT,
  "seriesId" TEXT,
  "seriesOrder" INTEGER,
  "published" BOOLEAN NOT NULL DEFAULT false,
  "featured" BOOLEAN NOT NULL DEFAULT false,
  "editorsPick" BOOLEAN NOT NULL DEFAULT false,
  "sponsoredContent" BOOLEAN NOT NULL DEFAULT false,
  "sponsorInfo" JSONB,
  "isPinned" BOOLEAN NOT NULL DEFAULT false,
  "pinnedUntil" TIMESTAMP(3),
  "isDraft" BOOLEAN NOT NULL DEFAULT true,
  "version" INTEGER NOT NULL DEFAULT 1,
  "parentVersionId" TEXT,
  "collaborators" TEXT[],
  "youtubeVideoId" TEXT,
  "youtubeVideoData" JSONB,
  "views" INTEGER NOT NULL DEFAULT 0,
  "uniqueViews" INTEGER NOT NULL DEFAULT 0,
  "readingTime" INTEGER,
  "wordCount" INTEGER,
  "metaTitle" VARCHAR(160),
  "metaDescription" VARCHAR(320),
  "metaKeywords" TEXT[],
  "ogImage" TEXT,
  "canonicalUrl" TEXT,
  "customSlug" BOOLEAN NOT NULL DEFAULT false,
  "allowComments" BOOLEAN NOT NULL DEFAULT true,
  "moderationStatus" "ModerationStatus" NOT NULL DEFAULT 'PENDING',
  "moderationNotes" TEXT,
  "scheduledPublishAt" TIMESTAMP(3),
  "publishedAt" TIMESTAMP(3),
  "lastEditedAt" TIMESTAMP(3),
  "archivedAt" TIMESTAMP(3),
  "deleted" BOOLEAN NOT NULL DEFAULT false,
  "deletedAt" TIMESTAMP(3),
  "deletedBy" TEXT,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updatedAt" TIMESTAMP(3) NOT NULL,
  "aiGenerated" BOOLEAN NOT NULL DEFAULT false,
  "aiModel" TEXT,
  "aiPrompt" TEXT,
  "aiRevisionCount" INTEGER NOT NULL DEFAULT 0,

  CONSTRAINT "posts_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "posts_slug_key" ON "posts"("slug");

CREATE INDEX "posts_slug_idx" ON "posts"("slug");

CREATE INDEX "posts_authorId_published_publishedAt_idx" ON "posts"("authorId", "published", "publishedAt" DESC);

CREATE INDEX "posts_categoryId_contentStatus_featured_idx" ON "posts"("categoryId", "contentStatus", "featured");

CREATE INDEX "posts_published_featured_publishedAt_idx" ON "posts"("published", "featured", "publishedAt" DESC);

CREATE INDEX "posts_contentType_published_idx" ON "posts"("contentType", "published");

CREATE INDEX "posts_deleted_published_publishedAt_idx" ON "posts"("deleted", "published", "publishedAt" DESC);

CREATE INDEX "posts_moderationStatus_createdAt_idx" ON "posts"("moderationStatus", "createdAt" DESC);

CREATE INDEX "posts_authorId_contentStatus_deleted_idx" ON "posts"("authorId", "contentStatus", "deleted");

CREATE INDEX "posts_categoryId_published_views_idx" ON "posts"("categoryId", "published", "views" DESC);

CREATE INDEX "posts_featured_published_createdAt_idx" ON "posts"("featured", "published", "createdAt" DESC);

CREATE INDEX "posts_authorId_isDraft_createdAt_idx" ON "posts"("authorId", "isDraft", "createdAt" DESC);

CREATE INDEX "posts_scheduledPublishAt_contentStatus_idx" ON "posts"("scheduledPublishAt", "contentStatus");

CREATE INDEX "posts_contentType_moderationStatus_createdAt_idx" ON "posts"("contentType", "moderationStatus", "createdAt" DESC);

CREATE TABLE "post_stats" (
  "id" TEXT NOT NULL,
  "postId" TEXT NOT NULL,
  "viewCount" INTEGER NOT NULL DEFAULT 0,
  "uniqueViewCount" INTEGER NOT NULL DEFAULT 0,
  "likeCount" INTEGER NOT NULL DEFAULT 0,
  "loveCount" INTEGER NOT NULL DEFAULT 0,
  "fireCount" INTEGER NOT NULL DEFAULT 0,
  "totalReactionCount" INTEGER NOT NULL DEFAULT 0,
  "commentCount" INTEGER NOT NULL DEFAULT 0,
  "shareCount" INTEGER NOT NULL DEFAULT 0,
  "bookmarkCount" INTEGER NOT NULL DEFAULT 0,
  "avgReadTime" DOUBLE PRECISION NOT NULL DEFAULT 0,
  "bounceRate" DOUBLE PRECISION NOT NULL DEFAULT 0,
  "engagementRate" DOUBLE PRECISION NOT NULL DEFAULT 0,
  "lastCalculatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updatedAt" TIMESTAMP(3) NOT NULL,

  CONSTRAINT "post_stats_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "post_stats_postId_key" ON "post_stats"("postId");

CREATE INDEX "post_stats_postId_idx" ON "post_stats"("postId");

CREATE INDEX "post_stats_viewCount_idx" ON "post_stats"("viewCount");

CREATE INDEX "post_stats_totalReactionCount_idx" ON "post_stats"("totalReactionCount");

CREATE INDEX "post_stats_engagementRate_idx" ON "post_stats"("engagementRate");

CREATE TABLE "post_revisions" (
  "id" TEXT NOT NULL,
  "postId" TEXT NOT NULL,
  "editorId" TEXT NOT NULL,
  "title" VARCHAR(500) NOT NULL,
  "content" JSONB NOT NULL,
  "changeNote" TEXT,
  "version" INTEGER NOT NULL,
  "isPublished" BOOLEAN NOT NULL DEFAULT false,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

  CONSTRAINT "post_revisions_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "post_revisions_postId_version_idx" ON "post_revisions"("postId", "version");

CREATE INDEX "post_revisions_editorId_idx" ON "post_revisions"("editorId");

CREATE INDEX "post_revisions_postId_idx" ON "post_revisions"("postId");

CREATE TABLE "post_relations" (
  "id" TEXT NOT NULL,
  "postId" TEXT NOT NULL,
  "relatedPostId" TEXT NOT NULL,
  "relationType" TEXT NOT NULL,
  "sortOrder" INTEGER NOT NULL DEFAULT 0,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

  CONSTRAINT "post_relations_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "post_relations_postId_relatedPostId_key" ON "post_relations"("postId", "relatedPostId");

CREATE INDEX "post_relations_postId_idx" ON "post_relations"("postId");

CREATE INDEX "post_relations_relatedPostId_idx" ON "post_relations"("relatedPostId");

CREATE TABLE "post_series" (
  "id" TEXT NOT NULL,
  "title" TEXT NOT NULL,
  "slug" TEXT NOT NULL,
  "description" TEXT,
  "authorId" TEXT,
  "authorName" TEXT,
  "coverImage" TEXT,
  "bannerImage" TEXT,
  "totalParts" INTEGER NOT NULL DEFAULT 0,
  "completed" BOOLEAN NOT NULL DEFAULT false,
  "featured" BOOLEAN NOT NULL DEFAULT false,
  "metadata" JSONB,
  "deleted" BOOLEAN NOT NULL DEFAULT false,
  "deletedAt" TIMESTAMP(3),
  "deletedBy" TEXT,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updatedAt" TIMESTAMP(3) NOT NULL,

  CONSTRAINT "post_series_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "post_series_slug_key" ON "post_series"("slug");

CREATE INDEX "post_series_authorId_idx" ON "post_series"("authorId");

CREATE INDEX "post_series_slug_idx" ON "post_series"("slug");

CREATE INDEX "post_series_featured_deleted_idx" ON "post_series"("featured", "deleted");

CREATE TABLE "tags" (
  "id" TEXT NOT NULL,
  "name" VARCHAR(255) NOT NULL,
  "slug" VARCHAR(255) NOT NULL,
  "description" TEXT,
  "color" TEXT,
  "icon" TEXT,
  "postCount" INTEGER NOT NULL DEFAULT 0,
  "featured" BOOLEAN NOT NULL DEFAULT false,
  "category" TEXT,
  "synonyms" TEXT[],
  "deleted" BOOLEAN NOT NULL DEFAULT false,
  "deletedAt" TIMESTAMP(3),
  "deletedBy" TEXT,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

  CONSTRAINT "tags_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "tags_name_key" ON "tags"("name");

CREATE UNIQUE INDEX "tags_slug_key" ON "tags"("slug");

CREATE INDEX "tags_name_idx" ON "tags"("name");

CREATE INDEX "tags_slug_idx" ON "tags"("slug");

CREATE INDEX "tags_featured_deleted_idx" ON "tags"("featured", "deleted");

CREATE INDEX "tags_postCount_idx" ON "tags"("postCount" DESC);

CREATE TABLE "post_tags" (
  "postId" TEXT NOT NULL,
  "tagId" TEXT NOT NULL,
  "addedBy" TEXT,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

  CONSTRAINT "post_tags_pkey" PRIMARY KEY ("postId", "tagId")
);

CREATE INDEX "post_tags_postId_idx" ON "post_tags"("postId");

CREATE INDEX "post_tags_tagId_idx" ON "post_tags"("tagId");

CREATE TABLE "comments" (
  "id" TEXT NOT NULL,
  "content" TEXT NOT NULL,
  "postId" TEXT NOT NULL,
  "authorId" TEXT,
  "authorName" TEXT,
  "parentId" TEXT,
  "youtubeTimestamp" INTEGER,
  "quotedTimestamp" TEXT,
  "edited" BOOLEAN NOT NULL DEFAULT false,
  "editedAt" TIMESTAMP(3),
  "editHistory" JSONB[],
  "deleted" BOOLEAN NOT NULL DEFAULT false,
  "deletedAt" TIMESTAMP(3),
  "deletedBy" TEXT,
  "pinned" BOOLEAN NOT NULL DEFAULT false,
  "featured" BOOLEAN NOT NULL DEFAULT false,
  "moderationStatus" "ModerationStatus" NOT NULL DEFAULT 'AUTO_APPROVED',
  "moderationNotes" TEXT,
  "ipAddress" TEXT,
  "userAgent" TEXT,
  "version" INTEGER NOT NULL DEFAULT 0,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updatedAt" TIMESTAMP(3) NOT NULL,

  CONSTRAINT "comments_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "comments_postId_deleted_createdAt_idx" ON "comments"("postId", "deleted", "createdAt" DESC);

CREATE INDEX "comments_authorId_idx" ON "comments"("authorId");

CREATE INDEX "comments_parentId_idx" ON "comments"("parentId");

CREATE INDEX "comments_youtubeTimestamp_idx" ON "comments"("youtubeTimestamp");

CREATE INDEX "comments_moderationStatus_deleted_idx" ON "comments"("moderationStatus", "deleted");

CREATE INDEX "comments_postId_parentId_createdAt_idx" ON "comments"("postId", "parentId", "createdAt");

CREATE INDEX "comments_authorId_deleted_createdAt_idx" ON "comments"("authorId", "deleted", "createdAt" DESC);

CREATE INDEX "comments_postId_parentId_deleted_createdAt_idx" ON "comments"("postId", "parentId", "deleted", "createdAt");

CREATE INDEX "comments_postId_pinned_createdAt_idx" ON "comments"("postId", "pinned", "createdAt" DESC);

CREATE TABLE "reactions" (
  "id" TEXT NOT NULL,
  "type" "ReactionType" NOT NULL,
  "postId" TEXT,
  "commentId" TEXT,
  "userId" TEXT NOT NULL,
  "customEmoji" TEXT,
  "metadata" JSONB,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

  CONSTRAINT "reactions_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "reactions_postId_userId_type_key" ON "reactions"("postId", "userId", "type");

CREATE UNIQUE INDEX "reactions_commentId_userId_type_key" ON "reactions"("commentId", "userId", "type");

CREATE INDEX "reactions_postId_idx" ON "reactions"("postId");

CREATE INDEX "reactions_commentId_idx" ON "reactions"("commentId");

CREATE INDEX "reactions_userId_idx" ON "reactions"("userId");

CREATE INDEX "reactions_type_idx" ON "reactions"("type");

CREATE TABLE "mentions" (
  "id" TEXT NOT NULL,
  "mentionerId" TEXT NOT NULL,
  "mentionedId" TEXT NOT NULL,
  "postId" TEXT,
  "commentId" TEXT,
  "context" TEXT,
  "acknowledged" BOOLEAN NOT NULL DEFAULT false,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

  CONSTRAINT "mentions_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "mentions_mentionedId_idx" ON "mentions"("mentionedId");

CREATE INDEX "mentions_postId_idx" ON "mentions"("postId");

CREATE INDEX "mentions_commentId_idx" ON "mentions"("commentId");

CREATE TABLE "bookmarks" (
  "id" TEXT NOT NULL,
  "userId" TEXT NOT NULL,
  "postId" TEXT NOT NULL,
  "folderId" TEXT,
  "notes" TEXT,
  "tags" TEXT[],
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

  CONSTRAINT "bookmarks_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "bookmarks_userId_postId_key" ON "bookmarks"("userId", "postId");

CREATE INDEX "bookmarks_userId_idx" ON "bookmarks"("userId");

CREATE INDEX "bookmarks_postId_idx" ON "bookmarks"("postId");

CREATE INDEX "bookmarks_folderId_idx" ON "bookmarks"("folderId");

CREATE TABLE "bookmark_folders" (
  "id" TEXT NOT NULL,
  "userId" TEXT NOT NULL,
  "name" TEXT NOT NULL,
  "description" TEXT,
  "color" TEXT,
  "icon" TEXT,
  "isPublic" BOOLEAN NOT NULL DEFAULT false,
  "sortOrder" INTEGER NOT NULL DEFAULT 0,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updatedAt" TIMESTAMP(3) NOT NULL,

  CONSTRAINT "bookmark_folders_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "bookmark_folders_userId_name_key" ON "bookmark_folders"("userId", "name");

CREATE INDEX "bookmark_folders_userId_idx" ON "bookmark_folders"("userId");

CREATE TABLE "follows" (
  "id" TEXT NOT NULL,
  "followerId" TEXT NOT NULL,
  "followingId" TEXT NOT NULL,
  "notifyNewPosts" BOOLEAN NOT NULL DEFAULT true,
  "notifyActivity" BOOLEAN NOT NULL DEFAULT false,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updatedAt" TIMESTAMP(3) NOT NULL,

  CONSTRAINT "follows_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "follows_followerId_followingId_key" ON "follows"("followerId", "followingId");

CREATE INDEX "follows_followerId_idx" ON "follows"("followerId");

CREATE INDEX "follows_followingId_idx" ON "follows"("followingId");

CREATE TABLE "view_history" (
  "id" TEXT NOT NULL,
  "userId" TEXT NOT NULL,
  "postId" TEXT NOT NULL,
  "viewDuration" INTEGER NOT NULL DEFAULT 0,
  "scrollDepth" DOUBLE PRECISION NOT NULL DEFAULT 0,
  "referrer" TEXT,
  "deviceType" TEXT,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

  CONSTRAINT "view_history_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "view_history_userId_createdAt_idx" ON "view_history"("userId", "createdAt" DESC);

CREATE INDEX "view_history_postId_idx" ON "view_history"("postId");

CREATE TABLE "search_history" (
  "id" TEXT NOT NULL,
  "userId" TEXT,
  "query" TEXT NOT NULL,
  "resultCount" INTEGER NOT NULL DEFAULT 0,
  "clickedResults" TEXT[],
  "searchType" TEXT,
  "deviceType" TEXT,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

  CONSTRAINT "search_history_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "search_history_userId_idx" ON "search_history"("userId");

CREATE INDEX "search_history_query_idx" ON "search_history"("query");

CREATE INDEX "search_history_createdAt_idx" ON "search_history"("createdAt");
