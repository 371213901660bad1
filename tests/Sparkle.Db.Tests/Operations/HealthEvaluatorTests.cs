using Sparkle.Db.Monitoring;
using Sparkle.Db.Verification;
using Xunit;

namespace Sparkle.Db.Tests.Operations;

/// <summary>The colours of the dashboard's health checks at and around their thresholds, on hand-made readings.</summary>
public sealed class HealthEvaluatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
    private static readonly MonitorThresholds Thresholds = new();

    [Theory]
    [InlineData(79.9, HealthLevel.Green)]
    [InlineData(80, HealthLevel.Amber)]
    [InlineData(94.9, HealthLevel.Amber)]
    [InlineData(95, HealthLevel.Red)]
    public void Connections_turn_amber_at_the_monitor_threshold_and_red_at_95_percent(double percent, HealthLevel expected)
    {
        var report = Report() with { Connections = new ConnectionSummary(1, 1, 0, 0, 100, percent, false) };
        Assert.Equal(expected, Check(Inputs(report), "Connections").Level);
    }

    [Theory]
    [InlineData(null, HealthLevel.None)]
    [InlineData(0.995, HealthLevel.Green)]
    [InlineData(0.99, HealthLevel.Green)]
    [InlineData(0.96, HealthLevel.Amber)]
    [InlineData(0.94, HealthLevel.Red)]
    public void The_cache_hit_ratio_is_green_from_the_target_amber_within_four_points_below_it_and_red_beyond(double? ratio, HealthLevel expected)
    {
        var report = Report() with { CacheHitRatios = [new CacheHitRatio("table", 1, 1, ratio, false)] };
        Assert.Equal(expected, Check(Inputs(report), "Cache hit ratio (tables)").Level);
    }

    [Fact]
    public void A_blocking_lock_is_amber_and_red_once_the_wait_reaches_the_long_running_threshold()
    {
        BlockingLock Waiting(double seconds) => new(2, "u", "q", seconds, "relation", 1, "u", "idle in transaction", "q", 100);

        Assert.Equal(HealthLevel.Green, Check(Inputs(Report()), "Blocking locks").Level);
        Assert.Equal(HealthLevel.Amber, Check(Inputs(Report() with { BlockingLocks = [Waiting(59)] }), "Blocking locks").Level);
        var red = Check(Inputs(Report() with { BlockingLocks = [Waiting(60)] }), "Blocking locks");
        Assert.Equal(HealthLevel.Red, red.Level);
        Assert.Contains("60 s", red.Threshold, StringComparison.Ordinal);
        Assert.NotNull(red.Advice);
    }

    [Fact]
    public void Maintenance_is_amber_when_never_run_or_stale_or_degraded_and_red_when_down()
    {
        Assert.Equal(HealthLevel.Amber, Check(Inputs(Report()), "Maintenance").Level);
        Assert.Equal(HealthLevel.Green, Check(Inputs(Report()) with { LastMaintenance = (Now.AddHours(-2), "healthy") }, "Maintenance").Level);
        Assert.Equal(HealthLevel.Amber, Check(Inputs(Report()) with { LastMaintenance = (Now.AddHours(-25), "healthy") }, "Maintenance").Level);
        Assert.Equal(HealthLevel.Amber, Check(Inputs(Report()) with { LastMaintenance = (Now.AddHours(-1), "degraded") }, "Maintenance").Level);
        Assert.Equal(HealthLevel.Red, Check(Inputs(Report()) with { LastMaintenance = (Now.AddHours(-1), "down") }, "Maintenance").Level);
    }

    [Fact]
    public void Counters_say_so_without_a_check_and_turn_red_on_one_failure()
    {
        var none = Check(Inputs(Report()), "Counter consistency");
        Assert.Equal((HealthLevel.None, "no counter check"), (none.Level, none.Value));
        var failing = Inputs(Report()) with { CounterChecks = [new CheckResult("counters.posts", true, "", ""), new CheckResult("counters.users", false, "", "")] };
        var red = Check(failing, "Counter consistency");
        Assert.Equal((HealthLevel.Red, "1 of 2 checks fail"), (red.Level, red.Value));
    }

    [Fact]
    public void Partitions_are_red_when_this_month_is_uncovered_amber_when_fewer_than_two_months_ahead_and_red_with_rows_in_default()
    {
        PartitionedTable Table(bool current, int ahead, long? defaultRows, int busy = 0) =>
            new("xp_logs", "RANGE (\"createdAt\")", 4, null, null, current, ahead, "public.xp_logs_default", defaultRows, 12, "detach", busy);

        Assert.Equal(HealthLevel.None, Check(Inputs(Report()), "Partition coverage").Level);
        Assert.Equal(HealthLevel.Green, Check(Inputs(Report()) with { Partitions = [Table(true, 2, 0)] }, "Partition coverage").Level);
        Assert.Equal(HealthLevel.Amber, Check(Inputs(Report()) with { Partitions = [Table(true, 1, 0)] }, "Partition coverage").Level);
        Assert.Equal(HealthLevel.Red, Check(Inputs(Report()) with { Partitions = [Table(false, 3, 0)] }, "Partition coverage").Level);
        Assert.Equal(HealthLevel.Amber, Check(Inputs(Report()) with { Partitions = [Table(false, 3, null, busy: 1)] }, "Partition coverage").Level);
        Assert.Equal(HealthLevel.Green, Check(Inputs(Report()) with { Partitions = [Table(true, 2, 0)] }, "Rows in DEFAULT partitions").Level);
        Assert.Equal(HealthLevel.Red, Check(Inputs(Report()) with { Partitions = [Table(true, 2, 5)] }, "Rows in DEFAULT partitions").Level);
    }

    [Fact]
    public void Replication_is_not_applicable_without_standbys_and_judged_by_the_worst_lag_with_them()
    {
        ReplicaLag Replica(double? lag) => new(1, "standby", "10.0.0.2", "streaming", "async", lag, lag, lag, 0);

        Assert.Equal(HealthLevel.None, Check(Inputs(Report()), "Replication lag").Level);
        Assert.Equal(HealthLevel.Green, Check(Inputs(Report()) with { Replication = new(false, null, [Replica(null)]) }, "Replication lag").Level);
        Assert.Equal(HealthLevel.Amber, Check(Inputs(Report()) with { Replication = new(false, null, [Replica(1), Replica(30)]) }, "Replication lag").Level);
        Assert.Equal(HealthLevel.Red, Check(Inputs(Report()) with { Replication = new(true, 90, []) }, "Replication lag").Level);
    }

    [Fact]
    public void A_full_list_is_reported_as_at_least_its_length()
    {
        var unused = Enumerable.Range(0, Thresholds.Top).Select(i => new IndexFinding("unused", "t", "i" + i, 8192, 0, null)).ToArray();
        var report = Report() with { Indexes = new IndexReport(null, true, unused, [], []) };
        Assert.StartsWith("at least 10 ", Check(Inputs(report), "Unused indexes").Value, StringComparison.Ordinal);
    }

    private static HealthCheck Check(HealthInputs inputs, string name) => Assert.Single(HealthEvaluator.Evaluate(inputs), c => c.Name == name);

    private static HealthInputs Inputs(MonitorReport report) =>
        new(Now, report, new DatabaseFacts("15", "db", 1, Now.AddDays(-1), 1000, 200_000_000, false), [], new ReplicationStatus(false, null, []), [], null, null);

    private static MonitorReport Report() => new(
        Now, "db", Thresholds, [], new StatementReport(null, null, [], []), new IndexReport(null, true, [], [], []), [], [], [], [],
        new ConnectionSummary(1, 1, 0, 0, 100, 1, false), [], []);
}
