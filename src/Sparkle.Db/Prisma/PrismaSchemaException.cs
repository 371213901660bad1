namespace Sparkle.Db.Prisma;

/// <summary>A Prisma schema that cannot be read, with the line (and column, when known; else 0) where reading stopped.</summary>
public sealed class PrismaSchemaException : InvalidInputException
{
    public PrismaSchemaException(string message, int line, int column)
        : base(line == 0 ? message : column == 0 ? $"{message} (line {line})" : $"{message} (line {line}, column {column})")
    {
        Line = line;
        Column = column;
    }

    public int Line { get; }

    public int Column { get; }
}
