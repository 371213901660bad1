namespace Sparkle.Db.Prisma;

/// <summary>
/// A <c>datasource</c> block. <see cref="Extensions"/> lists the PostgreSQL extension names of the
/// <c>extensions = [...]</c> property (<c>uuidOssp(map: "uuid-ossp")</c> gives <c>uuid-ossp</c>).
/// </summary>
public sealed record PrismaDatasource(
    string Name,
    IReadOnlyDictionary<string, PrismaValue> Properties,
    IReadOnlyList<string> Extensions)
{
    public string? Provider => Properties.TryGetValue("provider", out var value) && value is PrismaStringValue s ? s.Value : null;
}
