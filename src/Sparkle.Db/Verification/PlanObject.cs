namespace Sparkle.Db.Verification;

/// <summary>
/// One object a phase must create in schema public. <paramref name="Table"/> is the table a column, index or
/// trigger belongs to. A trigger also matches when the phase split it per event (<c>name_insert</c>,
/// <c>name_delete</c>).
/// </summary>
public sealed record PlanObject(int Phase, PlanObjectKind Kind, string Name, string? Table = null)
{
    public string Describe() => Table is null ? $"{Kind} {Name}" : $"{Kind} {Name} on {Table}";
}
