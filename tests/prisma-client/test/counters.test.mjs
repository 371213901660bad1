// The app's counter paths, exactly as its services send them (followUser/unfollowUser in user.service; createPost,
// deletePost, likePost, unlikePost, bookmarkPost, unbookmarkPost in post.service; createComment, deleteComment in
// comment.service), and the contract of issue 11: every counter ends equal to a recount of its source rows,
// whether the app, the database or both touched it. On Prisma's DDL the app alone keeps them; on the sparkle-db
// database phase 005 keeps the ones it owns and must ignore the app's increments to them.
//
// PENDING: on the sparkle-db database these steps need the phase 005 ownership change (the lead's part of issue
// 11). Until it is merged they run and are reported as TODO there (node:test does not fail the run on a TODO).
// After the merge, set PENDING_OWNERSHIP to false: every step must then pass on both databases.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { publishedPost, registeredUser } from '../lib/fixtures.mjs'
import { unique } from '../lib/env.mjs'
import { onEachDatabase } from '../lib/suite.mjs'

const PENDING_OWNERSHIP = false
const pending = (ctx) => (ctx.target.sparkle && PENDING_OWNERSHIP ? 'needs the phase 005 counter-ownership change (issue 11, lead)' : false)

// Recounts from the source rows, in SQL, as the owner: the oracle every step compares with.
async function userRecount(ctx, userId) {
  const [row] = await ctx.sql(
    `SELECT s."totalFollowers" AS followers_stored, (SELECT count(*) FROM follows WHERE "followingId" = $1)::int AS followers,
            s."totalFollowing" AS following_stored, (SELECT count(*) FROM follows WHERE "followerId" = $1)::int AS following,
            s."totalPosts" AS posts_stored,
            (SELECT count(*) FROM posts p WHERE p."authorId" = $1 AND p.published AND NOT p.deleted AND p."contentStatus" <> 'DELETED')::int AS posts,
            s."totalComments" AS comments_stored, (SELECT count(*) FROM comments c WHERE c."authorId" = $1 AND NOT c.deleted)::int AS comments,
            s."totalLikesGiven" AS given_stored, (SELECT count(*) FROM reactions r WHERE r."userId" = $1 AND r."postId" IS NOT NULL)::int AS given,
            s."totalLikesReceived" AS received_stored,
            (SELECT count(*) FROM reactions r JOIN posts p ON p.id = r."postId" WHERE p."authorId" = $1 AND r."userId" <> $1)::int AS received
     FROM user_stats s WHERE s."userId" = $1`, [userId])
  return row
}

async function postRecount(ctx, postId) {
  const [row] = await ctx.sql(
    `SELECT s."totalReactionCount" AS reactions_stored, (SELECT count(*) FROM reactions WHERE "postId" = $1)::int AS reactions,
            s."likeCount" AS likes_stored, (SELECT count(*) FROM reactions WHERE "postId" = $1 AND type = 'LIKE')::int AS likes,
            s."loveCount" AS loves_stored, (SELECT count(*) FROM reactions WHERE "postId" = $1 AND type = 'LOVE')::int AS loves,
            s."fireCount" AS fires_stored, (SELECT count(*) FROM reactions WHERE "postId" = $1 AND type = 'FIRE')::int AS fires,
            s."commentCount" AS comments_stored, (SELECT count(*) FROM comments WHERE "postId" = $1 AND NOT deleted)::int AS comments,
            s."bookmarkCount" AS bookmarks_stored, (SELECT count(*) FROM bookmarks WHERE "postId" = $1)::int AS bookmarks
     FROM post_stats s WHERE s."postId" = $1`, [postId])
  return row
}

function assertRecounted(row, names) {
  assert.ok(row, 'the stats row exists')
  for (const name of names) assert.equal(row[`${name}_stored`], row[name], `${name}: stored ${row[`${name}_stored`]}, recount ${row[name]}`)
}

onEachDatabase('counters, exactly once', (ctx) => {
  const app = {
    async followUser(followerId, followingId) {
      await ctx.prisma.$transaction(async (tx) => {
        await tx.follow.create({ data: { followerId, followingId } })
        await Promise.all([
          tx.userStats.upsert({ where: { userId: followerId }, create: { userId: followerId, totalFollowing: 1 }, update: { totalFollowing: { increment: 1 } } }),
          tx.userStats.upsert({ where: { userId: followingId }, create: { userId: followingId, totalFollowers: 1 }, update: { totalFollowers: { increment: 1 } } }),
        ])
      })
    },
    async unfollowUser(followerId, followingId) {
      await ctx.prisma.$transaction(async (tx) => {
        await tx.follow.delete({ where: { followerId_followingId: { followerId, followingId } } })
        await Promise.all([
          tx.userStats.update({ where: { userId: followerId }, data: { totalFollowing: { decrement: 1 } } }),
          tx.userStats.update({ where: { userId: followingId }, data: { totalFollowers: { decrement: 1 } } }),
        ])
      })
    },
    async createPost(authorId) {
      const post = await publishedPost(ctx.prisma, authorId)
      await ctx.prisma.userStats.update({ where: { userId: authorId }, data: { totalPosts: { increment: 1 } } })
      return post
    },
    async deletePost(postId, userId) {
      const deleted = await ctx.prisma.post.update({ where: { id: postId }, data: { contentStatus: 'DELETED', deletedAt: new Date() } })
      await ctx.prisma.userStats.update({ where: { userId }, data: { totalPosts: { decrement: 1 } } })
      return deleted
    },
    async likePost(postId, userId, type) {
      await ctx.prisma.reaction.create({ data: { postId, userId, type } })
      await ctx.prisma.postStats.update({ where: { postId }, data: { totalReactionCount: { increment: 1 }, [`${type.toLowerCase()}Count`]: { increment: 1 } } })
      await ctx.prisma.userStats.update({ where: { userId }, data: { totalLikesGiven: { increment: 1 } } })
      const post = await ctx.prisma.post.findUnique({ where: { id: postId }, select: { authorId: true, title: true } })
      if (post && post.authorId !== userId) {
        await ctx.prisma.userStats.update({ where: { userId: post.authorId }, data: { totalLikesReceived: { increment: 1 } } })
      }
    },
    async unlikePost(postId, userId) {
      const reaction = await ctx.prisma.reaction.findFirst({ where: { postId, userId } })
      await ctx.prisma.reaction.delete({ where: { id: reaction.id } })
      await ctx.prisma.postStats.update({ where: { postId }, data: { totalReactionCount: { decrement: 1 }, [`${reaction.type.toLowerCase()}Count`]: { decrement: 1 } } })
      await ctx.prisma.userStats.update({ where: { userId }, data: { totalLikesGiven: { decrement: 1 } } })
      const post = await ctx.prisma.post.findUnique({ where: { id: postId }, select: { authorId: true } })
      if (post && post.authorId !== userId) {
        await ctx.prisma.userStats.update({ where: { userId: post.authorId }, data: { totalLikesReceived: { decrement: 1 } } })
      }
    },
    async createComment(postId, authorId) {
      const author = await ctx.prisma.user.findUnique({ where: { id: authorId }, select: { username: true } })
      const comment = await ctx.prisma.comment.create({
        data: { content: 'nice', postId, authorId, authorName: author.username, moderationStatus: 'AUTO_APPROVED', version: 0 },
        include: { author: { include: { profile: true } }, _count: { select: { reactions: true, replies: true } } },
      })
      await ctx.prisma.postStats.upsert({ where: { postId }, create: { postId, commentCount: 1 }, update: { commentCount: { increment: 1 } } })
      await ctx.prisma.userStats.upsert({ where: { userId: authorId }, create: { userId: authorId, totalComments: 1 }, update: { totalComments: { increment: 1 } } })
      return comment
    },
    async deleteComment(commentId, userId) {
      const comment = await ctx.prisma.comment.findUnique({ where: { id: commentId }, include: { _count: { select: { replies: true } } } })
      if (comment._count.replies > 0) {
        await ctx.prisma.comment.update({ where: { id: commentId }, data: { deleted: true, deletedAt: new Date(), deletedBy: userId, content: '[deleted]' } })
      } else {
        await ctx.prisma.comment.delete({ where: { id: commentId } })
      }
      await ctx.prisma.postStats.update({ where: { postId: comment.postId }, data: { commentCount: { decrement: 1 } } })
      if (comment.authorId) await ctx.prisma.userStats.update({ where: { userId: comment.authorId }, data: { totalComments: { decrement: 1 } } })
    },
    async bookmarkPost(postId, userId) {
      await ctx.prisma.bookmark.create({ data: { postId, userId } })
      await ctx.prisma.postStats.update({ where: { postId }, data: { bookmarkCount: { increment: 1 } } })
    },
    async unbookmarkPost(postId, userId) {
      await ctx.prisma.bookmark.delete({ where: { userId_postId: { userId, postId } } })
      await ctx.prisma.postStats.update({ where: { postId }, data: { bookmarkCount: { decrement: 1 } } })
    },
  }

  test('followUser / unfollowUser: follower and following counts equal the follows', { todo: pending(ctx) }, async () => {
    const star = await registeredUser(ctx.prisma)
    const fans = [await registeredUser(ctx.prisma), await registeredUser(ctx.prisma), await registeredUser(ctx.prisma)]
    for (const fan of fans) await app.followUser(fan.id, star.id)
    assertRecounted(await userRecount(ctx, star.id), ['followers', 'following'])
    assert.equal((await userRecount(ctx, star.id)).followers, 3)
    await app.unfollowUser(fans[0].id, star.id)
    assertRecounted(await userRecount(ctx, star.id), ['followers'])
    for (const fan of fans) assertRecounted(await userRecount(ctx, fan.id), ['following'])
  })

  test('createPost / deletePost: totalPosts equals the live published posts (contentStatus DELETED is deleted)', { todo: pending(ctx) }, async () => {
    const author = await registeredUser(ctx.prisma)
    const first = await app.createPost(author.id)
    await app.createPost(author.id)
    assertRecounted(await userRecount(ctx, author.id), ['posts'])
    await app.deletePost(first.id, author.id)
    const row = await userRecount(ctx, author.id)
    assertRecounted(row, ['posts'])
    assert.equal(row.posts, 1)
  })

  test('likePost / unlikePost: reaction counters per post and per user equal the reactions', { todo: pending(ctx) }, async () => {
    const author = await registeredUser(ctx.prisma)
    const post = await publishedPost(ctx.prisma, author.id)
    const fans = [await registeredUser(ctx.prisma), await registeredUser(ctx.prisma), await registeredUser(ctx.prisma)]
    await app.likePost(post.id, fans[0].id, 'LIKE')
    await app.likePost(post.id, fans[1].id, 'LOVE')
    await app.likePost(post.id, fans[2].id, 'FIRE')
    await app.likePost(post.id, author.id, 'LIKE')
    assertRecounted(await postRecount(ctx, post.id), ['reactions', 'likes', 'loves', 'fires'])
    assertRecounted(await userRecount(ctx, author.id), ['received', 'given'])
    for (const fan of fans) assertRecounted(await userRecount(ctx, fan.id), ['given'])
    await app.unlikePost(post.id, fans[1].id)
    assertRecounted(await postRecount(ctx, post.id), ['reactions', 'likes', 'loves', 'fires'])
    assertRecounted(await userRecount(ctx, author.id), ['received'])
    assertRecounted(await userRecount(ctx, fans[1].id), ['given'])
  })

  test('createComment / deleteComment: commentCount and totalComments equal the live comments', { todo: pending(ctx) }, async () => {
    const author = await registeredUser(ctx.prisma)
    const post = await publishedPost(ctx.prisma, author.id)
    const fan = await registeredUser(ctx.prisma)
    const c1 = await app.createComment(post.id, fan.id)
    const c2 = await app.createComment(post.id, fan.id)
    await ctx.prisma.comment.create({ data: { content: 'reply', postId: post.id, authorId: author.id, parentId: c2.id } })
    await ctx.prisma.postStats.update({ where: { postId: post.id }, data: { commentCount: { increment: 1 } } })
    await ctx.prisma.userStats.update({ where: { userId: author.id }, data: { totalComments: { increment: 1 } } })
    assertRecounted(await postRecount(ctx, post.id), ['comments'])
    assertRecounted(await userRecount(ctx, fan.id), ['comments'])
    await app.deleteComment(c1.id, fan.id) // no replies: hard delete
    await app.deleteComment(c2.id, fan.id) // has a reply: soft delete
    assertRecounted(await postRecount(ctx, post.id), ['comments'])
    assertRecounted(await userRecount(ctx, fan.id), ['comments'])
  })

  test('bookmarkPost / unbookmarkPost: bookmarkCount equals the bookmarks', { todo: pending(ctx) }, async () => {
    const author = await registeredUser(ctx.prisma)
    const post = await publishedPost(ctx.prisma, author.id)
    const fans = [await registeredUser(ctx.prisma), await registeredUser(ctx.prisma)]
    for (const fan of fans) await app.bookmarkPost(post.id, fan.id)
    assertRecounted(await postRecount(ctx, post.id), ['bookmarks'])
    await app.unbookmarkPost(post.id, fans[0].id)
    assertRecounted(await postRecount(ctx, post.id), ['bookmarks'])
  })

  test('userStats.create after a follow created the stats row succeeds, and the counts are right', { todo: pending(ctx) }, async () => {
    const fan = await registeredUser(ctx.prisma)
    const name = unique('nostats')
    const user = await ctx.prisma.user.create({ data: { email: `${name}@example.test`, username: name } })
    await ctx.prisma.follow.create({ data: { followerId: fan.id, followingId: user.id } })
    const stats = await ctx.prisma.userStats.create({ data: { userId: user.id } })
    assert.equal(stats.userId, user.id)
    if (ctx.target.sparkle) assertRecounted(await userRecount(ctx, user.id), ['followers'])
  })

  test('postStats.create after a reaction created the stats row succeeds, and the counts are right', { todo: pending(ctx) }, async () => {
    const author = await registeredUser(ctx.prisma)
    const fan = await registeredUser(ctx.prisma)
    const slug = unique('nostats-')
    const post = await ctx.prisma.post.create({ data: { title: 't', slug, content: {}, authorId: author.id, published: true, contentStatus: 'PUBLISHED' } })
    await ctx.prisma.reaction.create({ data: { postId: post.id, userId: fan.id, type: 'LIKE' } })
    const stats = await ctx.prisma.postStats.create({ data: { postId: post.id } })
    assert.equal(stats.postId, post.id)
    if (ctx.target.sparkle) assertRecounted(await postRecount(ctx, post.id), ['reactions', 'likes'])
  })
})
