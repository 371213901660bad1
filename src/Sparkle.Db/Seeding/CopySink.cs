using Npgsql;
using NpgsqlTypes;

namespace Sparkle.Db.Seeding;

/// <summary>
/// One binary COPY: typed field writers that accept nulls, a row counter and throttled progress reports.
/// Enum columns are written as text: the binary wire form of an enum value is its label.
/// </summary>
internal sealed class CopySink(NpgsqlBinaryImporter importer, string table, Action<string, long> progress)
{
    public long Rows { get; private set; }

    public void Row()
    {
        importer.StartRow();
        Rows++;
        if (Rows % 50_000 == 0)
        {
            progress(table, Rows);
        }
    }

    public CopySink Text(string? value) => Write(value, NpgsqlDbType.Text);

    public CopySink Enum(string value) => Write(value, NpgsqlDbType.Text);

    public CopySink Json(string? value) => Write(value, NpgsqlDbType.Jsonb);

    public CopySink Array(string[]? value) => Write(value, NpgsqlDbType.Array | NpgsqlDbType.Text);

    public CopySink Int(int value)
    {
        importer.Write(value, NpgsqlDbType.Integer);
        return this;
    }

    public CopySink Int(int? value) => value is { } v ? Int(v) : Null();

    public CopySink Long(long value)
    {
        importer.Write(value, NpgsqlDbType.Bigint);
        return this;
    }

    public CopySink Double(double value)
    {
        importer.Write(value, NpgsqlDbType.Double);
        return this;
    }

    public CopySink Decimal(decimal value)
    {
        importer.Write(value, NpgsqlDbType.Numeric);
        return this;
    }

    public CopySink Bool(bool value)
    {
        importer.Write(value, NpgsqlDbType.Boolean);
        return this;
    }

    /// <summary>timestamp(3) without time zone holding UTC wall-clock time; milliseconds only, like Prisma.</summary>
    public CopySink Time(DateTime? value) => value is { } v
        ? Write(new DateTime(v.Ticks - v.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Unspecified), NpgsqlDbType.Timestamp)
        : Null();

    public CopySink Null()
    {
        importer.WriteNull();
        return this;
    }

    private CopySink Write<T>(T? value, NpgsqlDbType type)
    {
        if (value is null)
        {
            importer.WriteNull();
        }
        else
        {
            importer.Write(value, type);
        }

        return this;
    }
}
