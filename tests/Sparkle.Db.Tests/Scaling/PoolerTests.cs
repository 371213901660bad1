using Npgsql;
using Sparkle.Db.Cluster;
using Sparkle.Db.Tests.Support;
using Xunit;

namespace Sparkle.Db.Tests.Scaling;

/// <summary>Issue 14: PgBouncer in transaction mode in front of the local cluster, for the application's login.</summary>
[Collection(EnvironmentCollection.Name)]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class PoolerTests(ReplicaFixture fixture) : IClassFixture<ReplicaFixture>
{
    [PgBouncerFact]
    public async Task The_application_login_writes_and_reads_through_the_pooler_in_transaction_mode()
    {
        var cluster = fixture.Cluster;
        await cluster.EnsureLoginAsync(LocalCluster.ApplicationLogin, ["sparkle_app"]);
        var pooler = await cluster.StartPoolerAsync([LocalCluster.ApplicationLogin]);
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = pooler.Port,
            Database = "sparkle",
            Username = LocalCluster.ApplicationLogin,
            Passfile = pooler.PassFile,
            NoResetOnClose = true,
            Pooling = false,
        };

        await using (var connection = new NpgsqlConnection(builder.ConnectionString))
        {
            await connection.OpenAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            // The pooler reaches the server through its private Unix socket: the backend sees no client address.
            Assert.Null(await connection.ScalarAsync<string?>("SELECT inet_client_addr()::text"));
            Assert.Equal(LocalCluster.ApplicationLogin, await connection.ScalarAsync<string>("SELECT current_user"));
            await connection.ExecuteAsync(
                """INSERT INTO categories (id, name, slug, "updatedAt") VALUES (gen_random_uuid()::text, 'pooled', 'pooled', now() AT TIME ZONE 'UTC')""");
            await transaction.CommitAsync();
        }

        await using (var direct = new NpgsqlConnection(fixture.PrimaryDatabase.ConnectionString))
        {
            await direct.OpenAsync();
            Assert.Equal(1L, await direct.ScalarAsync<long>("SELECT count(*) FROM categories WHERE slug = 'pooled'"));
        }

        // The auth file holds SCRAM secrets only, private to the server's OS user.
        var authFile = Path.Combine(pooler.Directory, "userlist.txt");
        var password = File.ReadLines(pooler.PassFile).First(l => l.Contains(LocalCluster.ApplicationLogin, StringComparison.Ordinal)).Split(':')[^1];
        var text = await File.ReadAllTextAsync(authFile);
        Assert.Contains("SCRAM-SHA-256$", text, StringComparison.Ordinal);
        Assert.DoesNotContain(password, text, StringComparison.Ordinal);
        Assert.DoesNotContain("\"postgres\"", text, StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(authFile));
        Assert.Contains("pool_mode = transaction", await File.ReadAllTextAsync(Path.Combine(pooler.Directory, "pgbouncer.ini")), StringComparison.Ordinal);
        Assert.EndsWith("&pgbouncer=true", pooler.UrlFor("sparkle", LocalCluster.ApplicationLogin), StringComparison.Ordinal);
    }
}
