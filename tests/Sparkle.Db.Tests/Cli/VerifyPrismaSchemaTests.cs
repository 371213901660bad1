using Npgsql;
using Sparkle.Db.Tests.Prisma;
using Sparkle.Db.Tests.Support;
using Xunit;

namespace Sparkle.Db.Tests.Cli;

public sealed class VerifyPrismaSchemaTests(MigratedDatabaseFixture fixture) : IClassFixture<MigratedDatabaseFixture>
{
    [ReferenceSchemaFact]
    public async Task Verify_with_the_reference_schema_passes_on_the_migrated_database_and_fails_after_drift()
    {
        var (code, output, _) = await CliRun.RunAsync("verify", "--prisma-schema", ReferenceSchema.SchemaPath, "--database-url", fixture.ConnectionString);

        Assert.Equal(0, code);
        Assert.Contains("PASS  prisma.schema", output, StringComparison.Ordinal);

        var copy = await fixture.Server.CreateDatabaseAsync(migrated: true, "drift");
        await using (var connection = new NpgsqlConnection(copy.ConnectionString))
        {
            await connection.OpenAsync();
            await connection.ExecuteAsync("DROP INDEX \"posts_slug_idx\"");
        }

        var (driftCode, driftOutput, _) = await CliRun.RunAsync("verify", "--json", "--prisma-schema", ReferenceSchema.SchemaPath, "--database-url", copy.ConnectionString);

        Assert.Equal(1, driftCode);
        Assert.Contains("posts_slug_idx", driftOutput, StringComparison.Ordinal);
        Assert.Contains("\"passed\": false", driftOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_prisma_schema_file_is_a_usage_error()
    {
        var (code, _, error) = await CliRun.RunAsync("verify", "--prisma-schema", "/no/such/schema.prisma", "--database-url", fixture.ConnectionString);

        Assert.Equal(2, code);
        Assert.Contains("does not exist", error, StringComparison.Ordinal);
    }
}
