using Sparkle.Db.Connections;
using Xunit;

namespace Sparkle.Db.Tests.Security;

/// <summary>
/// Issue 12, passwords in messages: every URL or connection string the tool echoes goes through one redactor, which
/// parses it (both readings of an ambiguous URL) and masks the user information's password and every password-like
/// parameter.
/// </summary>
public sealed class ConnectionRedactorTests
{
    [Theory]
    // Plain, percent-encoded, and raw @ : / ? # inside the password.
    [InlineData("postgresql://alice:hunter2@db.example:5432/sparkle", "postgresql://alice:***@db.example:5432/sparkle")]
    [InlineData("postgresql://alice:hun%40ter%3A2%2F@db/sparkle", "postgresql://alice:***@db/sparkle")]
    [InlineData("postgresql://alice:p@ss@host/db", "postgresql://alice:***@host/db")]
    [InlineData("postgresql://alice:p:a:ss@host/db", "postgresql://alice:***@host/db")]
    [InlineData("postgresql://alice:pa/ss@host/db", "postgresql://alice:***@host/db")]
    [InlineData("postgresql://alice:pa?ss@host/db", "postgresql://alice:***@host/db")]
    [InlineData("postgresql://alice:pa#ss@host/db", "postgresql://alice:***@host/db")]
    [InlineData("postgresql://alice:p@ss/word@host/db", "postgresql://alice:***@host/db")]
    [InlineData("postgres://alice:a@b/c?d#e@host:6543/db?sslmode=require", "postgres://alice:***@host:6543/db?sslmode=require")]
    // Password-like parameters, alone and among others; keys in any case, percent-encoded or spaced.
    [InlineData("postgresql://alice@host/db?password=secret&foo=bar", "postgresql://alice@host/db?password=***&foo=bar")]
    [InlineData("postgresql://alice@host/db?foo=bar&PASSWORD=secret", "postgresql://alice@host/db?foo=bar&PASSWORD=***")]
    [InlineData("postgresql://host/db?pass=a&passwd=b&pwd=c&sslpassword=d&api_token=e&client%5Fsecret=f&sslmode=disable",
        "postgresql://host/db?pass=***&passwd=***&pwd=***&sslpassword=***&api_token=***&client%5Fsecret=***&sslmode=disable")]
    [InlineData("postgresql://alice:one@host/db?password=two#frag", "postgresql://alice:***@host/db?password=***#frag")]
    // A raw '@' in a query value: either reading masks the whole value.
    [InlineData("postgresql://host/db?password=se@cret", "postgresql://host/db?password=***")]
    // Ambiguous: "pw@host/db?application_name=a" may be the password; the larger reading is masked.
    [InlineData("postgresql://alice:pw@host/db?application_name=a@b", "postgresql://alice:***@b")]
    // Nothing secret: unchanged.
    [InlineData("postgresql://alice@host:5432/db?sslmode=require&application_name=app", "postgresql://alice@host:5432/db?sslmode=require&application_name=app")]
    [InlineData("postgresql://host/db?application_name=a@b", "postgresql://host/db?application_name=a@b")]
    [InlineData("postgresql://host/db", "postgresql://host/db")]
    [InlineData("just words", "just words")]
    // Npgsql's key=value form, quoted values with separators inside, and libpq's space-separated form.
    [InlineData("Host=h;Port=5432;Password=hunter2;Username=u", "Host=h;Port=5432;Password=***;Username=u")]
    [InlineData("Host=h;Password='hun;ter=2';Database=d", "Host=h;Password=***;Database=d")]
    [InlineData("Host=h;Password=\"a\"\"b;c\";Ssl Password=x;Database=d", "Host=h;Password=***;Ssl Password=***;Database=d")]
    [InlineData("host=h password='se cret' dbname=d", "host=h password=*** dbname=d")]
    [InlineData("host=h password=secret sslpassword=k", "host=h password=*** sslpassword=***")]
    public void Passwords_are_masked_and_everything_else_kept(string input, string expected) =>
        Assert.Equal(expected, ConnectionRedactor.Redact(input));

    [Theory]
    [InlineData("postgresql://u:hunter2@h/d?bogus=1")]
    [InlineData("postgresql://alice@host/db?password=hunter2&foo=bar")]
    [InlineData("postgresql://alice:p@hunter2@h/d?foo=1")]
    [InlineData("postgresql://alice:hunter2@h:notaport/d")]
    [InlineData("postgresql://alice:hunter2@h/d?sslmode=bogus")]
    [InlineData("postgresql://alice@h/d?password=hunter2&connect_timeout=x")]
    [InlineData("Host=h;NoSuchKey=1;Password=hunter2")]
    public void A_refused_url_is_explained_without_any_part_of_the_password(string url)
    {
        var error = Assert.ThrowsAny<SparkleDbException>(() => DatabaseTarget.Parse(url));

        Assert.DoesNotContain("hunter2", error.Message + error.Hint, StringComparison.Ordinal);
    }
}
