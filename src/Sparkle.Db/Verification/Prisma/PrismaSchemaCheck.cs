using Npgsql;
using Sparkle.Db.Prisma;

namespace Sparkle.Db.Verification.Prisma;

/// <summary>
/// The Prisma comparison as a named check: one passing result when the database has everything Prisma
/// would create for <paramref name="schema"/>, else one failing result per difference.
/// </summary>
/// <remarks>Used by <c>sparkle-db verify --prisma-schema PATH</c> on top of the default checks.</remarks>
public sealed class PrismaSchemaCheck(PrismaSchema schema) : ICheck
{
    public string Name => "prisma.schema";

    public async Task<IReadOnlyList<CheckResult>> RunAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var differences = await PrismaSchemaComparer.CompareAsync(connection, schema, cancellationToken);
        if (differences.Count == 0)
        {
            return [new CheckResult(Name, true, "the Prisma schema's tables, columns, keys, indexes and enums", "all present and alike")];
        }

        return differences
            .Select(d => new CheckResult(
                $"{Name}.{d.Kind}", false, $"{d.Object}: {d.Expected ?? "(nothing)"}", d.Actual ?? "(nothing)",
                "Regenerate 000 or write a migration that makes the database match the Prisma schema (docs/SCHEMA.md)."))
            .ToList();
    }
}
