namespace Sparkle.Db.Verification.Prisma;

/// <summary>What is wrong with one object of the database compared with the Prisma schema.</summary>
public enum SchemaDifferenceKind
{
    MissingExtension,
    MissingEnum,
    /// <summary>An enum type whose labels (including extra ones) or their order differ.</summary>
    EnumLabelsDiffer,
    MissingTable,
    MissingColumn,
    ColumnTypeDiffers,
    ColumnNullabilityDiffers,
    ColumnDefaultDiffers,
    MissingPrimaryKey,
    PrimaryKeyDiffers,
    MissingIndex,
    IndexDiffers,
    MissingForeignKey,
    ForeignKeyDiffers,
}
