namespace Sparkle.Db.Migrations;

/// <summary>
/// Splits a SQL script into statements at top-level semicolons, with a lexer that knows PostgreSQL's quoting:
/// '' strings (with '' escapes), E'' strings (with backslash escapes), "" quoted identifiers, $tag$ dollar quotes,
/// -- line comments and nested /* */ block comments.
/// </summary>
/// <remarks>
/// See <see href="https://www.postgresql.org/docs/current/sql-syntax-lexical.html"/>. Statements that hold only
/// comments and whitespace are dropped. A leading comment stays with the statement that follows it, so directives
/// such as <c>-- sparkle-db:expand</c> can be read from the statement text.
/// </remarks>
public static class SqlStatementSplitter
{
    public static IReadOnlyList<SqlStatement> Split(string script)
    {
        ArgumentNullException.ThrowIfNull(script);
        var statements = new List<SqlStatement>();
        var start = 0;
        var line = 1;
        var startLine = 1;
        var hasCode = false;
        var i = 0;

        while (i < script.Length)
        {
            var c = script[i];
            var next = i + 1 < script.Length ? script[i + 1] : '\0';

            if (c == '-' && next == '-')
            {
                while (i < script.Length && script[i] != '\n')
                {
                    i++;
                }

                continue;
            }

            if (c == '/' && next == '*')
            {
                i = SkipBlockComment(script, i, ref line);
                continue;
            }

            if (c == '\n')
            {
                line++;
                i++;
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            if (c == ';')
            {
                if (hasCode)
                {
                    statements.Add(Make(script, start, i, startLine, statements.Count + 1));
                }

                i++;
                start = i;
                hasCode = false;
                continue;
            }

            if (!hasCode)
            {
                // The statement's reported line is its first line of code, not of a leading comment.
                hasCode = true;
                startLine = line;
            }

            if (c == '\'')
            {
                var escapes = i > 0 && (script[i - 1] is 'E' or 'e') && (i < 2 || !IsIdentifierChar(script[i - 2]));
                i = SkipQuoted(script, i, '\'', escapes, ref line);
            }
            else if (c == '"')
            {
                i = SkipQuoted(script, i, '"', backslashEscapes: false, ref line);
            }
            else if (c == '$' && (i == 0 || !IsIdentifierChar(script[i - 1])) && TryReadDollarTag(script, i, out var tag))
            {
                var close = script.IndexOf(tag, i + tag.Length, StringComparison.Ordinal);
                var end = close < 0 ? script.Length : close + tag.Length;
                line += CountNewlines(script, i, end);
                i = end;
            }
            else
            {
                i++;
            }
        }

        if (hasCode)
        {
            statements.Add(Make(script, start, script.Length, startLine, statements.Count + 1));
        }

        return statements;
    }

    private static SqlStatement Make(string script, int start, int end, int startLine, int number)
    {
        var text = script[start..end].Trim();
        return new SqlStatement(text, number, startLine - LeadingCommentLines(text));
    }

    // The text keeps its leading comments; StartLine must point at the text's first line so that LineOf() works.
    private static int LeadingCommentLines(string text)
    {
        var lines = 0;
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '-' && i + 1 < text.Length && text[i + 1] == '-')
            {
                while (i < text.Length && text[i] != '\n')
                {
                    i++;
                }
            }
            else if (text[i] == '/' && i + 1 < text.Length && text[i + 1] == '*')
            {
                var l = 0;
                i = SkipBlockComment(text, i, ref l);
                lines += l;
            }
            else if (text[i] == '\n')
            {
                lines++;
                i++;
            }
            else if (char.IsWhiteSpace(text[i]))
            {
                i++;
            }
            else
            {
                break;
            }
        }

        return lines;
    }

    private static int SkipBlockComment(string script, int i, ref int line)
    {
        var depth = 0;
        while (i < script.Length)
        {
            if (script[i] == '/' && i + 1 < script.Length && script[i + 1] == '*')
            {
                depth++;
                i += 2;
            }
            else if (script[i] == '*' && i + 1 < script.Length && script[i + 1] == '/')
            {
                depth--;
                i += 2;
                if (depth == 0)
                {
                    return i;
                }
            }
            else
            {
                if (script[i] == '\n')
                {
                    line++;
                }

                i++;
            }
        }

        return i;
    }

    private static int SkipQuoted(string script, int i, char quote, bool backslashEscapes, ref int line)
    {
        i++;
        while (i < script.Length)
        {
            var c = script[i];
            if (c == '\n')
            {
                line++;
            }

            if (backslashEscapes && c == '\\')
            {
                i += 2;
                continue;
            }

            if (c == quote)
            {
                if (i + 1 < script.Length && script[i + 1] == quote)
                {
                    i += 2;
                    continue;
                }

                return i + 1;
            }

            i++;
        }

        return i;
    }

    private static bool TryReadDollarTag(string script, int i, out string tag)
    {
        // $$ or $name$ where name is an identifier that does not start with a digit ($1 is a parameter).
        var j = i + 1;
        if (j < script.Length && char.IsDigit(script[j]))
        {
            tag = "";
            return false;
        }

        while (j < script.Length && IsIdentifierChar(script[j]) && script[j] != '$')
        {
            j++;
        }

        if (j < script.Length && script[j] == '$')
        {
            tag = script[i..(j + 1)];
            return true;
        }

        tag = "";
        return false;
    }

    private static bool IsIdentifierChar(char c) => char.IsLetterOrDigit(c) || c == '_' || c == '$';

    private static int CountNewlines(string script, int from, int to)
    {
        var n = 0;
        for (var k = from; k < to; k++)
        {
            if (script[k] == '\n')
            {
                n++;
            }
        }

        return n;
    }
}
