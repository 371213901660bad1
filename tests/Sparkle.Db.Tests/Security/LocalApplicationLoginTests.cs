using Npgsql;
using Sparkle.Db.Cluster;
using Sparkle.Db.Connections;
using Sparkle.Db.Tests.Cli;
using Sparkle.Db.Tests.Support;
using Xunit;

namespace Sparkle.Db.Tests.Security;

/// <summary>
/// Issue 12: `up` on a new local cluster sets up the application's login. The URL it prints for it logs in with the
/// application's rights only, and after the tool has set up its roles pg_stat_statements holds no password.
/// </summary>
[Collection(EnvironmentCollection.Name)]
public sealed class LocalApplicationLoginTests : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"sparkle-db-applogin-{Guid.NewGuid():N}"[..40]);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await new LocalCluster(new LocalClusterOptions { DataDirectory = _dir }).DestroyAsync();

    [Fact]
    public async Task Up_prints_an_application_url_with_the_application_s_rights_and_no_password_reaches_pg_stat_statements()
    {
        var (code, output, error) = await CliRun.RunAsync("up", "--data-dir", _dir);
        Assert.True(code == 0, output + error);
        var appLine = output.Split('\n').Single(l => l.StartsWith("Application URL", StringComparison.Ordinal));
        var appUrl = appLine[appLine.IndexOf("postgresql://", StringComparison.Ordinal)..].Trim();
        var passFile = new LocalCluster(new LocalClusterOptions { DataDirectory = _dir }).PassFilePath;
        var passwords = File.ReadAllLines(passFile).Select(l => l.Split(':')[^1]).Distinct().ToArray();

        await using (var app = new NpgsqlConnection(DatabaseTarget.Parse(appUrl).ConnectionString))
        {
            await app.OpenAsync();
            Assert.Equal(LocalCluster.ApplicationLogin, await app.ScalarAsync<string>("SELECT current_user"));
            await app.ExecuteAsync("SELECT count(*) FROM public.posts");
            var refused = await Assert.ThrowsAsync<PostgresException>(() => app.ExecuteAsync("CREATE TABLE public.app_made (id int)"));
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
        }

        // A second up keeps the login and its password (no second line, no new password).
        var (again, againOutput, againError) = await CliRun.RunAsync("up", "--data-dir", _dir);
        Assert.True(again == 0, againOutput + againError);
        Assert.Equal(passwords, File.ReadAllLines(passFile).Select(l => l.Split(':')[^1]).Distinct().ToArray());

        var info = new LocalCluster(new LocalClusterOptions { DataDirectory = _dir }).Describe()!;
        await using var admin = new NpgsqlConnection(info.Server.WithDatabase(DatabaseLocator.LocalDatabaseName).ConnectionString);
        await admin.OpenAsync();
        Assert.Equal("off", await admin.ScalarAsync<string>("SHOW pg_stat_statements.track_utility"));
        Assert.Equal(2, passwords.Length);
        foreach (var password in passwords)
        {
            Assert.Equal(0L, await admin.ScalarAsync<long>("SELECT count(*) FROM pg_stat_statements WHERE strpos(query, $1) > 0", password));
        }

        Assert.DoesNotContain(passwords, p => output.Contains(p, StringComparison.Ordinal) || againOutput.Contains(p, StringComparison.Ordinal));
    }
}
