using Sparkle.Db.Prisma;
using Xunit;

namespace Sparkle.Db.Tests.Prisma;

public class PrismaLexerTests
{
    [Fact]
    public void Drops_line_comments_and_keeps_doc_comments()
    {
        var tokens = PrismaLexer.Tokenize("// a comment\n/// The user\nmodel User { // trailing\n}");

        Assert.Equal(
            [PrismaTokenKind.DocComment, PrismaTokenKind.Identifier, PrismaTokenKind.Identifier, PrismaTokenKind.LeftBrace, PrismaTokenKind.RightBrace, PrismaTokenKind.End],
            tokens.Select(t => t.Kind));
        Assert.Equal("The user", tokens[0].Text);
    }

    [Fact]
    public void Reads_strings_with_escapes_and_numbers_as_written()
    {
        var tokens = PrismaLexer.Tokenize("""@default("say \"hi\"") @default(0.7000) @default(-1)""");

        Assert.Contains(tokens, t => t.Kind == PrismaTokenKind.String && t.Text == "say \"hi\"");
        Assert.Contains(tokens, t => t.Kind == PrismaTokenKind.Number && t.Text == "0.7000");
        Assert.Contains(tokens, t => t.Kind == PrismaTokenKind.Number && t.Text == "-1");
    }

    [Fact]
    public void Tells_double_at_from_at()
    {
        var tokens = PrismaLexer.Tokenize("@id @@map");

        Assert.Equal(PrismaTokenKind.At, tokens[0].Kind);
        Assert.Equal(PrismaTokenKind.AtAt, tokens[2].Kind);
    }

    [Fact]
    public void Reports_the_line_of_an_unterminated_string()
    {
        var error = Assert.Throws<PrismaSchemaException>(() => PrismaLexer.Tokenize("model A {\n  a String @default(\"oops\n}"));

        Assert.Equal(2, error.Line);
    }
}
