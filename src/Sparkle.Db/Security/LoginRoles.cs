using System.Text.RegularExpressions;
using Npgsql;

namespace Sparkle.Db.Security;

/// <summary>
/// Creates login roles and sets their passwords without a password in any SQL text: the statement carries a SCRAM
/// verifier computed on the client (<see cref="ScramSha256"/>), never the password, so pg_stat_statements, the server
/// log (log_statement, or an error that logs its statement) and anyone watching pg_stat_activity see a hash at most.
/// </summary>
public static partial class LoginRoles
{
    /// <summary>
    /// Creates <paramref name="role"/> as a LOGIN role with <paramref name="password"/>, or, when it exists, makes it
    /// LOGIN and sets that password; then makes it a member of each of <paramref name="memberOf"/>.
    /// </summary>
    /// <exception cref="ArgumentException">A role name is not a plain lower-case identifier, or the password is not usable (see <see cref="ScramSha256"/>).</exception>
    public static async Task EnsureAsync(
        NpgsqlConnection connection, string role, string password, IReadOnlyList<string> memberOf, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        RequirePlainName(role);
        foreach (var group in memberOf)
        {
            RequirePlainName(group);
        }

        var verifier = ScramSha256.CreateVerifier(password);
        await using (var exists = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = $1)", connection))
        {
            exists.Parameters.Add(new() { Value = role });
            var found = (bool)(await exists.ExecuteScalarAsync(cancellationToken))!;
            // Utility statements take no parameters; the verifier is base64, digits, '$' and ':' only, so it needs no escaping.
            var sql = found ? $"ALTER ROLE \"{role}\" LOGIN PASSWORD '{verifier}'" : $"CREATE ROLE \"{role}\" LOGIN PASSWORD '{verifier}'";
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        foreach (var group in memberOf)
        {
            await using var grant = new NpgsqlCommand($"GRANT \"{group}\" TO \"{role}\"", connection);
            await grant.ExecuteNonQueryAsync(cancellationToken);
        }

        if (memberOf.Contains(ApplicationRole, StringComparer.Ordinal))
        {
            // A role's settings apply to the login, not through membership: the application's login gets custom plans
            // as sparkle_app does (db/engine/privileges.sql, docs/DECISIONS.md D101).
            await using var plans = new NpgsqlCommand($"ALTER ROLE \"{role}\" SET plan_cache_mode = force_custom_plan", connection);
            await plans.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>The application's group role (created by migration 001).</summary>
    public const string ApplicationRole = "sparkle_app";

    private static void RequirePlainName(string name)
    {
        if (!PlainName().IsMatch(name))
        {
            throw new ArgumentException($"'{name}' is not a plain role name (lower-case letters, digits, underscores; at most 63).", nameof(name));
        }
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex PlainName();
}
