// Following (src/server/services/user.service.ts): the follow transaction's call shapes, follower lists read
// with include + cursor pagination, the profile read with _count, unfollow and block. Whether the counters it
// touches end up right is test/counters.test.mjs.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { registeredUser } from '../lib/fixtures.mjs'
import { onEachDatabase, rejectsWith } from '../lib/suite.mjs'

onEachDatabase('social graph', (ctx) => {
  // followUser's transaction: compound-unique lookup, block check with OR, create, two stats upserts.
  async function follow(followerId, followingId) {
    return ctx.prisma.$transaction(async (tx) => {
      const existing = await tx.follow.findUnique({ where: { followerId_followingId: { followerId, followingId } } })
      if (existing) throw new Error('already following')
      const block = await tx.block.findFirst({
        where: { OR: [{ blockerId: followerId, blockedId: followingId }, { blockerId: followingId, blockedId: followerId }] },
      })
      if (block) throw new Error('blocked')
      const created = await tx.follow.create({ data: { followerId, followingId } })
      await Promise.all([
        tx.userStats.upsert({ where: { userId: followerId }, create: { userId: followerId, totalFollowing: 1 }, update: { totalFollowing: { increment: 1 } } }),
        tx.userStats.upsert({ where: { userId: followingId }, create: { userId: followingId, totalFollowers: 1 }, update: { totalFollowers: { increment: 1 } } }),
      ])
      return created
    })
  }

  test('the follow transaction commits its follow; a second follow is refused by the unique key (P2002)', async () => {
    const [a, b] = [await registeredUser(ctx.prisma), await registeredUser(ctx.prisma)]
    const created = await follow(a.id, b.id)
    assert.equal(created.followerId, a.id)
    await rejectsWith(ctx.prisma.follow.create({ data: { followerId: a.id, followingId: b.id } }), 'P2002')
    const [row] = await ctx.sql('SELECT count(*)::int AS n FROM follows WHERE "followerId" = $1 AND "followingId" = $2', [a.id, b.id])
    assert.equal(row.n, 1)
  })

  test('followers page by cursor: take limit+1, include the follower profile, pages disjoint and complete', async () => {
    const star = await registeredUser(ctx.prisma)
    const fans = []
    for (let i = 0; i < 7; i++) fans.push(await registeredUser(ctx.prisma))
    // Distinct createdAt so the order (createdAt desc) is total.
    const base = Date.now() - 60_000
    for (const [i, fan] of fans.entries()) {
      await ctx.prisma.follow.create({ data: { followerId: fan.id, followingId: star.id, createdAt: new Date(base + i * 1000) } })
    }
    const seen = []
    let cursor
    let pages = 0
    do {
      const rows = await ctx.prisma.follow.findMany({
        where: { followingId: star.id },
        take: 3 + 1,
        cursor: cursor ? { id: cursor } : undefined,
        include: { follower: { select: { id: true, username: true, image: true, profile: { select: { displayName: true } } } } },
        orderBy: { createdAt: 'desc' },
      })
      cursor = rows.length > 3 ? rows.pop().id : undefined
      seen.push(...rows.map((r) => r.follower.id))
      assert.ok(rows.every((r) => r.follower.profile.displayName === r.follower.username))
      pages += 1
    } while (cursor)
    assert.equal(pages, 3)
    assert.deepEqual(seen, fans.map((f) => f.id).reverse())
  })

  test('the profile read counts published posts, followers and following with _count', async () => {
    const [me, other, third] = [await registeredUser(ctx.prisma), await registeredUser(ctx.prisma), await registeredUser(ctx.prisma)]
    await ctx.prisma.follow.createMany({ data: [{ followerId: other.id, followingId: me.id }, { followerId: third.id, followingId: me.id }, { followerId: me.id, followingId: other.id }] })
    await ctx.prisma.post.create({ data: { title: 'p1', slug: `${me.username}-1`, content: {}, authorId: me.id, published: true } })
    await ctx.prisma.post.create({ data: { title: 'p2', slug: `${me.username}-2`, content: {}, authorId: me.id, published: false } })
    const profile = await ctx.prisma.user.findUnique({
      where: { username: me.username, deleted: false },
      select: {
        id: true, username: true, profile: { select: { displayName: true } }, stats: true,
        _count: { select: { posts: { where: { published: true } }, followers: true, following: true } },
      },
    })
    assert.deepEqual(profile._count, { posts: 1, followers: 2, following: 1 })
    assert.equal(profile.profile.displayName, me.username)
  })

  test('unfollow deletes by the compound key; deleting it again is P2025', async () => {
    const [a, b] = [await registeredUser(ctx.prisma), await registeredUser(ctx.prisma)]
    await follow(a.id, b.id)
    await ctx.prisma.follow.delete({ where: { followerId_followingId: { followerId: a.id, followingId: b.id } } })
    await rejectsWith(ctx.prisma.follow.delete({ where: { followerId_followingId: { followerId: a.id, followingId: b.id } } }), 'P2025')
  })

  test('block removes follows both ways with deleteMany inside the transaction', async () => {
    const [a, b] = [await registeredUser(ctx.prisma), await registeredUser(ctx.prisma)]
    await ctx.prisma.follow.createMany({ data: [{ followerId: a.id, followingId: b.id }, { followerId: b.id, followingId: a.id }] })
    const removed = await ctx.prisma.$transaction(async (tx) => {
      await tx.block.create({ data: { blockerId: a.id, blockedId: b.id, reason: 'spam' } })
      return tx.follow.deleteMany({ where: { OR: [{ followerId: a.id, followingId: b.id }, { followerId: b.id, followingId: a.id }] } })
    })
    assert.equal(removed.count, 2)
    await assert.rejects(follow(b.id, a.id), /blocked/)
  })
})
