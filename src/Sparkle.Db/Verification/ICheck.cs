using Npgsql;

namespace Sparkle.Db.Verification;

/// <summary>A named catalog check. A check may report several results (one per object it inspects).</summary>
public interface ICheck
{
    string Name { get; }

    Task<IReadOnlyList<CheckResult>> RunAsync(NpgsqlConnection connection, CancellationToken cancellationToken);
}
