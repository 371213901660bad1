using Sparkle.Db.Migrations;
using Xunit;

namespace Sparkle.Db.Tests.Migrations;

public sealed class SqlStatementSplitterTests
{
    [Fact]
    public void Splits_at_top_level_semicolons_and_drops_empty_statements()
    {
        var statements = SqlStatementSplitter.Split("SELECT 1;\n;\n  SELECT 2 ;;\n-- only a comment\n");

        Assert.Equal(["SELECT 1", "SELECT 2"], statements.Select(s => s.Text));
        Assert.Equal([1, 2], statements.Select(s => s.Number));
    }

    [Fact]
    public void Keeps_dollar_quoted_bodies_with_semicolons_and_nested_tags_whole()
    {
        const string script = """
            CREATE FUNCTION f() RETURNS void LANGUAGE plpgsql AS $body$
            BEGIN
              PERFORM 1; EXECUTE $q$SELECT ';'$q$;
            END;
            $body$;
            SELECT $$a;b$$;
            """;

        var statements = SqlStatementSplitter.Split(script);

        Assert.Equal(2, statements.Count);
        Assert.EndsWith("$body$", statements[0].Text, StringComparison.Ordinal);
        Assert.Equal("SELECT $$a;b$$", statements[1].Text);
    }

    [Fact]
    public void Positional_parameters_are_not_dollar_quotes()
    {
        var statements = SqlStatementSplitter.Split("SELECT $1; SELECT a$b FROM t; SELECT 2");

        Assert.Equal(["SELECT $1", "SELECT a$b FROM t", "SELECT 2"], statements.Select(s => s.Text));
    }

    [Fact]
    public void Understands_strings_escape_strings_and_quoted_identifiers()
    {
        const string script = "SELECT 'it''s;'; SELECT E'a\\';b'; SELECT \"odd;\"\"name\" FROM t; SELECT e'x\\\\'; SELECT 3";

        var statements = SqlStatementSplitter.Split(script);

        Assert.Equal(
            ["SELECT 'it''s;'", "SELECT E'a\\';b'", "SELECT \"odd;\"\"name\" FROM t", "SELECT e'x\\\\'", "SELECT 3"],
            statements.Select(s => s.Text));
    }

    [Fact]
    public void A_plain_string_ending_in_a_backslash_is_not_an_escape()
    {
        // standard_conforming_strings is on: in '...' a backslash is an ordinary character.
        var statements = SqlStatementSplitter.Split("SELECT 'C:\\'; SELECT 2");

        Assert.Equal(["SELECT 'C:\\'", "SELECT 2"], statements.Select(s => s.Text));
    }

    [Fact]
    public void Skips_semicolons_in_line_comments_and_nested_block_comments()
    {
        const string script = "SELECT 1 -- not here;\n; /* outer /* inner; */ still; */ SELECT 2;";

        var statements = SqlStatementSplitter.Split(script);

        Assert.Equal(2, statements.Count);
        Assert.Equal("SELECT 1 -- not here;", statements[0].Text);
        Assert.EndsWith("SELECT 2", statements[1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_the_line_each_statement_starts_on_and_maps_error_positions_to_lines()
    {
        const string script = "SELECT 1;\n\n-- leading comment\nSELECT\n  broken;\n";

        var statements = SqlStatementSplitter.Split(script);

        Assert.Equal(1, statements[0].StartLine);
        Assert.Equal(3, statements[1].StartLine);
        var position = statements[1].Text.IndexOf("broken", StringComparison.Ordinal) + 1;
        Assert.Equal(5, statements[1].LineOf(position));
    }

    [Fact]
    public void An_unterminated_quote_ends_the_script_instead_of_looping()
    {
        var statements = SqlStatementSplitter.Split("SELECT 'open; SELECT 2");

        Assert.Single(statements);
    }
}
