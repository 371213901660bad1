namespace Sparkle.Db.Prisma;

/// <summary>A parsed Prisma schema: datasources, models and enums in declaration order. Generators are not kept.</summary>
public sealed record PrismaSchema(
    IReadOnlyList<PrismaDatasource> Datasources,
    IReadOnlyList<PrismaModel> Models,
    IReadOnlyList<PrismaEnum> Enums)
{
    /// <summary>Reads a Prisma schema from its text.</summary>
    /// <exception cref="PrismaSchemaException">The text is not a Prisma schema this reader understands.</exception>
    public static PrismaSchema Parse(string text) => new PrismaParser(PrismaLexer.Tokenize(text)).ParseSchema();

    /// <summary>Reads a Prisma schema file.</summary>
    /// <exception cref="InvalidInputException">The file cannot be read, or is not a Prisma schema with at least one model.</exception>
    public static async Task<PrismaSchema> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        const string hint = "Pass the path of the application's schema.prisma (prisma/schema.prisma in the app).";
        string text;
        try
        {
            text = await File.ReadAllTextAsync(path, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new InvalidInputException($"Cannot read the Prisma schema {path}: {ex.Message.TrimEnd('.')}.", hint, ex);
        }

        PrismaSchema schema;
        try
        {
            schema = Parse(text);
        }
        catch (PrismaSchemaException ex)
        {
            throw new InvalidInputException($"{path} is not a Prisma schema: {ex.Message}.", hint, ex);
        }

        return schema.Models.Count > 0
            ? schema
            : throw new InvalidInputException($"{path} is not a Prisma schema: it declares no model.", hint);
    }

    /// <summary>The PostgreSQL extensions every datasource asks for, in order, without repeats.</summary>
    public IReadOnlyList<string> Extensions => Datasources.SelectMany(d => d.Extensions).Distinct(StringComparer.Ordinal).ToList();

    public PrismaModel? Model(string name) =>
        Models.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.Ordinal));

    public PrismaEnum? Enum(string name) =>
        Enums.FirstOrDefault(e => string.Equals(e.Name, name, StringComparison.Ordinal));

    /// <summary>Whether <paramref name="field"/> points at another model rather than holding a value.</summary>
    public bool IsRelationField(PrismaField field) => Model(field.TypeName) is not null;

    /// <summary>The relation name of a relation field: the first argument of <c>@relation</c> or its <c>name:</c>.</summary>
    public static string? RelationName(PrismaField field) => field.Attribute("relation")?.StringArgument("name", 0);

    /// <summary>
    /// The implicit many-to-many relations: pairs of list relation fields without <c>fields:</c> that
    /// point at each other under the same relation name. An unnamed relation is called
    /// <c>{A}To{B}</c> with the two model names in ordinal order, as Prisma names it.
    /// </summary>
    public IReadOnlyList<PrismaImplicitManyToMany> ImplicitManyToManyRelations()
    {
        var candidates = Models
            .SelectMany(model => model.Fields
                .Where(field => field.IsList && IsRelationField(field) && field.Attribute("relation")?.Argument("fields") is null)
                .Select(field => (Model: model, Field: field, Target: Model(field.TypeName)!)))
            .ToList();

        var relations = new List<PrismaImplicitManyToMany>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (model, field, target) in candidates)
        {
            var name = RelationName(field);
            var partners = candidates.Where(c =>
                ReferenceEquals(c.Model, target) && ReferenceEquals(c.Target, model) && !ReferenceEquals(c.Field, field) &&
                string.Equals(RelationName(c.Field), name, StringComparison.Ordinal));
            if (!partners.Any())
            {
                continue;
            }

            var (first, second) = string.CompareOrdinal(model.Name, target.Name) <= 0 ? (model, target) : (target, model);
            var relationName = name ?? $"{first.Name}To{second.Name}";
            if (seen.Add(relationName))
            {
                relations.Add(new PrismaImplicitManyToMany(relationName, first, second));
            }
        }

        return relations;
    }
}
