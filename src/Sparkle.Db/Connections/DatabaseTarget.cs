using Npgsql;

namespace Sparkle.Db.Connections;

/// <summary>
/// Where to connect: parsed from a <c>postgresql://user:pass@host:port/db</c> URL (the form Prisma users
/// already have in DATABASE_URL) or from an Npgsql key=value connection string.
/// </summary>
public sealed class DatabaseTarget
{
    // Query parameters Prisma adds to its URLs that mean nothing to a plain PostgreSQL client.
    private static readonly HashSet<string> PrismaOnlyParameters = new(StringComparer.OrdinalIgnoreCase)
    {
        "connection_limit", "pool_timeout", "pgbouncer", "statement_cache_size", "socket_timeout", "sslaccept",
    };

    private DatabaseTarget(NpgsqlConnectionStringBuilder builder) => Builder = builder;

    /// <summary>The connection settings; callers copy it before changing anything.</summary>
    public NpgsqlConnectionStringBuilder Builder { get; }

    public string ConnectionString => Builder.ConnectionString;

    public string Database => Builder.Database ?? "postgres";

    /// <summary>Parses a URL or key=value string. Errors never echo the password.</summary>
    public static DatabaseTarget Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = value.Trim();
        if (text.Length == 0)
        {
            throw new InvalidInputException("The database URL is empty.", UrlHint);
        }

        if (text.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase))
        {
            return new DatabaseTarget(FromUrl(text));
        }

        if (text.Contains("://", StringComparison.Ordinal))
        {
            throw new InvalidInputException(
                $"The database URL has the scheme '{text[..text.IndexOf("://", StringComparison.Ordinal)]}', which is not PostgreSQL.",
                UrlHint);
        }

        if (!text.Contains('=', StringComparison.Ordinal))
        {
            throw new InvalidInputException("The database URL is neither a postgresql:// URL nor a key=value connection string.", UrlHint);
        }

        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(text);
        }
        catch (ArgumentException ex)
        {
            // Npgsql's message names the offending key, never its value.
            throw new InvalidInputException($"The connection string is not valid: {ex.Message}", UrlHint, ex);
        }

        if (builder.SearchPath is { Length: > 0 } searchPath)
        {
            RefuseOtherSchema(searchPath, "Search Path=" + searchPath);
        }

        return new DatabaseTarget(builder);
    }

    /// <summary>
    /// The migrations, functions and Prisma's tables live in schema public (docs/DECISIONS.md D90); a URL that puts the
    /// session in another schema would build half the database there and stop. Refused before anything connects.
    /// </summary>
    private static void RefuseOtherSchema(string schema, string given)
    {
        var first = schema.Split(',')[0].Trim().Trim('"');
        if (!string.Equals(first, "public", StringComparison.Ordinal))
        {
            throw new InvalidInputException(
                $"The database URL selects schema '{schema}' ({given}); sparkle-db builds the Sparkle database in schema public only. Nothing was changed.",
                "Remove the schema parameter (or set it to public) for sparkle-db and for the Prisma client; see docs/DECISIONS.md D90.");
        }
    }

    /// <summary>A target from an already-built connection string (the local cluster, tests).</summary>
    public static DatabaseTarget FromConnectionString(string connectionString) =>
        new(new NpgsqlConnectionStringBuilder(connectionString));

    /// <summary>The same server, another database.</summary>
    public DatabaseTarget WithDatabase(string database)
    {
        var copy = new NpgsqlConnectionStringBuilder(Builder.ConnectionString) { Database = database };
        return new DatabaseTarget(copy);
    }

    /// <summary>A description safe to print: host, port, database and user, never the password.</summary>
    public string Describe() => $"{Builder.Host ?? "localhost"}:{Builder.Port}/{Database} as {Builder.Username ?? Environment.UserName}";

    private const string UrlHint =
        "Pass --database-url (or set DATABASE_URL) as postgresql://user:password@host:5432/database, " +
        "or as an Npgsql string such as \"Host=localhost;Port=5432;Database=sparkle;Username=app\". " +
        "Leave both unset to use the local cluster that sparkle-db starts itself.";

    private static NpgsqlConnectionStringBuilder FromUrl(string url)
    {
        Uri uri;
        try
        {
            uri = new Uri(url);
        }
        catch (UriFormatException)
        {
            throw new InvalidInputException($"The database URL is malformed: {Redact(url)}", UrlHint);
        }

        var builder = new NpgsqlConnectionStringBuilder();
        if (!string.IsNullOrEmpty(uri.Host))
        {
            builder.Host = uri.Host.Trim('[', ']');
        }

        builder.Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port;
        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            var separator = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            builder.Username = Uri.UnescapeDataString(separator < 0 ? uri.UserInfo : uri.UserInfo[..separator]);
            if (separator >= 0)
            {
                builder.Password = Uri.UnescapeDataString(uri.UserInfo[(separator + 1)..]);
            }
        }

        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Length > 0)
        {
            builder.Database = database;
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
            var val = equals < 0 ? "" : Uri.UnescapeDataString(pair[(equals + 1)..].Replace('+', ' '));
            ApplyUrlParameter(builder, key, val, url);
        }

        return builder;
    }

    private static void ApplyUrlParameter(NpgsqlConnectionStringBuilder builder, string key, string value, string url)
    {
        switch (key.ToLowerInvariant())
        {
            case "sslmode":
                builder.SslMode = value.ToLowerInvariant() switch
                {
                    "disable" => SslMode.Disable,
                    "allow" => SslMode.Allow,
                    "prefer" => SslMode.Prefer,
                    "require" => SslMode.Require,
                    "verify-ca" => SslMode.VerifyCA,
                    "verify-full" => SslMode.VerifyFull,
                    _ => throw new InvalidInputException($"The database URL has an unknown sslmode '{value}'.", UrlHint),
                };
                break;
            case "connect_timeout":
                builder.Timeout = ParseInt(key, value);
                break;
            case "application_name":
                builder.ApplicationName = value;
                break;
            case "passfile":
                builder.Passfile = value;
                break;
            case "host":
                // libpq allows the host (or a socket folder) as a query parameter.
                builder.Host = value;
                break;
            case "port":
                builder.Port = ParseInt(key, value);
                break;
            case "user":
                builder.Username = value;
                break;
            case "password":
                builder.Password = value;
                break;
            case "dbname":
                builder.Database = value;
                break;
            case "schema":
                // Prisma's schema parameter selects the schema the client works in; sparkle-db builds public only.
                RefuseOtherSchema(value, "?schema=" + value);
                builder.SearchPath = value;
                break;
            case "sslrootcert":
                builder.RootCertificate = value;
                break;
            case "sslcert":
                builder.SslCertificate = value;
                break;
            case "sslkey":
                builder.SslKey = value;
                break;
            default:
                if (!PrismaOnlyParameters.Contains(key))
                {
                    throw new InvalidInputException(
                        $"The database URL has a parameter '{key}' that sparkle-db does not understand: {Redact(url)}",
                        "Supported: sslmode, connect_timeout, application_name, passfile, host, port, user, password, dbname, schema, sslrootcert, sslcert, sslkey (Prisma's pool parameters are ignored).");
                }

                break;
        }
    }

    private static int ParseInt(string key, string value) =>
        int.TryParse(value, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new InvalidInputException($"The database URL parameter '{key}' must be a whole number.", UrlHint);

    /// <summary>The URL or connection string with every password replaced by <c>***</c> (<see cref="ConnectionRedactor"/>).</summary>
    public static string Redact(string url) => ConnectionRedactor.Redact(url);
}
