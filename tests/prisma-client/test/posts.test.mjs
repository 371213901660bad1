// Posts (src/server/services/post.service.ts): createPost's nested create (stats row, tags through post_tags with
// connectOrCreate) and its include/_count read, listPosts' cursor pagination and relation ordering, deletePost's
// soft delete (contentStatus DELETED + deletedAt), the `deleted` flag, and hard deletes that cascade.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { unique } from '../lib/env.mjs'
import { publishedPost, registeredUser } from '../lib/fixtures.mjs'
import { onEachDatabase } from '../lib/suite.mjs'

const listInclude = {
  author: { include: { profile: true } },
  category: true,
  tags: { include: { tag: true } },
  stats: true,
  _count: { select: { comments: true, reactions: true } },
}

onEachDatabase('posts', (ctx) => {
  test('createPost: one nested create writes post, stats and tags (connectOrCreate) and reads them back with _count', async () => {
    const author = await registeredUser(ctx.prisma)
    const existing = unique('tag')
    await ctx.prisma.tag.create({ data: { name: existing, slug: existing } })
    const fresh = unique('tag')
    const slug = unique('create-')
    const post = await ctx.prisma.post.create({
      data: {
        title: 'Nested create', slug, content: { type: 'doc', blocks: [] }, excerpt: 'x', authorId: author.id,
        readingTime: 1, wordCount: 2, isDraft: false, published: true, publishedAt: new Date(), contentStatus: 'PUBLISHED',
        tags: { create: [existing, fresh].map((name) => ({ tag: { connectOrCreate: { where: { name }, create: { name, slug: name } } } })) },
        stats: { create: {} },
      },
      include: listInclude,
    })
    assert.equal(post.author.profile.displayName, author.username)
    assert.deepEqual(post.tags.map((t) => t.tag.name).sort(), [existing, fresh].sort())
    assert.equal(post.stats.viewCount, 0)
    assert.deepEqual(post._count, { comments: 0, reactions: 0 })
    const [row] = await ctx.sql(
      `SELECT (SELECT count(*) FROM post_stats WHERE "postId" = $1)::int AS stats,
              (SELECT count(*) FROM post_tags WHERE "postId" = $1)::int AS tags,
              (SELECT count(*) FROM tags WHERE name = ANY ($2))::int AS tag_rows`, [post.id, [existing, fresh]])
    assert.deepEqual(row, { stats: 1, tags: 2, tag_rows: 2 })
  })

  test('listPosts: cursor pages over an author\'s published posts, newest first, each with include and _count', async () => {
    const author = await registeredUser(ctx.prisma)
    const reader = await registeredUser(ctx.prisma)
    const base = Date.now() - 3_600_000
    const ids = []
    for (let i = 0; i < 5; i++) ids.push((await publishedPost(ctx.prisma, author.id, { createdAt: new Date(base + i * 1000) })).id)
    await ctx.prisma.comment.create({ data: { content: 'first', postId: ids[4], authorId: reader.id } })
    await ctx.prisma.reaction.create({ data: { type: 'LIKE', postId: ids[4], userId: reader.id } })
    const where = { published: true, contentStatus: 'PUBLISHED', authorId: author.id }
    const pages = []
    let cursor
    do {
      const rows = await ctx.prisma.post.findMany({ where, take: 2 + 1, cursor: cursor ? { id: cursor } : undefined, include: listInclude, orderBy: { createdAt: 'desc' } })
      cursor = rows.length > 2 ? rows.pop().id : undefined
      pages.push(rows)
    } while (cursor)
    assert.deepEqual(pages.map((p) => p.length), [2, 2, 1])
    assert.deepEqual(pages.flat().map((p) => p.id), [...ids].reverse())
    assert.deepEqual(pages[0][0]._count, { comments: 1, reactions: 1 })
    // 'popular' sorts through the stats relation.
    const popular = await ctx.prisma.post.findMany({ where, orderBy: [{ stats: { totalReactionCount: 'desc' } }, { createdAt: 'desc' }], take: 5, select: { id: true } })
    assert.equal(popular.length, 5)
  })

  test('deletePost: contentStatus DELETED plus deletedAt removes the post from the app\'s listings', async () => {
    const author = await registeredUser(ctx.prisma)
    const post = await publishedPost(ctx.prisma, author.id)
    const deleted = await ctx.prisma.post.update({ where: { id: post.id }, data: { contentStatus: 'DELETED', deletedAt: new Date() } })
    assert.equal(deleted.contentStatus, 'DELETED')
    assert.ok(deleted.deletedAt instanceof Date)
    const listed = await ctx.prisma.post.findMany({ where: { published: true, contentStatus: 'PUBLISHED', authorId: author.id } })
    assert.equal(listed.length, 0)
    const bySlug = await ctx.prisma.post.findUnique({ where: { slug: post.slug, contentStatus: 'PUBLISHED' } })
    assert.equal(bySlug, null)
  })

  test('the deleted flag: a post marked deleted is filtered by deleted: false and keeps its row', async () => {
    const author = await registeredUser(ctx.prisma)
    const post = await publishedPost(ctx.prisma, author.id)
    const marked = await ctx.prisma.post.update({ where: { id: post.id }, data: { deleted: true, deletedBy: author.id } })
    assert.equal(marked.deleted, true)
    assert.equal((await ctx.prisma.post.findMany({ where: { authorId: author.id, deleted: false } })).length, 0)
    assert.equal((await ctx.prisma.post.count({ where: { authorId: author.id } })), 1)
    if (ctx.target.sparkle) {
      // Phase 005's soft-delete trigger stamps deletedAt when the app sets only the flag.
      const [row] = await ctx.sql('SELECT "deletedAt" IS NOT NULL AS stamped FROM posts WHERE id = $1', [post.id])
      assert.equal(row.stamped, true)
    }
  })

  test('a comment is soft-deleted with deleted + deletedAt and the thread read skips it', async () => {
    const author = await registeredUser(ctx.prisma)
    const post = await publishedPost(ctx.prisma, author.id)
    const keep = await ctx.prisma.comment.create({ data: { content: 'keep', postId: post.id, authorId: author.id } })
    const drop = await ctx.prisma.comment.create({ data: { content: 'drop', postId: post.id, authorId: author.id } })
    await ctx.prisma.comment.update({ where: { id: drop.id }, data: { deleted: true, deletedAt: new Date(), deletedBy: author.id } })
    const thread = await ctx.prisma.comment.findMany({
      where: { postId: post.id, parentId: null, deleted: false },
      include: { author: { select: { id: true, username: true } }, _count: { select: { replies: true, reactions: true } } },
      orderBy: { createdAt: 'desc' },
    })
    assert.deepEqual(thread.map((c) => c.id), [keep.id])
  })

  test('hard-deleting a post cascades to its stats, tags, comments, reactions and bookmarks', async () => {
    const author = await registeredUser(ctx.prisma)
    const fan = await registeredUser(ctx.prisma)
    const tag = unique('tag')
    const post = await publishedPost(ctx.prisma, author.id, { tags: { create: [{ tag: { create: { name: tag, slug: tag } } }] } })
    const comment = await ctx.prisma.comment.create({ data: { content: 'c', postId: post.id, authorId: fan.id } })
    await ctx.prisma.comment.create({ data: { content: 'reply', postId: post.id, authorId: author.id, parentId: comment.id } })
    await ctx.prisma.reaction.create({ data: { type: 'LOVE', postId: post.id, userId: fan.id } })
    await ctx.prisma.reaction.create({ data: { type: 'FIRE', commentId: comment.id, userId: author.id } })
    await ctx.prisma.bookmark.create({ data: { postId: post.id, userId: fan.id } })
    await ctx.prisma.post.delete({ where: { id: post.id } })
    const [row] = await ctx.sql(
      `SELECT (SELECT count(*) FROM post_stats WHERE "postId" = $1)::int AS stats,
              (SELECT count(*) FROM post_tags WHERE "postId" = $1)::int AS post_tags,
              (SELECT count(*) FROM comments WHERE "postId" = $1)::int AS comments,
              (SELECT count(*) FROM reactions WHERE "postId" = $1 OR "commentId" = $2)::int AS reactions,
              (SELECT count(*) FROM bookmarks WHERE "postId" = $1)::int AS bookmarks,
              (SELECT count(*) FROM tags WHERE name = $3)::int AS tag_kept`, [post.id, comment.id, tag])
    assert.deepEqual(row, { stats: 0, post_tags: 0, comments: 0, reactions: 0, bookmarks: 0, tag_kept: 1 })
  })

  test('deleting a user cascades into the partitioned tables and nulls the optional references', async () => {
    const user = await registeredUser(ctx.prisma)
    const other = await registeredUser(ctx.prisma)
    const post = await publishedPost(ctx.prisma, user.id)
    await ctx.prisma.follow.create({ data: { followerId: user.id, followingId: other.id } })
    await ctx.prisma.notification.create({ data: { type: 'SYSTEM', userId: user.id, title: 't', message: 'm' } })
    const sent = await ctx.prisma.notification.create({ data: { type: 'USER_FOLLOWED', userId: other.id, actorId: user.id, title: 't', message: 'm' } })
    await ctx.prisma.xpLog.create({ data: { userId: user.id, amount: 5, source: 'test', totalXp: 5 } })
    await ctx.prisma.currencyTransaction.create({ data: { userId: user.id, amount: 5, currencyType: 'sparkle', transactionType: 'earn', source: 'test', balanceBefore: 100, balanceAfter: 105 } })
    await ctx.prisma.activityStream.create({ data: { userId: user.id, action: 'post.created', entityType: 'post', entityId: post.id } })
    const audit = await ctx.prisma.auditLog.create({ data: { userId: user.id, action: 'CREATE', entityType: 'post', entityId: post.id } })
    const event = await ctx.prisma.analyticsEvent.create({ data: { eventName: 'page', eventType: 'pageview', userId: user.id } })
    await ctx.prisma.user.delete({ where: { id: user.id } })
    const [row] = await ctx.sql(
      `SELECT (SELECT count(*) FROM profiles WHERE "userId" = $1)::int AS profiles,
              (SELECT count(*) FROM user_stats WHERE "userId" = $1)::int AS stats,
              (SELECT count(*) FROM user_balances WHERE "userId" = $1)::int AS balances,
              (SELECT count(*) FROM follows WHERE "followerId" = $1)::int AS follows,
              (SELECT count(*) FROM notifications WHERE "userId" = $1)::int AS notifications,
              (SELECT "actorId" FROM notifications WHERE id = $2) AS actor,
              (SELECT count(*) FROM xp_logs WHERE "userId" = $1)::int AS xp,
              (SELECT count(*) FROM currency_transactions WHERE "userId" = $1)::int AS ledger,
              (SELECT count(*) FROM activity_streams WHERE "userId" = $1)::int AS activity,
              (SELECT "userId" FROM audit_logs WHERE id = $3) AS audit_user,
              (SELECT "userId" FROM analytics_events WHERE id = $4) AS event_user,
              (SELECT "authorId" FROM posts WHERE id = $5) AS author`, [user.id, sent.id, audit.id, event.id, post.id])
    assert.deepEqual(row, { profiles: 0, stats: 0, balances: 0, follows: 0, notifications: 0, actor: null, xp: 0, ledger: 0, activity: 0, audit_user: null, event_user: null, author: null })
  })
})
