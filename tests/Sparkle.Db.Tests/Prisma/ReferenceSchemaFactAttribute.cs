using Xunit;

namespace Sparkle.Db.Tests.Prisma;

/// <summary>
/// A fact about the v4.3 reference schema: skipped, saying why, where the schema file is absent — except in CI
/// (<c>CI=true</c>), where ../shared is always beside the clone and a missing schema must fail, not hide.
/// </summary>
public sealed class ReferenceSchemaFactAttribute : FactAttribute
{
    public ReferenceSchemaFactAttribute()
    {
        if (!ReferenceSchema.IsAvailable && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Skip = $"The v4.3 Prisma schema is not at {ReferenceSchema.SchemaPath}; set SPARKLE_PRISMA_SCHEMA to its path.";
        }
    }
}
