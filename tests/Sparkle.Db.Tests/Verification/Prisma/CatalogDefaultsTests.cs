using Sparkle.Db.Prisma;
using Sparkle.Db.Verification.Prisma;
using Xunit;

namespace Sparkle.Db.Tests.Verification.Prisma;

public class CatalogDefaultsTests
{
    [Theory]
    [InlineData("character varying(255)", DbDefaultKind.String, "'x'", "'x'::character varying")]
    [InlineData("character(2)", DbDefaultKind.String, "'x'", "'x'::bpchar")]
    [InlineData("jsonb", DbDefaultKind.String, "'{}'", "'{}'::jsonb")]
    [InlineData("\"UserRole\"", DbDefaultKind.EnumValue, "'USER'", "'USER'::\"UserRole\"")]
    [InlineData("numeric(5,4)", DbDefaultKind.Number, "0.7000", "0.7000")]
    [InlineData("integer", DbDefaultKind.Number, "-1", "'-1'::integer")]
    [InlineData("boolean", DbDefaultKind.Boolean, "false", "false")]
    [InlineData("timestamp(3) without time zone", DbDefaultKind.Now, "CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP")]
    [InlineData("timestamp(3) without time zone", DbDefaultKind.DbGenerated, "(CURRENT_TIMESTAMP + interval '7 days')", "(CURRENT_TIMESTAMP + '7 days'::interval)")]
    [InlineData("timestamp(3) without time zone", DbDefaultKind.DbGenerated, "CURRENT_DATE", "CURRENT_DATE")]
    [InlineData("integer", DbDefaultKind.Sequence, "", "nextval('\"Post_id_seq\"'::regclass)")]
    public void Matches_what_pg_get_expr_prints(string catalogType, DbDefaultKind kind, string sql, string printed)
    {
        var column = new DbColumn("c", new DbColumnType("?", catalogType), true, new DbDefault(kind, sql));

        Assert.True(CatalogDefaults.Matches(column, printed));
    }

    [Fact]
    public void Matches_an_empty_array_default()
    {
        var column = new DbColumn("c", new DbColumnType("TEXT[]", "text[]"), false, new DbDefault(DbDefaultKind.Array, "ARRAY[]::TEXT[]"));

        Assert.True(CatalogDefaults.Matches(column, "ARRAY[]::text[]"));
        Assert.False(CatalogDefaults.Matches(column, null));
    }

    [Fact]
    public void Tells_a_different_value_apart()
    {
        var column = new DbColumn("c", new DbColumnType("TEXT", "text"), true, new DbDefault(DbDefaultKind.String, "'en'"));

        Assert.False(CatalogDefaults.Matches(column, "'de'::text"));
        Assert.False(CatalogDefaults.Matches(column, null));
        Assert.True(CatalogDefaults.Matches(column with { Default = null }, null));
    }
}
