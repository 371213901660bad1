using Npgsql;
using Sparkle.Db.Connections;
using Xunit;

namespace Sparkle.Db.Tests.Connections;

public sealed class DatabaseTargetTests
{
    [Fact]
    public void A_prisma_style_url_becomes_npgsql_settings()
    {
        var target = DatabaseTarget.Parse("postgresql://app%40x:p%3Ass@db.example:6543/sparkle?schema=public&sslmode=require&connection_limit=5");

        Assert.Equal("db.example", target.Builder.Host);
        Assert.Equal(6543, target.Builder.Port);
        Assert.Equal("sparkle", target.Builder.Database);
        Assert.Equal("app@x", target.Builder.Username);
        Assert.Equal("p:ss", target.Builder.Password);
        Assert.Equal(SslMode.Require, target.Builder.SslMode);
        Assert.Equal("public", target.Builder.SearchPath);
    }

    [Fact]
    public void A_url_without_a_port_uses_5432_and_a_key_value_string_is_accepted_as_is()
    {
        Assert.Equal(5432, DatabaseTarget.Parse("postgres://u@h/d").Builder.Port);
        Assert.Equal("h2", DatabaseTarget.Parse("Host=h2;Port=5433;Database=d;Username=u").Builder.Host);
    }

    [Theory]
    [InlineData("mysql://u:hunter2@h/d", "scheme")]
    [InlineData("postgresql://u:hunter2@h:notaport/d", "malformed")]
    [InlineData("postgresql://u:hunter2@h/d?bogus=1", "bogus")]
    [InlineData("just words", "neither")]
    [InlineData("Host=h;NoSuchKey=1;Password=hunter2", "not valid")]
    public void Bad_urls_are_refused_with_a_message_that_never_shows_the_password(string url, string expected)
    {
        var error = Assert.Throws<InvalidInputException>(() => DatabaseTarget.Parse(url));

        Assert.Contains(expected, error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
        Assert.NotNull(error.Hint);
    }

    [Fact]
    public void Describe_and_redact_hide_the_password()
    {
        var target = DatabaseTarget.Parse("postgresql://u:hunter2@h:5/d");

        Assert.DoesNotContain("hunter2", target.Describe(), StringComparison.Ordinal);
        Assert.Equal("postgresql://u:***@h:5/d", DatabaseTarget.Redact("postgresql://u:hunter2@h:5/d"));
    }
}
