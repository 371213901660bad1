using Npgsql;
using Sparkle.Db.Maintenance;
using Sparkle.Db.Migrations;
using Sparkle.Db.Tests.Support;
using Xunit;

namespace Sparkle.Db.Tests.Operations;

/// <summary>`maintain` on a real database: refresh, analyze, journal, lock, pg_cron registration.</summary>
public sealed class MaintenanceTests(MigratedDatabaseFixture db) : IClassFixture<MigratedDatabaseFixture>
{
    [Fact]
    public async Task Maintain_refreshes_a_view_whose_data_changed_plain_the_first_time_and_concurrently_after()
    {
        await using var connection = await db.OpenAsync();
        await connection.ExecuteAsync("CREATE TABLE probe_scores (id int PRIMARY KEY, score int)");
        await connection.ExecuteAsync("CREATE MATERIALIZED VIEW probe_top AS SELECT id, score FROM probe_scores WITH NO DATA");
        await connection.ExecuteAsync("CREATE UNIQUE INDEX probe_top_id ON probe_top (id)");
        await connection.ExecuteAsync("INSERT INTO probe_scores VALUES (1, 10)");

        var first = await new MaintenanceRunner(db.Target).RunAsync();
        await connection.ExecuteAsync("INSERT INTO probe_scores VALUES (2, 20)");
        var second = await new MaintenanceRunner(db.Target).RunAsync();

        Assert.Equal("full", Assert.Single(first.Steps, s => s.Name == "probe_top").Detail);
        Assert.Equal("concurrent", Assert.Single(second.Steps, s => s.Name == "probe_top").Detail);
        Assert.Equal(2L, await connection.ScalarAsync<long>("SELECT count(*) FROM probe_top"));
        Assert.Equal("healthy", second.Status);
        Assert.Contains(second.Steps, s => s.Kind == "analyze" && s.Name == "users" && s.Status == "ok");
    }

    [Fact]
    public async Task Maintain_journals_each_run_with_its_steps_and_prunes_old_rows()
    {
        await using var connection = await db.OpenAsync();
        var run = await new MaintenanceRunner(db.Target).RunAsync();
        await connection.ExecuteAsync(
            "INSERT INTO sparkle_db.maintenance_runs (started_at, finished_at, duration_ms, status) VALUES (now() - interval '200 days', now() - interval '200 days', 1, 'healthy')");

        var next = await new MaintenanceRunner(db.Target, new MaintenanceOptions { KeepJournalDays = 90 }).RunAsync();

        Assert.NotNull(run.JournalId);
        Assert.True(next.PrunedRows >= 1);
        Assert.Equal(0L, await connection.ScalarAsync<long>("SELECT count(*) FROM sparkle_db.maintenance_runs WHERE started_at < now() - interval '90 days'"));
        var steps = await connection.ScalarAsync<long>("SELECT jsonb_array_length(steps) FROM sparkle_db.maintenance_runs WHERE id = $1", next.JournalId);
        Assert.Equal(next.Steps.Count, steps);
        Assert.Equal("healthy", await connection.ScalarAsync<string>("SELECT status FROM sparkle_db.maintenance_runs WHERE id = $1", next.JournalId));
    }

    [Fact]
    public async Task Maintain_skips_while_another_maintain_holds_the_lock()
    {
        await using var other = await AdvisoryLock.TryAcquireAsync(db.Target, AdvisoryLock.MaintenanceKey, CancellationToken.None);
        Assert.NotNull(other);

        var run = await new MaintenanceRunner(db.Target).RunAsync();

        Assert.True(run.Skipped);
        Assert.Empty(run.Steps);
        Assert.Null(run.JournalId);
    }

    [Fact]
    public async Task A_failing_refresh_is_recorded_and_the_other_steps_still_run()
    {
        var target = await db.Server.CreateDatabaseAsync(migrated: true, "maintain");
        await using (var connection = new NpgsqlConnection(target.ConnectionString))
        {
            await connection.OpenAsync();
            await connection.ExecuteAsync("CREATE TABLE probe_src (id int PRIMARY KEY)");
            await connection.ExecuteAsync("INSERT INTO probe_src VALUES (1)");
            await connection.ExecuteAsync("CREATE FUNCTION probe_boom(int) RETURNS int LANGUAGE sql AS 'SELECT 1 / ($1 - $1)'");
            await connection.ExecuteAsync("CREATE MATERIALIZED VIEW probe_ratio AS SELECT id, probe_boom(id) AS r FROM probe_src WITH NO DATA");

            var run = await new MaintenanceRunner(target).RunAsync();

            var failed = Assert.Single(run.Steps, s => s.Name == "probe_ratio");
            Assert.Equal("failed", failed.Status);
            Assert.StartsWith("22012", failed.Detail, StringComparison.Ordinal);
            Assert.Equal("degraded", run.Status);
            Assert.Contains(run.Steps, s => s.Kind == "analyze" && s.Status == "ok");
        }

        await db.Server.DropDatabaseAsync(target);
    }

    [Fact]
    public async Task A_stepwise_action_commits_each_step_in_its_own_transaction_and_is_journaled_once()
    {
        var target = await db.Server.CreateDatabaseAsync(migrated: true, "stepwise");
        await using (var connection = new NpgsqlConnection(target.ConnectionString))
        {
            await connection.OpenAsync();
            // A task whose one action takes three calls: each call records its transaction id and hands on a counter.
            await connection.ExecuteAsync(
                """
                CREATE TABLE sparkle_db.probe_steps (step int, xid xid8);
                CREATE FUNCTION sparkle_db.probe_step(p_state text) RETURNS text LANGUAGE plpgsql AS $$
                DECLARE v_step int := coalesce((p_state::jsonb->>'step')::int, 0) + 1;
                BEGIN
                    INSERT INTO sparkle_db.probe_steps VALUES (v_step, pg_current_xact_id());
                    RETURN jsonb_build_object('step', v_step, 'more', v_step < 3)::text;
                END $$;
                CREATE FUNCTION sparkle_db.probe_plan(p_options jsonb) RETURNS TABLE (name text, kind text, statement text)
                    LANGUAGE sql AS $$ SELECT 'probe', 'step', 'SELECT sparkle_db.probe_step($1)' $$;
                INSERT INTO sparkle_db.maintenance_tasks (task, position, planner, enabled, description)
                VALUES ('probe', 99, 'sparkle_db.probe_plan', false, 'test');
                """);

            var run = await new MaintenanceRunner(target, new MaintenanceOptions { Tasks = ["probe"] }).RunAsync();

            var step = Assert.Single(run.Steps);
            Assert.Equal(("probe", "ok"), (step.Name, step.Status));
            Assert.Equal("""{"more": false, "step": 3}""", step.Detail);
            Assert.Equal(3L, await connection.ScalarAsync<long>("SELECT count(DISTINCT xid) FROM sparkle_db.probe_steps"));
            Assert.Equal(3, await connection.ScalarAsync<int>(
                "SELECT (s->>'calls')::int FROM sparkle_db.maintenance_runs r, jsonb_array_elements(r.steps) s WHERE r.id = $1", run.JournalId));
            // A disabled task is left out of a full run.
            var all = await new MaintenanceRunner(target).RunAsync();
            Assert.DoesNotContain(all.Steps, s => s.Task == "probe");
        }

        await db.Server.DropDatabaseAsync(target);
    }

    [PgCronFact]
    public async Task Schedule_registers_perform_maintenance_with_pg_cron_in_the_cron_database()
    {
        await using var connection = await db.OpenAsync();
        var cronDatabase = await connection.ScalarAsync<string?>(
            "SELECT CASE WHEN current_setting('shared_preload_libraries') LIKE '%pg_cron%' THEN current_setting('cron.database_name', true) END");
        Assert.True(cronDatabase is not null, "pg_cron is installed but the test cluster does not preload it: " + await connection.ScalarAsync<string>("SHOW shared_preload_libraries"));

        await using (var server = new NpgsqlConnection(db.Server.Server.ConnectionString))
        {
            await server.OpenAsync();
            if (!await server.ScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", cronDatabase))
            {
                try
                {
                    await server.ExecuteAsync($"CREATE DATABASE \"{cronDatabase}\"");
                }
                catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.DuplicateDatabase)
                {
                }
            }
        }

        var job = await MaintenanceScheduler.ScheduleAsync(db.Target, "15 3 * * *");
        var again = await MaintenanceScheduler.ScheduleAsync(db.Target, "30 3 * * *");

        Assert.Equal(job.JobId, again.JobId);
        Assert.True(again.Updated);
        await using (var cron = new NpgsqlConnection(db.Target.WithDatabase(cronDatabase).ConnectionString))
        {
            await cron.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT schedule, command, database FROM cron.job WHERE jobid = $1", cron);
            command.Parameters.Add(new() { Value = job.JobId });
            await using var reader = await command.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync());
            Assert.Equal("30 3 * * *", reader.GetString(0));
            Assert.Equal("CALL public.perform_maintenance()", reader.GetString(1));
            Assert.Equal(db.Target.Database, reader.GetString(2));
        }

        Assert.True(await MaintenanceScheduler.UnscheduleAsync(db.Target));
        Assert.False(await MaintenanceScheduler.UnscheduleAsync(db.Target));
    }
}
