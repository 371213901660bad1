using Npgsql;
using Sparkle.Db.Benchmarks;
using Sparkle.Db.Scaling;
using Sparkle.Db.Tests.Cli;
using Sparkle.Db.Tests.Support;
using Xunit;

namespace Sparkle.Db.Tests.Scaling;

/// <summary>Issue 14: the static Citus readiness check, on the migrated database and the hot queries of db/queries.</summary>
public sealed class CitusReadinessTests(MigratedDatabaseFixture db) : IClassFixture<MigratedDatabaseFixture>
{
    [Fact]
    public async Task Unique_keys_without_the_distribution_column_are_listed_and_those_with_it_are_not()
    {
        var report = await CheckAsync(DistributionPlan.Proposed);
        var flagged = Objects(report, CitusFindingKind.UniqueWithoutDistributionColumn);

        Assert.Contains("messages_pkey", flagged);
        Assert.Contains("users_email_key", flagged);
        Assert.DoesNotContain("users_pkey", flagged);

        // Oracle from information_schema: every PRIMARY KEY / UNIQUE constraint of a distributed table whose columns
        // leave out its distribution column must be among the findings.
        await using var connection = await db.OpenAsync();
        var expected = new List<string>();
        foreach (var table in DistributionPlan.Proposed.Distributed)
        {
            expected.AddRange(await connection.ColumnAsync<string>(
                """
                SELECT tc.constraint_name::text FROM information_schema.table_constraints tc
                 WHERE tc.table_schema = 'public' AND tc.table_name = $1 AND tc.constraint_type IN ('PRIMARY KEY', 'UNIQUE')
                   AND NOT EXISTS (SELECT FROM information_schema.key_column_usage k
                                    WHERE k.constraint_schema = tc.constraint_schema AND k.constraint_name = tc.constraint_name
                                      AND k.table_name = tc.table_name AND k.column_name = $2)
                """, table.Table, table.Column));
        }

        Assert.NotEmpty(expected);
        Assert.Subset(flagged.ToHashSet(), expected.ToHashSet());
    }

    [Fact]
    public async Task Foreign_keys_across_co_location_groups_are_listed_and_a_key_to_key_one_is_not()
    {
        var report = await CheckAsync(DistributionPlan.Proposed);

        Assert.Contains("messages_senderId_fkey", Objects(report, CitusFindingKind.ForeignKeyAcrossShards));
        Assert.Contains("notifications_actorId_fkey", Objects(report, CitusFindingKind.ForeignKeyAcrossShards));
        Assert.Contains("posts_authorId_fkey", Objects(report, CitusFindingKind.ForeignKeyUnsupported));
        var all = report.Findings.Select(f => f.Object).ToHashSet();
        Assert.DoesNotContain("messages_conversationId_fkey", all);
        Assert.DoesNotContain("notifications_userId_fkey", all);
    }

    [Fact]
    public async Task Counter_triggers_that_write_other_users_rows_are_listed()
    {
        var report = await CheckAsync(DistributionPlan.Proposed);
        var follow = Assert.Single(report.Findings, f => f.Kind == CitusFindingKind.TriggerCrossesShards && f.Object == "maintain_follow_counters_insert");

        Assert.Equal("follows", follow.Table);
        Assert.Contains("user_stats (distributed by \"userId\"", follow.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hot_queries_without_the_distribution_key_are_listed_and_keyed_ones_are_not()
    {
        var report = await CheckAsync(DistributionPlan.Proposed);
        var flagged = Objects(report, CitusFindingKind.QueryWithoutDistributionKey);

        Assert.Contains("user_profile", flagged);
        Assert.DoesNotContain("conversation_messages", flagged);
        Assert.DoesNotContain("notification_panel", flagged);
        Assert.Equal(report.QueriesChecked - flagged.Count, report.QueriesRoutable);
    }

    [Fact]
    public async Task A_different_plan_gives_different_findings()
    {
        // Messages by their own id: the primary key is then fine, and the conversation FK is the one that crosses shards.
        var plan = new DistributionPlan([new("messages", "id", "message"), new("conversations", "id", "conversation")], []);
        var report = await CheckAsync(plan);

        Assert.DoesNotContain("messages_pkey", Objects(report, CitusFindingKind.UniqueWithoutDistributionColumn));
        Assert.Contains("messages_conversationId_fkey", Objects(report, CitusFindingKind.ForeignKeyAcrossShards));
    }

    [Fact]
    public async Task The_command_prints_the_report_and_exits_zero()
    {
        var run = await CliRun.RunAsync("citus-check", "--database-url", db.ConnectionString);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("messages_pkey", run.Output, StringComparison.Ordinal);
        Assert.Contains("Citus readiness:", run.Output, StringComparison.Ordinal);
    }

    private async Task<CitusReport> CheckAsync(DistributionPlan plan)
    {
        await using var connection = await db.OpenAsync();
        return await CitusReadiness.CheckAsync(connection, plan, HotQueryCatalog.Embedded());
    }

    private static List<string> Objects(CitusReport report, CitusFindingKind kind) =>
        report.Findings.Where(f => f.Kind == kind).Select(f => f.Object).ToList();
}
