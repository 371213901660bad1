namespace Sparkle.Db.Prisma;

/// <summary>
/// A recursive-descent parser over <see cref="PrismaLexer"/> tokens. Blocks are <c>datasource</c>,
/// <c>generator</c>, <c>enum</c>, <c>model</c> (and <c>view</c>/<c>type</c>, read like models and not kept).
/// </summary>
internal sealed class PrismaParser(IReadOnlyList<PrismaToken> tokens)
{
    private int _position;

    private PrismaToken Current => tokens[_position];

    public PrismaSchema ParseSchema()
    {
        var datasources = new List<PrismaDatasource>();
        var models = new List<PrismaModel>();
        var enums = new List<PrismaEnum>();

        while (Current.Kind != PrismaTokenKind.End)
        {
            var documentation = ReadDocumentation();
            if (Current.Kind == PrismaTokenKind.End)
            {
                break;
            }

            var keyword = Expect(PrismaTokenKind.Identifier);
            switch (keyword.Text)
            {
                case "datasource":
                    datasources.Add(ParseDatasource(keyword.Line));
                    break;
                case "generator":
                    ParseKeyValueBlock();
                    break;
                case "enum":
                    enums.Add(ParseEnum(documentation, keyword.Line));
                    break;
                case "model":
                    models.Add(ParseModel(documentation, keyword.Line));
                    break;
                case "view":
                case "type":
                    ParseModel(documentation, keyword.Line);
                    break;
                default:
                    throw Error($"Expected datasource, generator, enum or model but found {keyword}", keyword);
            }
        }

        return new PrismaSchema(datasources, models, enums);
    }

    private PrismaDatasource ParseDatasource(int line)
    {
        var name = Expect(PrismaTokenKind.Identifier).Text;
        var properties = ParseKeyValueBlock();
        var extensions = new List<string>();
        if (properties.TryGetValue("extensions", out var value))
        {
            if (value is not PrismaArrayValue array)
            {
                throw new PrismaSchemaException($"datasource {name}: extensions must be a list", line, 0);
            }

            foreach (var item in array.Items)
            {
                extensions.Add(item switch
                {
                    PrismaConstantValue constant => constant.Name,
                    PrismaFunctionValue function => function.Arguments
                        .FirstOrDefault(a => string.Equals(a.Name, "map", StringComparison.Ordinal))?.Value is PrismaStringValue map
                            ? map.Value
                            : function.Name,
                    _ => throw new PrismaSchemaException($"datasource {name}: unexpected extension {item}", line, 0),
                });
            }
        }

        return new PrismaDatasource(name, properties, extensions);
    }

    private Dictionary<string, PrismaValue> ParseKeyValueBlock()
    {
        if (Current.Kind == PrismaTokenKind.Identifier)
        {
            _position++;
        }

        Expect(PrismaTokenKind.LeftBrace);
        var properties = new Dictionary<string, PrismaValue>(StringComparer.Ordinal);
        while (true)
        {
            ReadDocumentation();
            if (Accept(PrismaTokenKind.RightBrace))
            {
                return properties;
            }

            var key = Expect(PrismaTokenKind.Identifier).Text;
            Expect(PrismaTokenKind.Equals);
            properties[key] = ParseValue();
        }
    }

    private PrismaEnum ParseEnum(string? documentation, int line)
    {
        var name = Expect(PrismaTokenKind.Identifier).Text;
        Expect(PrismaTokenKind.LeftBrace);
        var values = new List<PrismaEnumValue>();
        var blockAttributes = new List<PrismaAttribute>();
        while (true)
        {
            ReadDocumentation();
            if (Accept(PrismaTokenKind.RightBrace))
            {
                return new PrismaEnum(name, values, blockAttributes, documentation, line);
            }

            if (Accept(PrismaTokenKind.AtAt))
            {
                blockAttributes.Add(ParseAttributeBody());
                continue;
            }

            var value = Expect(PrismaTokenKind.Identifier).Text;
            values.Add(new PrismaEnumValue(value, ParseFieldAttributes()));
        }
    }

    private PrismaModel ParseModel(string? documentation, int line)
    {
        var name = Expect(PrismaTokenKind.Identifier).Text;
        Expect(PrismaTokenKind.LeftBrace);
        var fields = new List<PrismaField>();
        var blockAttributes = new List<PrismaAttribute>();
        while (true)
        {
            var fieldDocumentation = ReadDocumentation();
            if (Accept(PrismaTokenKind.RightBrace))
            {
                return new PrismaModel(name, fields, blockAttributes, documentation, line);
            }

            if (Accept(PrismaTokenKind.AtAt))
            {
                blockAttributes.Add(ParseAttributeBody());
                continue;
            }

            fields.Add(ParseField(fieldDocumentation));
        }
    }

    private PrismaField ParseField(string? documentation)
    {
        var nameToken = Expect(PrismaTokenKind.Identifier);
        var typeToken = Expect(PrismaTokenKind.Identifier);
        string? unsupported = null;
        if (string.Equals(typeToken.Text, "Unsupported", StringComparison.Ordinal))
        {
            Expect(PrismaTokenKind.LeftParen);
            unsupported = Expect(PrismaTokenKind.String).Text;
            Expect(PrismaTokenKind.RightParen);
        }

        var isList = false;
        if (Accept(PrismaTokenKind.LeftBracket))
        {
            Expect(PrismaTokenKind.RightBracket);
            isList = true;
        }

        var isOptional = Accept(PrismaTokenKind.Question);
        return new PrismaField(nameToken.Text, typeToken.Text, isOptional, isList, unsupported, ParseFieldAttributes(), documentation, nameToken.Line);
    }

    private List<PrismaAttribute> ParseFieldAttributes()
    {
        var attributes = new List<PrismaAttribute>();
        while (Accept(PrismaTokenKind.At))
        {
            attributes.Add(ParseAttributeBody());
        }

        return attributes;
    }

    /// <summary>Reads <c>name(.name)*</c> and an optional argument list; the at signs are already consumed.</summary>
    private PrismaAttribute ParseAttributeBody()
    {
        var first = Expect(PrismaTokenKind.Identifier);
        var name = first.Text;
        while (Accept(PrismaTokenKind.Dot))
        {
            name += "." + Expect(PrismaTokenKind.Identifier).Text;
        }

        var arguments = Current.Kind == PrismaTokenKind.LeftParen ? ParseArguments() : [];
        return new PrismaAttribute(name, arguments, first.Line);
    }

    private List<PrismaArgument> ParseArguments()
    {
        Expect(PrismaTokenKind.LeftParen);
        var arguments = new List<PrismaArgument>();
        while (!Accept(PrismaTokenKind.RightParen))
        {
            if (arguments.Count > 0)
            {
                Expect(PrismaTokenKind.Comma);
                if (Accept(PrismaTokenKind.RightParen))
                {
                    break;
                }
            }

            string? argumentName = null;
            if (Current.Kind == PrismaTokenKind.Identifier && tokens[_position + 1].Kind == PrismaTokenKind.Colon)
            {
                argumentName = Current.Text;
                _position += 2;
            }

            arguments.Add(new PrismaArgument(argumentName, ParseValue()));
        }

        return arguments;
    }

    private PrismaValue ParseValue()
    {
        var token = Current;
        switch (token.Kind)
        {
            case PrismaTokenKind.String:
                _position++;
                return new PrismaStringValue(token.Text);
            case PrismaTokenKind.Number:
                _position++;
                return new PrismaNumberValue(token.Text);
            case PrismaTokenKind.LeftBracket:
                _position++;
                var items = new List<PrismaValue>();
                while (!Accept(PrismaTokenKind.RightBracket))
                {
                    if (items.Count > 0)
                    {
                        Expect(PrismaTokenKind.Comma);
                        if (Accept(PrismaTokenKind.RightBracket))
                        {
                            break;
                        }
                    }

                    items.Add(ParseValue());
                }

                return new PrismaArrayValue(items);
            case PrismaTokenKind.Identifier:
                _position++;
                var name = token.Text;
                while (Current.Kind == PrismaTokenKind.Dot)
                {
                    _position++;
                    name += "." + Expect(PrismaTokenKind.Identifier).Text;
                }

                return Current.Kind == PrismaTokenKind.LeftParen
                    ? new PrismaFunctionValue(name, ParseArguments())
                    : new PrismaConstantValue(name);
            default:
                throw Error($"Expected a value but found {token}", token);
        }
    }

    private string? ReadDocumentation()
    {
        List<string>? lines = null;
        while (Current.Kind == PrismaTokenKind.DocComment)
        {
            (lines ??= []).Add(Current.Text);
            _position++;
        }

        return lines is null ? null : string.Join("\n", lines);
    }

    private bool Accept(PrismaTokenKind kind)
    {
        if (Current.Kind != kind)
        {
            return false;
        }

        _position++;
        return true;
    }

    private PrismaToken Expect(PrismaTokenKind kind)
    {
        var token = Current;
        if (token.Kind != kind)
        {
            throw Error($"Expected {kind} but found {token}", token);
        }

        _position++;
        return token;
    }

    private static PrismaSchemaException Error(string message, PrismaToken token) =>
        new(message, token.Line, token.Column);
}
