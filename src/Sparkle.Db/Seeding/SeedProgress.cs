namespace Sparkle.Db.Seeding;

/// <summary>A progress report: which table is loading and how many rows it holds so far.</summary>
public sealed record SeedProgress(string Table, long Rows, long TotalRows, TimeSpan Elapsed);
