// Transactions and bulk writes as the app sends them: awardXP's interactive transaction
// (gamification.service), the achievement reward's batch transaction ($transaction([...]), achievement.service),
// createMany with and without skipDuplicates (notifications, message reads), updateMany (markAllAsRead) and the
// daily-activity upsert by compound key with increments.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { Prisma } from '@prisma/client'
import { unique } from '../lib/env.mjs'
import { registeredUser } from '../lib/fixtures.mjs'
import { onEachDatabase, rejectsWith } from '../lib/suite.mjs'

onEachDatabase('transactions and bulk writes', (ctx) => {
  // The XP stays below level 2 so that no level-up path (the database's or the app's) is involved here.
  async function awardXP(userId, amount, source) {
    return ctx.prisma.$transaction(async (tx) => {
      const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true, experience: true, level: true, username: true } })
      const newXP = user.experience + amount
      const updated = await tx.user.update({ where: { id: userId }, data: { experience: newXP, version: { increment: 1 } } })
      await tx.xpLog.create({ data: { userId, amount, source, reason: `Earned ${amount} XP from ${source}`, totalXp: newXP, metadata: {} } })
      const today = new Date()
      today.setUTCHours(0, 0, 0, 0)
      await tx.userActivity.upsert({
        where: { userId_date: { userId, date: today } },
        create: { userId, date: today, pageViews: 1 },
        update: { pageViews: { increment: 1 } },
      })
      await tx.auditLog.create({ data: { userId, action: 'UPDATE', entityType: 'xp', entityId: userId, entityData: { oldXP: user.experience, newXP, amount }, reason: 'XP awarded' } })
      return updated
    })
  }

  test('awardXP: the interactive transaction updates the user and writes XP log, daily activity and audit row', async () => {
    const user = await registeredUser(ctx.prisma)
    await awardXP(user.id, 5, 'follow')
    const updated = await awardXP(user.id, 3, 'followed')
    assert.equal(updated.experience, 8)
    assert.equal(updated.version, 2)
    const [row] = await ctx.sql(
      `SELECT (SELECT sum(amount) FROM xp_logs WHERE "userId" = $1)::int AS xp,
              (SELECT "pageViews" FROM user_activity WHERE "userId" = $1) AS views,
              (SELECT count(*) FROM audit_logs WHERE "userId" = $1 AND "entityType" = 'xp')::int AS audits`, [user.id])
    assert.deepEqual(row, { xp: 8, views: 2, audits: 2 })
  })

  test('an interactive transaction that throws rolls back the partitioned rows it wrote', async () => {
    const user = await registeredUser(ctx.prisma)
    await assert.rejects(ctx.prisma.$transaction(async (tx) => {
      await tx.xpLog.create({ data: { userId: user.id, amount: 5, source: 'rollback', totalXp: 5 } })
      await tx.auditLog.create({ data: { userId: user.id, action: 'UPDATE', entityType: 'xp', entityId: user.id } })
      await tx.user.update({ where: { id: 'no-such-user' }, data: { experience: 1 } })
    }), (e) => e.code === 'P2025')
    const [row] = await ctx.sql(`SELECT (SELECT count(*) FROM xp_logs WHERE "userId" = $1)::int + (SELECT count(*) FROM audit_logs WHERE "userId" = $1)::int AS n`, [user.id])
    assert.equal(row.n, 0)
  })

  test('Serializable interactive transactions run and commit', async () => {
    const user = await registeredUser(ctx.prisma)
    await ctx.prisma.$transaction(async (tx) => {
      const balance = await tx.userBalance.findUnique({ where: { userId: user.id } })
      await tx.userBalance.update({ where: { userId: user.id, version: balance.version }, data: { sparklePoints: balance.sparklePoints - 10, lifetimeSpent: { increment: 10 }, version: { increment: 1 } } })
      await tx.currencyTransaction.create({ data: { userId: user.id, amount: -10, currencyType: 'sparkle', transactionType: 'spend', source: 'store', balanceBefore: balance.sparklePoints, balanceAfter: balance.sparklePoints - 10 } })
    }, { isolationLevel: Prisma.TransactionIsolationLevel.Serializable })
    const balance = await ctx.prisma.userBalance.findUnique({ where: { userId: user.id } })
    assert.equal(balance.sparklePoints, 90)
  })

  test('achievement reward: the batch transaction applies the increment and the XP log together', async () => {
    const user = await registeredUser(ctx.prisma)
    const [updated, log] = await ctx.prisma.$transaction([
      ctx.prisma.user.update({ where: { id: user.id }, data: { experience: { increment: 7 }, sparklePoints: { increment: 25 } } }),
      ctx.prisma.xpLog.create({ data: { userId: user.id, amount: 7, source: 'achievement', sourceId: 'ach', reason: 'Unlocked', totalXp: 0 } }),
    ])
    assert.equal(updated.experience, 7)
    assert.equal(updated.sparklePoints, 25)
    assert.equal(log.amount, 7)
  })

  test('a batch transaction whose second write fails undoes the first', async () => {
    const user = await registeredUser(ctx.prisma)
    await rejectsWith(ctx.prisma.$transaction([
      ctx.prisma.user.update({ where: { id: user.id }, data: { experience: { increment: 7 } } }),
      ctx.prisma.xpLog.create({ data: { userId: 'no-such-user', amount: 7, source: 'achievement', totalXp: 0 } }),
    ]), 'P2003')
    const [row] = await ctx.sql('SELECT experience FROM users WHERE id = $1', [user.id])
    assert.equal(row.experience, 0)
  })

  test('createMany into notifications, then markAllAsRead with updateMany and a count of unread', async () => {
    const users = [await registeredUser(ctx.prisma), await registeredUser(ctx.prisma), await registeredUser(ctx.prisma)]
    const created = await ctx.prisma.notification.createMany({
      data: users.flatMap((u) => [1, 2].map((i) => ({ type: 'SYSTEM', userId: u.id, title: `Announcement ${i}`, message: 'm', expiresAt: new Date(Date.now() + 86_400_000) }))),
    })
    assert.equal(created.count, 6)
    assert.equal(await ctx.prisma.notification.count({ where: { userId: users[0].id, read: false, OR: [{ expiresAt: null }, { expiresAt: { gt: new Date() } }] } }), 2)
    const marked = await ctx.prisma.notification.updateMany({ where: { userId: users[0].id, read: false }, data: { read: true, readAt: new Date() } })
    assert.equal(marked.count, 2)
    assert.equal(await ctx.prisma.notification.count({ where: { userId: { in: users.map((u) => u.id) }, read: false } }), 4)
  })

  test('createMany with skipDuplicates skips rows that hit a unique key (message reads)', async () => {
    const [a, b] = [await registeredUser(ctx.prisma), await registeredUser(ctx.prisma)]
    const conversation = await ctx.prisma.conversation.create({
      data: { isGroup: false, createdBy: a.id, participants: { createMany: { data: [{ userId: a.id }, { userId: b.id }] } } },
      include: { participants: true },
    })
    assert.equal(conversation.participants.length, 2)
    const messages = []
    for (let i = 0; i < 3; i++) messages.push(await ctx.prisma.message.create({ data: { conversationId: conversation.id, senderId: a.id, content: `m${i}` } }))
    const first = await ctx.prisma.messageRead.createMany({ data: messages.slice(0, 2).map((m) => ({ messageId: m.id, userId: b.id })), skipDuplicates: true })
    const second = await ctx.prisma.messageRead.createMany({ data: messages.map((m) => ({ messageId: m.id, userId: b.id })), skipDuplicates: true })
    assert.deepEqual([first.count, second.count], [2, 1])
  })

  test('the daily-activity upsert by compound key increments the same row', async () => {
    const user = await registeredUser(ctx.prisma)
    const date = new Date(Date.UTC(2026, 10, 15))
    for (let i = 0; i < 3; i++) {
      await ctx.prisma.userActivity.upsert({
        where: { userId_date: { userId: user.id, date } },
        create: { userId: user.id, date, postsCreated: 1, pageViews: 1, minutesActive: 1 },
        update: { postsCreated: { increment: 1 }, pageViews: { increment: 1 }, minutesActive: { increment: 1 } },
      })
    }
    const rows = await ctx.prisma.userActivity.findMany({ where: { userId: user.id } })
    assert.equal(rows.length, 1)
    assert.deepEqual([rows[0].postsCreated, rows[0].pageViews, rows[0].minutesActive], [3, 3, 3])
  })

  test('a second interactive transaction on a unique name fails with P2002 and leaves the first intact', async () => {
    const name = unique('dup')
    await ctx.prisma.user.create({ data: { email: `${name}@example.test`, username: name } })
    await rejectsWith(ctx.prisma.$transaction(async (tx) => tx.user.create({ data: { email: `${name}2@example.test`, username: name } })), 'P2002')
    assert.equal(await ctx.prisma.user.count({ where: { username: name } }), 1)
  })
})
