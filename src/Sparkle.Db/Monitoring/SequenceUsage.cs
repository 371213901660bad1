namespace Sparkle.Db.Monitoring;

/// <summary>How much of its range a sequence has used; the limit is the smaller of the sequence's maximum and its column type's.</summary>
public sealed record SequenceUsage(string Sequence, string? Column, long LastValue, long Limit, double Percent);
