namespace Sparkle.Db.Verification.Prisma;

/// <summary>
/// One way the database differs from what Prisma Migrate would create. <see cref="Object"/> names the
/// object (<c>users</c>, <c>users.email</c>, <c>users_email_key</c>); <see cref="Expected"/> and
/// <see cref="Actual"/> describe both sides, null when a side has nothing.
/// </summary>
public sealed record SchemaDifference(SchemaDifferenceKind Kind, string Object, string? Expected, string? Actual)
{
    public override string ToString() =>
        $"{Kind} {Object}: expected {Expected ?? "(nothing)"}, actual {Actual ?? "(nothing)"}";
}
