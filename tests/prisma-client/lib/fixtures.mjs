// Rows the steps start from, created through Prisma the way the app creates them.
import { unique } from './env.mjs'

/** A user as the app's registration leaves it: user, profile, stats, balance in one nested create. */
export async function registeredUser(prisma, { withStats = true } = {}) {
  const name = unique('u')
  return prisma.user.create({
    data: {
      email: `${name}@example.test`,
      username: name,
      status: 'ACTIVE',
      profile: { create: { displayName: name } },
      ...(withStats ? { stats: { create: {} } } : {}),
      balance: { create: { sparklePoints: 100, lifetimeEarned: 100 } },
    },
  })
}

/** A published post with its stats row, created as the app's createPost does (nested stats create). */
export async function publishedPost(prisma, authorId, extra = {}) {
  const slug = unique('post-')
  return prisma.post.create({
    data: {
      title: `Post ${slug}`,
      slug,
      content: { type: 'doc', blocks: [{ type: 'paragraph', text: 'hello sparkle' }] },
      authorId,
      published: true,
      isDraft: false,
      publishedAt: new Date(),
      contentStatus: 'PUBLISHED',
      moderationStatus: 'AUTO_APPROVED',
      stats: { create: {} },
      ...extra,
    },
  })
}
