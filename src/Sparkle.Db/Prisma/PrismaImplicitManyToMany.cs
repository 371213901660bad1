namespace Sparkle.Db.Prisma;

/// <summary>
/// An implicit many-to-many relation: two list fields, neither with <c>fields:</c>. Prisma keeps it in a
/// table <c>_{RelationName}</c> whose column <c>A</c> references <see cref="ModelA"/>, the model whose
/// name sorts first, and <c>B</c> references <see cref="ModelB"/>.
/// </summary>
public sealed record PrismaImplicitManyToMany(string RelationName, PrismaModel ModelA, PrismaModel ModelB)
{
    public string TableName => "_" + RelationName;
}
