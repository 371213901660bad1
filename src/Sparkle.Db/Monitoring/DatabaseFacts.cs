namespace Sparkle.Db.Monitoring;

/// <summary>
/// Facts about the server and the database: version, size, start time, and the age of the oldest unfrozen transaction
/// ID (<see cref="TransactionIdAge"/>; at 2^31 PostgreSQL stops accepting writes to prevent wraparound).
/// </summary>
public sealed record DatabaseFacts(string ServerVersion, string Database, long SizeBytes, DateTimeOffset StartedAt, long TransactionIdAge, long FreezeMaxAge, bool InRecovery)
{
    /// <summary>The transaction ID space (2^31) that wraparound protection works against.</summary>
    public const long TransactionIdLimit = 2_147_483_648;

    public double TransactionIdPercent => 100.0 * TransactionIdAge / TransactionIdLimit;
}
