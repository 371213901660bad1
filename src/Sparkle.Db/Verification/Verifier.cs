using Npgsql;
using Sparkle.Db.Connections;
using Sparkle.Db.Migrations;

namespace Sparkle.Db.Verification;

/// <summary>Runs a set of checks against a database. A check that throws is reported as failed, not as a crash.</summary>
public sealed class Verifier(IReadOnlyList<ICheck> checks)
{
    /// <summary>The checks `verify` and `up` run.</summary>
    public static Verifier Default(MigrationCatalog catalog) => new(DefaultChecks.For(catalog));

    public IReadOnlyList<ICheck> Checks { get; } = checks;

    public async Task<VerificationReport> RunAsync(DatabaseTarget target, CancellationToken cancellationToken = default)
    {
        await using var connection = await ConnectionFailures.OpenAsync(target, cancellationToken);
        return await RunAsync(connection, cancellationToken);
    }

    /// <summary>Runs every check; throws <see cref="LockHeldException"/> instead while a migration run holds its lock,
    /// because a half-migrated database fails checks that say nothing about the finished one.</summary>
    public async Task<VerificationReport> RunAsync(NpgsqlConnection connection, CancellationToken cancellationToken = default)
    {
        if (await AdvisoryLock.DescribeHolderAsync(connection, AdvisoryLock.MigrationKey, cancellationToken) is { } holder)
        {
            throw new LockHeldException(
                $"A migration is in progress on {connection.Database} ({holder}); verifying now would report its half-built state.",
                "Run verify again when the migration has finished ('sparkle-db status' shows what is applied so far).");
        }

        var results = new List<CheckResult>();
        foreach (var check in Checks)
        {
            try
            {
                results.AddRange(await check.RunAsync(connection, cancellationToken));
            }
            catch (PostgresException ex) when (!ConnectionFailures.IsConnectionLoss(ex))
            {
                results.Add(new CheckResult(check.Name, false, "the check's query to succeed", $"{ex.MessageText} (SQLSTATE {ex.SqlState})"));
            }
        }

        return new VerificationReport(results);
    }
}
