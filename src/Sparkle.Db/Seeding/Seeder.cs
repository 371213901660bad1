using System.Diagnostics;
using Npgsql;
using Sparkle.Db.Connections;

namespace Sparkle.Db.Seeding;

/// <summary>
/// Fills a database that has migration 000 (and possibly the later phases) with realistic synthetic data through
/// binary COPY, then recomputes the derived counters (user_stats, post_stats, tags, groups, conversations …) in
/// set-based SQL, so they agree with the rows whether or not the phase-005 triggers ran during the load.
/// </summary>
/// <remarks>
/// Deterministic: every value comes from <see cref="SeedRandom"/> streams derived from the seed number and from
/// <see cref="SeedOptions.Now"/>. In fast mode (<c>session_replication_role = replica</c>, superuser only) no
/// trigger fires during COPY, so no database-generated id or clock value enters the data; with triggers active
/// the rows the triggers add (achievements, notifications, <c>"updatedAt"</c> = now()) are the database's own.
/// See https://www.postgresql.org/docs/15/runtime-config-client.html#GUC-SESSION-REPLICATION-ROLE.
/// </remarks>
public sealed partial class Seeder
{
    private readonly DatabaseTarget _target;
    private readonly SeedOptions _options;
    private readonly SeedPlan _plan;
    private readonly SeedIds _ids;
    private readonly IProgress<SeedProgress>? _progress;
    private readonly Dictionary<string, long> _rows = new(StringComparer.Ordinal);
    private readonly Stopwatch _clock = new();
    private readonly long _expectedTotal;

    public Seeder(DatabaseTarget target, SeedOptions options, IProgress<SeedProgress>? progress = null)
    {
        _target = target;
        _options = options;
        _plan = new SeedPlan(options.Scale);
        _ids = new SeedIds(options.Seed);
        _progress = progress;
        _expectedTotal = (long)_plan.Users * 3 + _plan.Posts * 2 + _plan.Comments + _plan.Reactions + _plan.PostTags + _plan.Follows
            + _plan.Conversations * 3 + _plan.Messages * 2 + _plan.Notifications + _plan.GroupMembers + _plan.GroupPosts
            + _plan.UserAchievements + _plan.UserQuests + _plan.PollVotes + _plan.ActivityStreams + _plan.AnalyticsEvents + _plan.ViewHistory;
    }

    public SeedPlan Plan => _plan;

    private DateTime Now => _options.Now;

    public async Task<SeedResult> RunAsync(CancellationToken cancellationToken = default)
    {
        _clock.Restart();
        await using var connection = await ConnectionFailures.OpenAsync(_target, cancellationToken);
        var superuser = await ScalarAsync<bool>(connection, "SELECT rolsuper FROM pg_roles WHERE rolname = current_user", cancellationToken);
        var fast = _options.FastLoad ?? superuser;
        if (fast && !superuser)
        {
            throw new SparkleDbException("Fast load needs a superuser (session_replication_role).", "Run without --fast to load with triggers active.");
        }

        await ExecuteAsync(connection, "SET TIME ZONE 'UTC'", cancellationToken);
        if (fast)
        {
            await ExecuteAsync(connection, "SET session_replication_role = replica", cancellationToken);
        }

        if (!await ScalarAsync<bool>(connection, "SELECT to_regclass('public.users') IS NOT NULL", cancellationToken))
        {
            throw new SparkleDbException($"{_target.Database} has no Sparkle tables; seed fills a migrated database.", "Run 'sparkle-db migrate' (or 'up') first.");
        }

        var empty = await ScalarAsync<bool>(connection, "SELECT NOT EXISTS (SELECT 1 FROM users)", cancellationToken);
        if (!empty)
        {
            throw new SparkleDbException($"{_target.Database} already has users; seed needs an empty database.", "Seed a freshly migrated database (sparkle-db up), or drop and recreate it.");
        }

        // First and committed on their own: a partition cloning its table's foreign keys locks users, which the load's
        // transaction below holds exclusively once it drops users' indexes.
        await PartitionsAsync(connection, cancellationToken,
            ("notifications", NotificationDays), ("activity_streams", ActivityDays), ("analytics_events", AnalyticsDays));

        // A fast load is one transaction through the counters (two, with the side tables'): a failed or cancelled seed
        // leaves the tables empty, with their indexes, and can be run again.
        await using var transaction = fast ? await connection.BeginTransactionAsync(cancellationToken) : null;

        var deferred = fast ? await DropPlainIndexesAsync(connection, SideTables, only: false, cancellationToken) : [];
        var users = await CopyUsersAsync(connection, cancellationToken);
        await CopyProfilesAsync(connection, users, cancellationToken);
        await CopyCatalogAsync(connection, cancellationToken);
        await CopyUserAchievementsAsync(connection, users, cancellationToken);
        await CopyUserQuestsAsync(connection, users, cancellationToken);
        await CopyFollowsAsync(connection, users, cancellationToken);
        var posts = await CopyPostsAsync(connection, users, cancellationToken);

        if (!fast)
        {
            // With triggers on, one connection in the order the triggers' lookups need, each COPY committed on its own.
            await CopyPostTagsAsync(connection, posts, cancellationToken);
            await CopyPollsAsync(connection, posts, users, cancellationToken);
            await CopyCommentsAndReactionsAsync(connection, posts, users, cancellationToken);
            await CopyViewHistoryAsync(connection, posts, users, cancellationToken);
            await CopyGroupsAsync(connection, users, cancellationToken);
            await CopyEventsAsync(connection, users, cancellationToken);
            await CopyConversationsAsync(connection, users, cancellationToken);
            await CopyNotificationsAsync(connection, users, posts, cancellationToken);
            await CopyTradesAsync(connection, users, cancellationToken);
            await CopyActivityAsync(connection, users, posts, cancellationToken);
            var recount = Stopwatch.StartNew();
            await RecomputeCountersAsync(connection, fast, conversations: true, cancellationToken);
            await FinishAsync(connection, fast, [], cancellationToken);
            return Result(fast, recount);
        }

        // A fast load writes the side tables on a second connection meanwhile (see LoadSideTablesAsync).
        using var stopSide = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var sideReady = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sideCommit = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var side = LoadSideTablesAsync(users, posts, sideReady, sideCommit.Task, stopSide.Token);
        var counters = Stopwatch.StartNew();
        try
        {
            await CopyPostTagsAsync(connection, posts, cancellationToken);
            await CopyPollsAsync(connection, posts, users, cancellationToken);
            await CopyCommentsAndReactionsAsync(connection, posts, users, cancellationToken);
            await CopyViewHistoryAsync(connection, posts, users, cancellationToken);
            await CopyGroupsAsync(connection, users, cancellationToken);
            await CopyEventsAsync(connection, users, cancellationToken);
            await CopyTradesAsync(connection, users, cancellationToken);
            await BuildDeferredIndexesAsync(connection, deferred, cancellationToken);
            await ExecuteAsync(connection, "SET session_replication_role = origin", cancellationToken);
            counters.Restart();
            await RecomputeCountersAsync(connection, fast, conversations: false, cancellationToken);
            counters.Stop();
            // Both transactions are complete before either commits.
            await sideReady.Task.WaitAsync(cancellationToken);
            await transaction!.CommitAsync(cancellationToken);
        }
        catch
        {
            await stopSide.CancelAsync();
            await side.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            throw;
        }

        sideCommit.SetResult();
        await side;
        await FinishAsync(connection, fast, SideTables, cancellationToken);
        return Result(fast, counters);
    }

    private SeedResult Result(bool fast, Stopwatch counters)
    {
        counters.Stop();
        _clock.Stop();
        lock (_rows)
        {
            return new SeedResult(new Dictionary<string, long>(_rows, StringComparer.Ordinal), _clock.Elapsed, fast, counters.Elapsed);
        }
    }

    /// <summary>Written on the second connection in a fast load: they need only the users generated before, and the
    /// counters of the main transaction read none of them.</summary>
    private static readonly string[] SideTables =
        ["conversations", "conversation_participants", "messages", "message_reads", "notifications", "activity_streams", "analytics_events"];

    /// <summary>
    /// The side tables of a fast load, on a second connection in its own transaction beside the main one: COPY and index
    /// builds are the server's work, and one backend uses one core (the benchmark machine has two). Its indexes are
    /// dropped and built again inside its transaction, so a failure leaves them as they were. It reports ready when its
    /// work is done and commits when told, right after the main transaction: a failure or cancellation of either before
    /// that rolls both back (the database stays empty, with every index, and can be seeded again).
    /// </summary>
    private async Task LoadSideTablesAsync(SeedUsers users, SeedPosts posts, TaskCompletionSource ready, Task commit, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await ConnectionFailures.OpenAsync(_target, cancellationToken);
            await ExecuteAsync(connection, "SET TIME ZONE 'UTC'", cancellationToken);
            await ExecuteAsync(connection, "SET session_replication_role = replica", cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var deferred = await DropPlainIndexesAsync(connection, SideTables, only: true, cancellationToken);
            await CopyConversationsAsync(connection, users, cancellationToken);
            await CopyNotificationsAsync(connection, users, posts, cancellationToken);
            await CopyActivityAsync(connection, users, posts, cancellationToken);
            await BuildDeferredIndexesAsync(connection, deferred, cancellationToken);
            await ExecuteAsync(connection, ConversationCounters, cancellationToken);
            // Statistics too, while the main connection still works (ANALYZE counts its own transaction's rows).
            await AnalyzeAsync(connection, SideTables, only: true, cancellationToken);
            ready.SetResult();
            await commit.WaitAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (Exception ex)
        {
            ready.TrySetException(ex);
            throw;
        }
    }

    private async Task CopyAsync(NpgsqlConnection connection, string table, string columns, Action<CopySink> write, CancellationToken cancellationToken)
    {
        var sql = $"COPY {table} ({columns}) FROM STDIN (FORMAT BINARY)";
        await using (var importer = await connection.BeginBinaryImportAsync(sql, cancellationToken))
        {
            var sink = new CopySink(importer, table, Report);
            write(sink);
            await importer.CompleteAsync(cancellationToken);
            lock (_rows)
            {
                _rows[table] = _rows.GetValueOrDefault(table) + sink.Rows;
            }

            Report(table, sink.Rows);
        }
    }

    /// <summary>
    /// Creates the month partitions (phase 007's sparkle_db.ensure_month_partition) for the window of days before the
    /// anchor that each time-partitioned table's rows fall in, so that no seeded row lands in a DEFAULT partition. A
    /// database without phase 007 (or a table that is not partitioned) is left alone.
    /// </summary>
    private async Task PartitionsAsync(NpgsqlConnection connection, CancellationToken cancellationToken, params (string Table, double Days)[] windows)
    {
        if (!await ScalarAsync<bool>(connection, "SELECT to_regproc('sparkle_db.ensure_month_partition') IS NOT NULL", cancellationToken))
        {
            return;
        }

        foreach (var (table, days) in windows)
        {
            await using var command = new NpgsqlCommand(
                """
                SELECT sparkle_db.ensure_month_partition(c.oid::regclass, c.relname::text, m::date)
                  FROM pg_class c
                 CROSS JOIN generate_series(date_trunc('month', $2), date_trunc('month', $3), interval '1 month') m
                 WHERE c.relnamespace = 'public'::regnamespace AND c.relname = $1 AND c.relkind = 'p'
                """,
                connection);
            command.Parameters.Add(new() { Value = table });
            command.Parameters.Add(new() { Value = DaysAgo(days), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Timestamp });
            command.Parameters.Add(new() { Value = Now, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Timestamp });
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private void Report(string table, long rows)
    {
        if (_progress is null)
        {
            return;
        }

        long total;
        lock (_rows)
        {
            total = _rows.Values.Sum();
        }

        _progress.Report(new SeedProgress(table, rows, Math.Max(_expectedTotal, total), _clock.Elapsed));
    }

    private DateTime DaysAgo(double days) => Now - TimeSpan.FromDays(days);

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
