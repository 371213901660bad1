using Sparkle.Db.Prisma;
using Sparkle.Db.Tests.Support;
using Sparkle.Db.Verification.Prisma;
using Xunit;

namespace Sparkle.Db.Tests.Partitioning;

/// <summary>
/// After phase 007 the partitioned tables still look to Prisma as v4.3 declares them; the only departure, the primary
/// key widened to (id, partition key), is accepted by the comparer and nothing else is.
/// </summary>
public sealed class PartitionedPrismaShapeTests(MigratedDatabaseFixture db) : IClassFixture<MigratedDatabaseFixture>
{
    // The v4.3 models of the partitioned tables (comments removed) and just enough of User to relate them.
    private static readonly PrismaSchema Schema = PrismaSchema.Parse("""
        datasource db {
          provider = "postgresql"
          url      = env("DATABASE_URL")
        }
        model User {
          id                   String                @id
          analyticsEvents      AnalyticsEvent[]
          activityStreams      ActivityStream[]
          auditLogs            AuditLog[]
          notifications        Notification[]        @relation("notificationUser")
          notificationsSent    Notification[]        @relation("notificationActor")
          xpLogs               XpLog[]
          currencyTransactions CurrencyTransaction[]
          @@map("users")
        }
        enum AuditAction {
          CREATE
          UPDATE
          DELETE
          LOGIN
          LOGOUT
          PERMISSION_CHANGE
          MODERATION_ACTION
          SYSTEM_ACTION
        }
        enum NotificationType {
          POST_LIKED
          POST_COMMENTED
          COMMENT_LIKED
          USER_FOLLOWED
          ACHIEVEMENT_UNLOCKED
          LEVEL_UP
          MENTION
          SYSTEM
          GROUP_INVITE
          GROUP_POST
          EVENT_REMINDER
          WATCH_PARTY_INVITE
          DIRECT_MESSAGE
          YOUTUBE_PREMIERE
          QUEST_COMPLETE
          TRADE_REQUEST
          CONTENT_FEATURED
          MILESTONE_REACHED
        }
        model AnalyticsEvent {
          id         String   @id @default(cuid())
          eventName  String
          eventType  String
          userId     String?
          sessionId  String?
          properties Json?
          context    Json?
          timestamp  DateTime @default(now())
          user User? @relation(fields: [userId], references: [id], onDelete: SetNull)
          @@index([eventName, timestamp(sort: Desc)])
          @@index([userId])
          @@index([sessionId])
          @@index([timestamp])
          @@map("analytics_events")
        }
        model ActivityStream {
          id         String   @id @default(cuid())
          userId     String
          action     String
          entityType String
          entityId   String
          entityData Json?
          metadata   Json?
          visibility String   @default("PUBLIC")
          ipAddress  String?
          userAgent  String?  @db.Text
          createdAt  DateTime @default(now())
          user User @relation(fields: [userId], references: [id], onDelete: Cascade)
          @@index([userId, createdAt(sort: Desc)])
          @@index([entityType, entityId])
          @@index([action])
          @@index([visibility, createdAt(sort: Desc)])
          @@index([userId, visibility, createdAt(sort: Desc)])
          @@map("activity_streams")
        }
        model AuditLog {
          id           String      @id @default(cuid())
          userId       String?
          action       AuditAction
          entityType   String
          entityId     String
          entityData   Json?
          changedData  Json?
          reason       String?
          ipAddress    String?
          userAgent    String?     @db.Text
          sessionId    String?
          requestId    String?
          duration     Int?
          errorMessage String?
          metadata     Json?
          createdAt    DateTime    @default(now())
          user User? @relation(fields: [userId], references: [id], onDelete: SetNull)
          @@index([userId])
          @@index([action])
          @@index([entityType, entityId])
          @@index([createdAt])
          @@map("audit_logs")
        }
        model Notification {
          id          String           @id @default(cuid())
          type        NotificationType
          userId      String
          actorId     String?
          entityId    String?
          entityType  String?
          title       String
          message     String           @db.Text
          data        Json?
          imageUrl    String?
          actionUrl   String?
          priority    Int              @default(0)
          read        Boolean          @default(false)
          readAt      DateTime?
          clicked     Boolean          @default(false)
          clickedAt   DateTime?
          emailSent   Boolean          @default(false)
          pushSent    Boolean          @default(false)
          smsSent     Boolean          @default(false)
          dismissed   Boolean          @default(false)
          dismissedAt DateTime?
          expiresAt   DateTime?
          createdAt   DateTime         @default(now())
          updatedAt   DateTime         @updatedAt
          user  User  @relation("notificationUser", fields: [userId], references: [id], onDelete: Cascade)
          actor User? @relation("notificationActor", fields: [actorId], references: [id], onDelete: SetNull)
          @@index([userId, read, createdAt(sort: Desc)])
          @@index([actorId])
          @@index([type])
          @@index([priority])
          @@index([expiresAt])
          @@index([userId, priority, read, createdAt(sort: Desc)])
          @@index([userId, type, createdAt(sort: Desc)])
          @@map("notifications")
        }
        model XpLog {
          id         String   @id @default(cuid())
          userId     String
          amount     Int
          source     String
          sourceId   String?
          reason     String?
          multiplier Float    @default(1)
          bonusXp    Int      @default(0)
          totalXp    Int
          metadata   Json?
          createdAt  DateTime @default(now())
          user User @relation(fields: [userId], references: [id], onDelete: Cascade)
          @@index([userId, createdAt(sort: Desc)])
          @@index([source])
          @@map("xp_logs")
        }
        model CurrencyTransaction {
          id              String   @id @default(cuid())
          userId          String
          amount          Int
          currencyType    String
          transactionType String
          source          String
          sourceId        String?
          description     String?
          referenceId     String?
          referenceType   String?
          balanceBefore   Int
          balanceAfter    Int
          metadata        Json?
          createdAt       DateTime @default(now())
          user User @relation(fields: [userId], references: [id], onDelete: Cascade)
          @@index([userId, createdAt(sort: Desc)])
          @@index([transactionType])
          @@index([source])
          @@map("currency_transactions")
        }
        """);

    [Fact]
    public async Task Partitioned_tables_match_the_prisma_models_apart_from_the_recorded_primary_key_departure()
    {
        await using var connection = await db.OpenAsync();

        var differences = await PrismaSchemaComparer.CompareAsync(connection, Schema);

        Assert.Empty(differences);
    }

    [Fact]
    public async Task A_widened_primary_key_on_a_plain_table_is_still_reported()
    {
        await using var connection = await db.OpenAsync();
        var actual = await PrismaCatalogReader.ReadAsync(connection);
        var withoutPartitionKeys = actual with { PartitionKeys = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal) };

        var differences = PrismaSchemaComparer.Compare(PrismaDatabaseModel.FromSchema(Schema), withoutPartitionKeys);

        Assert.Equal(6, differences.Count(d => d.Kind == SchemaDifferenceKind.PrimaryKeyDiffers));
    }
}
