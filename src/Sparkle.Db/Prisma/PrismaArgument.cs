namespace Sparkle.Db.Prisma;

/// <summary>An argument of an attribute or function; <see cref="Name"/> is null for a positional argument.</summary>
public sealed record PrismaArgument(string? Name, PrismaValue Value)
{
    public override string ToString() => Name is null ? Value.ToString()! : $"{Name}: {Value}";
}
