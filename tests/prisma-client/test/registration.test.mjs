// Registration as the app does it (src/services/user.service.ts createUser): one interactive transaction,
// ReadCommitted, that creates the user, then profile + stats + balance + notification preferences side by
// side (Promise.all inside the transaction), the welcome-bonus ledger row, a welcome notification and an XP log
// (the last three in phase 007's partitioned tables). And the nested-create form of the same rows.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { Prisma } from '@prisma/client'
import { unique } from '../lib/env.mjs'
import { onEachDatabase } from '../lib/suite.mjs'

onEachDatabase('registration', (ctx) => {
  async function register(tx, name) {
    const user = await tx.user.create({
      data: { email: `${name}@example.test`, username: name, hashedPassword: 'x', authProvider: 'LOCAL', status: 'PENDING_VERIFICATION', role: 'USER' },
    })
    await Promise.all([
      tx.profile.create({ data: { userId: user.id, displayName: name, profileCompleteness: 20 } }),
      tx.userStats.create({ data: { userId: user.id } }),
      tx.userBalance.create({ data: { userId: user.id, sparklePoints: 100, lifetimeEarned: 100 } }),
      tx.notificationPreference.create({ data: { userId: user.id } }),
    ])
    await tx.currencyTransaction.create({
      data: { userId: user.id, amount: 100, currencyType: 'sparkle', transactionType: 'earn', source: 'welcome_bonus', description: 'Welcome', balanceBefore: 0, balanceAfter: 100 },
    })
    await tx.notification.create({ data: { type: 'SYSTEM', userId: user.id, title: 'Welcome', message: 'Your journey begins', priority: 1 } })
    await tx.xpLog.create({ data: { userId: user.id, amount: 10, source: 'account_created', reason: 'Created account', totalXp: 10 } })
    return user
  }

  test('the registration transaction writes the user and its seven companion rows once', async () => {
    const name = unique('reg')
    const user = await ctx.prisma.$transaction((tx) => register(tx, name), { isolationLevel: Prisma.TransactionIsolationLevel.ReadCommitted })
    const [row] = await ctx.sql(
      `SELECT (SELECT count(*) FROM profiles WHERE "userId" = $1)::int AS profiles,
              (SELECT count(*) FROM user_stats WHERE "userId" = $1)::int AS stats,
              (SELECT "sparklePoints" FROM user_balances WHERE "userId" = $1) AS points,
              (SELECT count(*) FROM notification_preferences WHERE "userId" = $1)::int AS prefs,
              (SELECT count(*) FROM currency_transactions WHERE "userId" = $1)::int AS ledger,
              (SELECT count(*) FROM notifications WHERE "userId" = $1)::int AS notifications,
              (SELECT count(*) FROM xp_logs WHERE "userId" = $1)::int AS xp`,
      [user.id])
    assert.deepEqual(row, { profiles: 1, stats: 1, points: 100, prefs: 1, ledger: 1, notifications: 1, xp: 1 })
    if (ctx.target.sparkle) {
      // Phase 007: the ledger, notification and XP rows sit in the partition of their month.
      const places = await ctx.sql(
        `SELECT tableoid::regclass::text AS p, 'notifications_' || to_char("createdAt", 'YYYY_MM') AS month FROM notifications WHERE "userId" = $1
         UNION ALL SELECT tableoid::regclass::text, 'xp_logs_' || to_char("createdAt", 'YYYY_MM') FROM xp_logs WHERE "userId" = $1
         UNION ALL SELECT tableoid::regclass::text, 'currency_transactions_' || to_char("createdAt", 'YYYY_MM') FROM currency_transactions WHERE "userId" = $1`, [user.id])
      assert.equal(places.length, 3)
      for (const { p, month } of places) assert.equal(p, month)
    }
  })

  test('a registration that fails part-way leaves nothing behind, in plain or partitioned tables', async () => {
    const name = unique('regfail')
    await assert.rejects(ctx.prisma.$transaction(async (tx) => {
      await register(tx, name)
      throw new Error('email service down')
    }), /email service down/)
    const [row] = await ctx.sql(
      `SELECT (SELECT count(*) FROM users WHERE username = $1)::int AS users,
              (SELECT count(*) FROM notifications n JOIN users u ON u.id = n."userId" WHERE u.username = $1)::int AS notifications`, [name])
    assert.deepEqual(row, { users: 0, notifications: 0 })
    const [orphans] = await ctx.sql(`SELECT count(*)::int AS n FROM xp_logs x WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.id = x."userId")`)
    assert.equal(orphans.n, 0)
  })

  test('the nested create returns user, profile, stats and balance in one call', async () => {
    const name = unique('nest')
    const user = await ctx.prisma.user.create({
      data: {
        email: `${name}@example.test`,
        username: name,
        profile: { create: { displayName: name } },
        stats: { create: {} },
        balance: { create: { sparklePoints: 100, lifetimeEarned: 100 } },
        notificationPrefs: { create: {} },
      },
      include: { profile: true, stats: true, balance: true, notificationPrefs: true },
    })
    assert.equal(user.profile.displayName, name)
    assert.equal(user.stats.totalFollowers, 0)
    assert.equal(user.balance.sparklePoints, 100)
    assert.equal(user.notificationPrefs.userId, user.id)
    const [row] = await ctx.sql(`SELECT "updatedAt" IS NOT NULL AS stamped FROM user_stats WHERE "userId" = $1`, [user.id])
    assert.equal(row.stamped, true)
  })

  test('the referral bonus: balance increments and a notification in one ReadCommitted transaction', async () => {
    const name = unique('ref')
    const referrer = await ctx.prisma.user.create({
      data: { email: `${name}@example.test`, username: name, balance: { create: { sparklePoints: 100, lifetimeEarned: 100 } } },
    })
    await ctx.prisma.$transaction(async (tx) => {
      await tx.userBalance.update({ where: { userId: referrer.id }, data: { sparklePoints: { increment: 500 }, lifetimeEarned: { increment: 500 } } })
      await tx.notification.create({ data: { type: 'SYSTEM', userId: referrer.id, title: 'Referral', message: 'bonus', data: { bonus: 500 } } })
    }, { isolationLevel: Prisma.TransactionIsolationLevel.ReadCommitted })
    const balance = await ctx.prisma.userBalance.findUnique({ where: { userId: referrer.id } })
    assert.equal(balance.sparklePoints, 600)
    assert.equal(balance.lifetimeEarned, 600)
    const notes = await ctx.prisma.notification.findMany({ where: { userId: referrer.id } })
    assert.equal(notes.length, 1)
    assert.deepEqual(notes[0].data, { bonus: 500 })
  })
})
