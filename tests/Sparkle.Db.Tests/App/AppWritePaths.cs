using Sparkle.Db.Tests.Support;

namespace Sparkle.Db.Tests.App;

/// <summary>
/// The platform app's write paths that touch an effect the database maintains, replayed as the statements its
/// Prisma calls send, in the app's order (nordeim/Sparkle-Universe-Next: src/server/services/*.service.ts and
/// src/server/api/routers/auth.ts; each method names its source). With <see cref="AppCounters"/> off, the app's own
/// counter statements are left out, as they would be once the app relies on the database (docs/APP.md): the
/// database alone must then keep every counter exact.
/// </summary>
internal sealed partial class AppWritePaths(PrismaStatements prisma, bool appCounters)
{
    public bool AppCounters => appCounters;

    public PrismaStatements Prisma => prisma;

    /// <summary>auth router <c>register</c>: user.create with nested profile, stats, balance and a welcome notification.</summary>
    public Task<string> RegisterAsync(string? username = null) => prisma.TransactionAsync(async () =>
    {
        username ??= "fan_" + PrismaStatements.NewId()[..10];
        var user = await prisma.CreateAsync("users", new Dictionary<string, object?>
        {
            ["email"] = username + "@example.test",
            ["username"] = username,
            ["hashedPassword"] = "bcrypt-hash",
            ["authProvider"] = new PgEnum("AuthProvider", "LOCAL"),
            ["role"] = new PgEnum("UserRole", "USER"),
        });
        var id = (string)user["id"]!;
        await prisma.CreateAsync("profiles", new Dictionary<string, object?> { ["userId"] = id, ["displayName"] = username });
        await prisma.CreateAsync("user_stats", new Dictionary<string, object?> { ["userId"] = id });
        await prisma.CreateAsync("user_balances", new Dictionary<string, object?> { ["userId"] = id, ["sparklePoints"] = 100 });
        await prisma.CreateAsync("notifications", new Dictionary<string, object?>
        {
            ["userId"] = id,
            ["type"] = new PgEnum("NotificationType", "SYSTEM"),
            ["title"] = "Welcome to Sparkle Universe!",
            ["message"] = "Your account has been created successfully.",
            ["priority"] = 1,
        });
        return id;
    });

    /// <summary>user.service <c>followUser</c>: in one transaction, follow.create then userStats.upsert of both users.</summary>
    public Task FollowAsync(string followerId, string followingId) => prisma.TransactionAsync(async () =>
    {
        await prisma.CreateAsync("follows", new Dictionary<string, object?> { ["followerId"] = followerId, ["followingId"] = followingId });
        if (appCounters)
        {
            await prisma.UpsertAsync(
                "user_stats", "userId",
                new Dictionary<string, object?> { ["userId"] = followerId, ["totalFollowing"] = 1 },
                new Dictionary<string, int> { ["totalFollowing"] = 1 });
            await prisma.UpsertAsync(
                "user_stats", "userId",
                new Dictionary<string, object?> { ["userId"] = followingId, ["totalFollowers"] = 1 },
                new Dictionary<string, int> { ["totalFollowers"] = 1 });
        }
    });

    /// <summary>user.service <c>unfollowUser</c>: follow.delete, then userStats.update −1 of both users.</summary>
    public Task UnfollowAsync(string followerId, string followingId) => prisma.TransactionAsync(async () =>
    {
        await prisma.DeleteAsync("follows", new Dictionary<string, object?> { ["followerId"] = followerId, ["followingId"] = followingId });
        if (appCounters)
        {
            await prisma.UpdateAsync("user_stats", "userId", followerId, increments: new Dictionary<string, int> { ["totalFollowing"] = -1 });
            await prisma.UpdateAsync("user_stats", "userId", followingId, increments: new Dictionary<string, int> { ["totalFollowers"] = -1 });
        }
    });

    /// <summary>post.service <c>createPost</c>: post.create with nested stats, then userStats.update totalPosts +1.</summary>
    public async Task<string> CreatePostAsync(string authorId, bool draft = false, string? categoryId = null, string title = "A post")
    {
        var id = await prisma.TransactionAsync(async () =>
        {
            var now = PrismaStatements.Now();
            var post = await prisma.CreateAsync("posts", new Dictionary<string, object?>
            {
                ["title"] = title,
                ["slug"] = "a-post-" + PrismaStatements.NewId(),
                ["content"] = new Json("""{"type":"doc","blocks":[{"type":"paragraph","text":"hello"}]}"""),
                ["excerpt"] = "hello",
                ["authorId"] = authorId,
                ["categoryId"] = categoryId,
                ["readingTime"] = 1,
                ["wordCount"] = 1,
                ["isDraft"] = draft,
                ["published"] = !draft,
                ["publishedAt"] = draft ? null : now,
                ["contentStatus"] = new PgEnum("ContentStatus", draft ? "DRAFT" : "PUBLISHED"),
            });
            var postId = (string)post["id"]!;
            await prisma.CreateAsync("post_stats", new Dictionary<string, object?> { ["postId"] = postId });
            return postId;
        });
        if (appCounters)
        {
            await prisma.UpdateAsync("user_stats", "userId", authorId, increments: new Dictionary<string, int> { ["totalPosts"] = 1 });
        }

        return id;
    }

    /// <summary>post.service <c>deletePost</c>: contentStatus DELETED and deletedAt (deleted untouched), then totalPosts −1.</summary>
    public async Task DeletePostAsync(string postId, string authorId)
    {
        await prisma.UpdateAsync("posts", "id", postId, set: new Dictionary<string, object?>
        {
            ["contentStatus"] = new PgEnum("ContentStatus", "DELETED"),
            ["deletedAt"] = PrismaStatements.Now(),
        });
        if (appCounters)
        {
            await prisma.UpdateAsync("user_stats", "userId", authorId, increments: new Dictionary<string, int> { ["totalPosts"] = -1 });
        }
    }

    /// <summary>post.service <c>likePost</c>: reaction.create; postStats +1 total and per type; liker's likes given; author's likes received.</summary>
    public async Task LikePostAsync(string postId, string userId, string type = "LIKE")
    {
        await prisma.CreateAsync("reactions", new Dictionary<string, object?>
        {
            ["postId"] = postId, ["userId"] = userId, ["type"] = new PgEnum("ReactionType", type),
        });
        if (!appCounters)
        {
            return;
        }

        var increments = new Dictionary<string, int> { ["totalReactionCount"] = 1 };
        if (type is "LIKE" or "LOVE" or "FIRE")
        {
            // The app writes `${type.toLowerCase()}Count`; v4.3 has no column for the other types (the app's call fails there).
            increments[type.ToLowerInvariant() + "Count"] = 1;
        }

        await prisma.UpdateAsync("post_stats", "postId", postId, increments: increments);
        await prisma.UpdateAsync("user_stats", "userId", userId, increments: new Dictionary<string, int> { ["totalLikesGiven"] = 1 });
        var post = await prisma.FindUniqueAsync("posts", "id", postId);
        if (post?["authorId"] is string author && author != userId)
        {
            await prisma.UpdateAsync("user_stats", "userId", author, increments: new Dictionary<string, int> { ["totalLikesReceived"] = 1 });
        }
    }

    /// <summary>post.service <c>unlikePost</c>: reaction.delete, then the same counters −1.</summary>
    public async Task UnlikePostAsync(string postId, string userId, string type = "LIKE")
    {
        await prisma.DeleteAsync("reactions", new Dictionary<string, object?> { ["postId"] = postId, ["userId"] = userId });
        if (!appCounters)
        {
            return;
        }

        var increments = new Dictionary<string, int> { ["totalReactionCount"] = -1 };
        if (type is "LIKE" or "LOVE" or "FIRE")
        {
            increments[type.ToLowerInvariant() + "Count"] = -1;
        }

        await prisma.UpdateAsync("post_stats", "postId", postId, increments: increments);
        await prisma.UpdateAsync("user_stats", "userId", userId, increments: new Dictionary<string, int> { ["totalLikesGiven"] = -1 });
        var post = await prisma.FindUniqueAsync("posts", "id", postId);
        if (post?["authorId"] is string author && author != userId)
        {
            await prisma.UpdateAsync("user_stats", "userId", author, increments: new Dictionary<string, int> { ["totalLikesReceived"] = -1 });
        }
    }

    /// <summary>post.service <c>bookmarkPost</c> / <c>unbookmarkPost</c>.</summary>
    public async Task BookmarkAsync(string postId, string userId, bool add)
    {
        if (add)
        {
            await prisma.CreateAsync("bookmarks", new Dictionary<string, object?> { ["postId"] = postId, ["userId"] = userId });
        }
        else
        {
            await prisma.DeleteAsync("bookmarks", new Dictionary<string, object?> { ["userId"] = userId, ["postId"] = postId });
        }

        if (appCounters)
        {
            await prisma.UpdateAsync("post_stats", "postId", postId, increments: new Dictionary<string, int> { ["bookmarkCount"] = add ? 1 : -1 });
        }
    }

    /// <summary>post.service <c>sharePost</c> and <c>incrementViewCount</c>: counters the app owns (docs/APP.md).</summary>
    public async Task ViewAndShareAsync(string postId)
    {
        await prisma.UpdateAsync("post_stats", "postId", postId, increments: new Dictionary<string, int> { ["viewCount"] = 1 });
        await prisma.UpdateAsync("post_stats", "postId", postId, increments: new Dictionary<string, int> { ["shareCount"] = 1 });
    }

    /// <summary>comment.service <c>createComment</c>: comment.create, postStats.upsert commentCount +1, userStats.upsert totalComments +1.</summary>
    public async Task<string> CommentAsync(string postId, string authorId, string? parentId = null)
    {
        var comment = await prisma.CreateAsync("comments", new Dictionary<string, object?>
        {
            ["content"] = "Nice!", ["postId"] = postId, ["authorId"] = authorId, ["authorName"] = "fan", ["parentId"] = parentId,
            ["moderationStatus"] = new PgEnum("ModerationStatus", "AUTO_APPROVED"), ["version"] = 0,
        });
        if (appCounters)
        {
            await prisma.UpsertAsync(
                "post_stats", "postId",
                new Dictionary<string, object?> { ["postId"] = postId, ["commentCount"] = 1 },
                new Dictionary<string, int> { ["commentCount"] = 1 });
            await prisma.UpsertAsync(
                "user_stats", "userId",
                new Dictionary<string, object?> { ["userId"] = authorId, ["totalComments"] = 1 },
                new Dictionary<string, int> { ["totalComments"] = 1 });
        }

        return (string)comment["id"]!;
    }

    /// <summary>comment.service <c>deleteComment</c>: soft delete when it has replies, hard delete otherwise; both counters −1.</summary>
    public async Task DeleteCommentAsync(string commentId, string postId, string authorId, bool hasReplies, string deletedBy)
    {
        if (hasReplies)
        {
            await prisma.UpdateAsync("comments", "id", commentId, set: new Dictionary<string, object?>
            {
                ["deleted"] = true, ["deletedAt"] = PrismaStatements.Now(), ["deletedBy"] = deletedBy, ["content"] = "[deleted]",
            });
        }
        else
        {
            await prisma.DeleteAsync("comments", new Dictionary<string, object?> { ["id"] = commentId });
        }

        if (appCounters)
        {
            await prisma.UpdateAsync("post_stats", "postId", postId, increments: new Dictionary<string, int> { ["commentCount"] = -1 });
            await prisma.UpdateAsync("user_stats", "userId", authorId, increments: new Dictionary<string, int> { ["totalComments"] = -1 });
        }
    }

    /// <summary>comment.service <c>addReaction</c> (new reaction): reaction.create; a LIKE by someone else adds to the author's likes received.</summary>
    public async Task ReactToCommentAsync(string commentId, string commentAuthorId, string userId, string type)
    {
        await prisma.CreateAsync("reactions", new Dictionary<string, object?>
        {
            ["commentId"] = commentId, ["userId"] = userId, ["type"] = new PgEnum("ReactionType", type),
        });
        if (appCounters && type == "LIKE" && commentAuthorId != userId)
        {
            await prisma.UpdateAsync("user_stats", "userId", commentAuthorId, increments: new Dictionary<string, int> { ["totalLikesReceived"] = 1 });
        }
    }

    /// <summary>comment.service <c>addReaction</c> with a different type on an existing reaction: reaction.update type (no counter code).</summary>
    public Task ChangeCommentReactionAsync(string commentId, string userId, string type) =>
        prisma.Connection.ExecuteAsync(
            """UPDATE "public"."reactions" SET "type" = CAST($3::text AS "public"."ReactionType") WHERE ("commentId" = $1 AND "userId" = $2 AND 1=1)""",
            commentId, userId, type);

    /// <summary>comment.service <c>removeReaction</c>: reaction.deleteMany; a removed LIKE by someone else takes one off the author's likes received.</summary>
    public async Task RemoveCommentReactionAsync(string commentId, string commentAuthorId, string userId, string type)
    {
        await prisma.Connection.ExecuteAsync(
            """DELETE FROM "public"."reactions" WHERE ("commentId" = $1 AND "userId" = $2 AND "type" = CAST($3::text AS "public"."ReactionType") AND 1=1)""",
            commentId, userId, type);
        if (appCounters && type == "LIKE" && commentAuthorId != userId)
        {
            await prisma.UpdateAsync("user_stats", "userId", commentAuthorId, increments: new Dictionary<string, int> { ["totalLikesReceived"] = -1 });
        }
    }

    /// <summary>user.service <c>getUserStats</c>: findUnique, and create when there is none.</summary>
    public async Task<Dictionary<string, object?>> GetUserStatsAsync(string userId) =>
        await prisma.FindUniqueAsync("user_stats", "userId", userId)
        ?? await prisma.CreateAsync("user_stats", new Dictionary<string, object?> { ["userId"] = userId });
}
