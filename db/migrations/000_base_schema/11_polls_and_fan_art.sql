-- Polls and fan art galleries
-- Generated from the Prisma schema by Sparkle.Db.Prisma.PrismaBaseMigration; do not edit by hand.
-- To change it, change the Prisma schema and regenerate (docs/SCHEMA.md).

CREATE TABLE "polls" (
  "id" TEXT NOT NULL,
  "postId" TEXT NOT NULL,
  "question" TEXT NOT NULL,
  "multipleChoice" BOOLEAN NOT NULL DEFAULT false,
  "anonymousVoting" BOOLEAN NOT NULL DEFAULT false,
  "showResults" TEXT NOT NULL DEFAULT 'after_vote',
  "requireComment" BOOLEAN NOT NULL DEFAULT false,
  "minChoices" INTEGER NOT NULL DEFAULT 1,
  "maxChoices" INTEGER NOT NULL DEFAULT 1,
  "closeAt" TIMESTAMP(3),
  "finalResults" JSONB,
  "version" INTEGER NOT NULL DEFAULT 0,
  "deleted" BOOLEAN NOT NULL DEFAULT false,
  "deletedAt" TIMESTAMP(3),
  "deletedBy" TEXT,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updatedAt" TIMESTAMP(3) NOT NULL,

  CONSTRAINT "polls_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "polls_postId_key" ON "polls"("postId");

CREATE INDEX "polls_postId_idx" ON "polls"("postId");

CREATE INDEX "polls_deleted_idx" ON "polls"("deleted");

CREATE TABLE "poll_options" (
  "id" TEXT NOT NULL,
  "pollId" TEXT NOT NULL,
  "optionText" TEXT NOT NULL,
  "description" TEXT,
  "imageUrl" TEXT,
  "displayOrder" INTEGER NOT NULL,
  "voteCount" INTEGER NOT NULL DEFAULT 0,
  "percentage" DOUBLE PRECISION NOT NULL DEFAULT 0,
  "metadata" JSONB,

  CONSTRAINT "poll_options_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "poll_options_pollId_idx" ON "poll_options"("pollId");

CREATE TABLE "poll_votes" (
  "id" TEXT NOT NULL,
  "pollId" TEXT NOT NULL,
  "userId" TEXT NOT NULL,
  "comment" TEXT,
  "ipAddress" TEXT,
  "metadata" JSONB,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

  CONSTRAINT "poll_votes_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "poll_votes_pollId_userId_key" ON "poll_votes"("pollId", "userId");

CREATE INDEX "poll_votes_pollId_idx" ON "poll_votes"("pollId");

CREATE INDEX "poll_votes_userId_idx" ON "poll_votes"("userId");

CREATE TABLE "poll_vote_choices" (
  "id" TEXT NOT NULL,
  "pollVoteId" TEXT NOT NULL,
  "pollOptionId" TEXT NOT NULL,

  CONSTRAINT "poll_vote_choices_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "poll_vote_choices_pollVoteId_pollOptionId_key" ON "poll_vote_choices"("pollVoteId", "pollOptionId");

CREATE INDEX "poll_vote_choices_pollVoteId_idx" ON "poll_vote_choices"("pollVoteId");

CREATE INDEX "poll_vote_choices_pollOptionId_idx" ON "poll_vote_choices"("pollOptionId");

CREATE TABLE "fan_art_galleries" (
  "id" TEXT NOT NULL,
  "postId" TEXT NOT NULL,
  "theme" TEXT,
  "rules" TEXT,
  "prizes" JSONB,
  "submissionDeadline" TIMESTAMP(3),
  "votingDeadline" TIMESTAMP(3),
  "votingEnabled" BOOLEAN NOT NULL DEFAULT true,
  "publicVoting" BOOLEAN NOT NULL DEFAULT true,
  "maxSubmissionsPerUser" INTEGER NOT NULL DEFAULT 3,
  "requireApproval" BOOLEAN NOT NULL DEFAULT false,
  "allowNSFW" BOOLEAN NOT NULL DEFAULT false,
  "winnerCount" INTEGER NOT NULL DEFAULT 3,
  "winnersAnnounced" BOOLEAN NOT NULL DEFAULT false,
  "metadata" JSONB,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

  CONSTRAINT "fan_art_galleries_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "fan_art_galleries_postId_key" ON "fan_art_galleries"("postId");

CREATE INDEX "fan_art_galleries_postId_idx" ON "fan_art_galleries"("postId");

CREATE TABLE "fan_art_submissions" (
  "id" TEXT NOT NULL,
  "galleryId" TEXT NOT NULL,
  "artistId" TEXT NOT NULL,
  "title" VARCHAR(500) NOT NULL,
  "description" TEXT,
  "imageUrl" TEXT NOT NULL,
  "thumbnailUrl" TEXT,
  "highResUrl" TEXT,
  "fileSize" INTEGER,
  "dimensions" JSONB,
  "medium" TEXT,
  "tools" TEXT[],
  "timeSpent" INTEGER,
  "voteCount" INTEGER NOT NULL DEFAULT 0,
  "avgRating" DOUBLE PRECISION NOT NULL DEFAULT 0,
  "viewCount" INTEGER NOT NULL DEFAULT 0,
  "featured" BOOLEAN NOT NULL DEFAULT false,
  "winner" BOOLEAN NOT NULL DEFAULT false,
  "winnerRank" INTEGER,
  "moderationStatus" "ModerationStatus" NOT NULL DEFAULT 'PENDING',
  "moderationNotes" TEXT,
  "metadata" JSONB,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

  CONSTRAINT "fan_art_submissions_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "fan_art_submissions_galleryId_idx" ON "fan_art_submissions"("galleryId");

CREATE INDEX "fan_art_submissions_artistId_idx" ON "fan_art_submissions"("artistId");

CREATE INDEX "fan_art_submissions_voteCount_idx" ON "fan_art_submissions"("voteCount");
