using Sparkle.Db.Prisma;
using Xunit;

namespace Sparkle.Db.Tests.Prisma;

public class PrismaConstraintNamesTests
{
    [Fact]
    public void Joins_table_and_columns_with_the_suffix()
    {
        Assert.Equal("users_pkey", PrismaConstraintNames.PrimaryKey("users"));
        Assert.Equal("accounts_provider_providerAccountId_key", PrismaConstraintNames.Unique("accounts", ["provider", "providerAccountId"]));
        Assert.Equal("posts_authorId_published_publishedAt_idx", PrismaConstraintNames.Index("posts", ["authorId", "published", "publishedAt"]));
        Assert.Equal("accounts_userId_fkey", PrismaConstraintNames.ForeignKey("accounts", ["userId"]));
    }

    [Fact]
    public void Cuts_a_long_name_before_the_suffix_to_63_bytes()
    {
        var name = PrismaConstraintNames.Unique("ai_recommendations", ["userId", "entityType", "entityId", "recommendationType"]);

        Assert.Equal("ai_recommendations_userId_entityType_entityId_recommendatio_key", name);
        Assert.Equal(63, name.Length);
    }

    [Fact]
    public void Keeps_a_name_one_byte_under_the_limit()
    {
        // 58 bytes of prefix + "_key" = 62: below the limit, left alone.
        var prefix = new string('t', 53);
        Assert.Equal(prefix + "_abcd_key", PrismaConstraintNames.Unique(prefix, ["abcd"]));
    }

    [Fact]
    public void Cuts_at_a_character_boundary()
    {
        var name = PrismaConstraintNames.Index(new string('a', 57) + "é" + "bbbbbb", ["c"]);

        Assert.True(System.Text.Encoding.UTF8.GetByteCount(name) <= 63);
        Assert.EndsWith("_idx", name, StringComparison.Ordinal);
        Assert.Equal(new string('a', 57) + "é_idx", name);
    }
}
