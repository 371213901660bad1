using Sparkle.Db.Monitoring;
using Xunit;

namespace Sparkle.Db.Tests.Operations;

public sealed class PartitionCoverageTests
{
    private static readonly DateTime Now = new(2026, 11, 30, 16, 0, 0);

    private static (DateTime?, DateTime?) Month(int year, int month) => (new DateTime(year, month, 1), new DateTime(year, month, 1).AddMonths(1));

    [Fact]
    public void Consecutive_month_partitions_count_the_months_after_the_current_one()
    {
        Assert.Equal((true, 2), PartitionCoverage.Evaluate([Month(2026, 10), Month(2026, 11), Month(2026, 12), Month(2027, 1)], Now));
    }

    [Fact]
    public void A_gap_stops_the_count_and_a_missing_current_month_is_reported()
    {
        Assert.Equal((true, 1), PartitionCoverage.Evaluate([Month(2026, 11), Month(2026, 12), Month(2027, 2)], Now));
        Assert.Equal((false, 2), PartitionCoverage.Evaluate([Month(2026, 12), Month(2027, 1)], Now));
    }

    [Fact]
    public void A_wide_partition_covers_every_month_inside_it_and_open_bounds_are_unbounded()
    {
        Assert.Equal((true, 5), PartitionCoverage.Evaluate([(new DateTime(2026, 1, 1), new DateTime(2027, 5, 1))], Now));
        Assert.Equal((true, 120), PartitionCoverage.Evaluate([(null, null)], Now));
        Assert.Equal((false, 0), PartitionCoverage.Evaluate([], Now));
    }
}
