using Xunit;

namespace Sparkle.Db.Tests.Prisma;

/// <summary>A fact about the v4.3 reference schema: skipped, saying why, where the schema file is absent.</summary>
public sealed class ReferenceSchemaFactAttribute : FactAttribute
{
    public ReferenceSchemaFactAttribute()
    {
        if (!ReferenceSchema.IsAvailable)
        {
            Skip = $"The v4.3 Prisma schema is not at {ReferenceSchema.SchemaPath}; set SPARKLE_PRISMA_SCHEMA to its path.";
        }
    }
}
