using System.Globalization;
using System.Text;

namespace Sparkle.Db.Prisma;

/// <summary>
/// Splits a Prisma schema into tokens. <c>//</c> comments are dropped; <c>///</c> comments are kept as
/// <see cref="PrismaTokenKind.DocComment"/> tokens because Prisma attaches them to the next declaration.
/// </summary>
public static class PrismaLexer
{
    public static IReadOnlyList<PrismaToken> Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<PrismaToken>();
        var position = 0;
        var line = 1;
        var lineStart = 0;

        while (position < text.Length)
        {
            var c = text[position];
            var column = position - lineStart + 1;

            if (c == '\n')
            {
                position++;
                line++;
                lineStart = position;
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                position++;
                continue;
            }

            if (c == '/' && Peek(text, position + 1) == '/')
            {
                var end = text.IndexOf('\n', position);
                if (end < 0)
                {
                    end = text.Length;
                }

                if (Peek(text, position + 2) == '/')
                {
                    tokens.Add(new PrismaToken(PrismaTokenKind.DocComment, text[(position + 3)..end].Trim(), line, column));
                }

                position = end;
                continue;
            }

            if (c == '"')
            {
                tokens.Add(new PrismaToken(PrismaTokenKind.String, ReadString(text, ref position, line, column), line, column));
                continue;
            }

            if (char.IsAsciiDigit(c) || (c == '-' && char.IsAsciiDigit(Peek(text, position + 1))))
            {
                var start = position;
                position++;
                while (position < text.Length && (char.IsAsciiDigit(text[position]) || text[position] == '.'))
                {
                    position++;
                }

                tokens.Add(new PrismaToken(PrismaTokenKind.Number, text[start..position], line, column));
                continue;
            }

            if (char.IsLetter(c) || c == '_')
            {
                var start = position;
                while (position < text.Length && (char.IsLetterOrDigit(text[position]) || text[position] == '_'))
                {
                    position++;
                }

                tokens.Add(new PrismaToken(PrismaTokenKind.Identifier, text[start..position], line, column));
                continue;
            }

            if (c == '@' && Peek(text, position + 1) == '@')
            {
                tokens.Add(new PrismaToken(PrismaTokenKind.AtAt, "@@", line, column));
                position += 2;
                continue;
            }

            var kind = c switch
            {
                '@' => PrismaTokenKind.At,
                '{' => PrismaTokenKind.LeftBrace,
                '}' => PrismaTokenKind.RightBrace,
                '(' => PrismaTokenKind.LeftParen,
                ')' => PrismaTokenKind.RightParen,
                '[' => PrismaTokenKind.LeftBracket,
                ']' => PrismaTokenKind.RightBracket,
                ',' => PrismaTokenKind.Comma,
                ':' => PrismaTokenKind.Colon,
                '=' => PrismaTokenKind.Equals,
                '?' => PrismaTokenKind.Question,
                '.' => PrismaTokenKind.Dot,
                _ => throw new PrismaSchemaException($"Unexpected character '{c}'", line, column),
            };
            tokens.Add(new PrismaToken(kind, c.ToString(), line, column));
            position++;
        }

        tokens.Add(new PrismaToken(PrismaTokenKind.End, string.Empty, line, position - lineStart + 1));
        return tokens;
    }

    private static char Peek(string text, int index) => index < text.Length ? text[index] : '\0';

    private static string ReadString(string text, ref int position, int line, int column)
    {
        var builder = new StringBuilder();
        position++;
        while (true)
        {
            if (position >= text.Length || text[position] == '\n')
            {
                throw new PrismaSchemaException("Unterminated string", line, column);
            }

            var c = text[position++];
            if (c == '"')
            {
                return builder.ToString();
            }

            if (c != '\\')
            {
                builder.Append(c);
                continue;
            }

            if (position >= text.Length)
            {
                throw new PrismaSchemaException("Unterminated string", line, column);
            }

            var escaped = text[position++];
            switch (escaped)
            {
                case 'n': builder.Append('\n'); break;
                case 't': builder.Append('\t'); break;
                case 'r': builder.Append('\r'); break;
                case 'u' when position + 4 <= text.Length:
                    builder.Append((char)int.Parse(text.AsSpan(position, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                    position += 4;
                    break;
                default: builder.Append(escaped); break;
            }
        }
    }
}
