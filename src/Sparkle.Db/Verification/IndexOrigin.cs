namespace Sparkle.Db.Verification;

/// <summary>Where a planned index comes from.</summary>
public enum IndexOrigin
{
    /// <summary>Phase 002, JSON indexes (#1–#45).</summary>
    Phase002,

    /// <summary>Phase 008, advanced indexes (8.1 #1–#36).</summary>
    Phase008,

    /// <summary>An index for a foreign key that neither Prisma nor the plan indexes (added by 008).</summary>
    ForeignKey,

    /// <summary>An index for a hot query of the app that neither Prisma nor the plan serves (added by 008).</summary>
    AppQuery,
}
