namespace Sparkle.Db.Scaling;

/// <summary>What blocks (or slows) the proposed distribution under Citus.</summary>
public enum CitusFindingKind
{
    /// <summary>A primary key or unique index of a distributed table without the distribution column (Citus cannot enforce it).</summary>
    UniqueWithoutDistributionColumn,

    /// <summary>A foreign key between distributed tables that does not join the distribution columns, or joins different co-location groups.</summary>
    ForeignKeyAcrossShards,

    /// <summary>A foreign key Citus does not support between these kinds of table (local to distributed, reference to distributed, distributed to local).</summary>
    ForeignKeyUnsupported,

    /// <summary>A trigger whose function writes rows of another distributed or reference table: the write lands on other shards.</summary>
    TriggerCrossesShards,

    /// <summary>A hot query that reads a distributed table without an equality filter on its distribution column (it fans out to every shard).</summary>
    QueryWithoutDistributionKey,
}
