namespace Sparkle.Db.Prisma;

/// <summary>The kinds of token in a Prisma schema.</summary>
public enum PrismaTokenKind
{
    Identifier,
    String,
    Number,
    DocComment,
    At,
    AtAt,
    LeftBrace,
    RightBrace,
    LeftParen,
    RightParen,
    LeftBracket,
    RightBracket,
    Comma,
    Colon,
    Equals,
    Question,
    Dot,
    End,
}
