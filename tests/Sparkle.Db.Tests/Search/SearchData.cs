using Npgsql;
using Sparkle.Db.Tests.Support;

namespace Sparkle.Db.Tests.Search;

/// <summary>Rows for the search tests; every id carries a per-test prefix so tests in one database never see each other's rows.</summary>
internal static class SearchData
{
    public static Task UserAsync(NpgsqlConnection connection, string id, string username, string? bio = null, string status = "ACTIVE", bool deleted = false) =>
        connection.ExecuteAsync(
            """
            INSERT INTO users (id, email, username, bio, status, deleted, "updatedAt")
            VALUES ($1, $1 || '@example.test', $2, $3, $4::"UserStatus", $5, now() AT TIME ZONE 'UTC')
            """,
            id, username, bio, status, deleted);

    public static Task PostAsync(
        NpgsqlConnection connection, string id, string title, string contentJson = """{"blocks":[]}""", string? excerpt = null,
        bool published = true, bool deleted = false, string moderation = "APPROVED") =>
        connection.ExecuteAsync(
            """
            INSERT INTO posts (id, slug, title, content, excerpt, published, deleted, "moderationStatus", "updatedAt")
            VALUES ($1, $1, $2, $3::jsonb, $4, $5, $6, $7::"ModerationStatus", now() AT TIME ZONE 'UTC')
            """,
            id, title, contentJson, excerpt, published, deleted, moderation);

    public static Task GroupAsync(NpgsqlConnection connection, string id, string name, string[]? tags, string visibility = "PUBLIC", bool deleted = false) =>
        connection.ExecuteAsync(
            """
            INSERT INTO groups (id, name, slug, tags, visibility, deleted, "updatedAt")
            VALUES ($1, $2, $1, $3, $4::"GroupVisibility", $5, now() AT TIME ZONE 'UTC')
            """,
            id, name, (object?)tags ?? DBNull.Value, visibility, deleted);

    public static Task EventAsync(
        NpgsqlConnection connection, string id, string title, string[]? tags, string status = "SCHEDULED", bool isPublic = true, bool deleted = false) =>
        connection.ExecuteAsync(
            """
            INSERT INTO events (id, title, slug, type, status, "isPublic", tags, deleted, "startTime", "endTime", "updatedAt")
            VALUES ($1, $2, $1, 'AMA', $3::"EventStatus", $4, $5, $6, '2030-01-01', '2030-01-02', now() AT TIME ZONE 'UTC')
            """,
            id, title, status, isPublic, (object?)tags ?? DBNull.Value, deleted);

    public static Task<List<string>> SearchIdsAsync(NpgsqlConnection connection, string query, string type = "all", int limit = 100, int offset = 0) =>
        connection.ColumnAsync<string>("SELECT id FROM search_all($1, $2, $3, $4)", query, type, limit, offset);
}
