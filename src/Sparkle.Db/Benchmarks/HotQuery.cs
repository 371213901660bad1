namespace Sparkle.Db.Benchmarks;

/// <summary>
/// One read path of the platform from db/queries: its SQL with $1.. parameters, the index it is meant to use
/// (<c>-</c> when not checkable, e.g. a function call), its kind (keyed, feed, queue, search, aggregate) and the
/// query that picks parameter values from the data.
/// </summary>
public sealed record HotQuery(string Name, string Description, string Kind, string Index, IReadOnlyList<string> Parameters, string? Pick, string Sql)
{
    public bool HasIntendedIndex => Index is { Length: > 1 };
}
