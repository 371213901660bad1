using System.CommandLine;
using Sparkle.Db.Cli.Commands;
using Xunit;

namespace Sparkle.Db.Tests.Cli;

public sealed class SchemaCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("sparkle-schema-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Replaces_the_sql_files_of_the_migration_folder()
    {
        var schemaPath = Path.Combine(_directory, "schema.prisma");
        await File.WriteAllTextAsync(schemaPath, """
            model User {
              id String @id
              @@map("users")
            }
            """);
        var migration = Directory.CreateDirectory(Path.Combine(_directory, "000_base_schema")).FullName;
        await File.WriteAllTextAsync(Path.Combine(migration, "07_stale.sql"), "SELECT 1;");
        var output = new StringWriter();

        var exitCode = await new RootCommand { SchemaCommand.Create() }
            .Parse(["schema", "--prisma-schema", schemaPath, "--out", migration])
            .InvokeAsync(new InvocationConfiguration { Output = output });

        Assert.Equal(0, exitCode);
        Assert.Equal(
            ["00_extensions_and_enums.sql", "01_users_and_auth.sql", "99_foreign_keys.sql"],
            Directory.EnumerateFiles(migration).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Contains("CREATE TABLE \"users\"", await File.ReadAllTextAsync(Path.Combine(migration, "01_users_and_auth.sql")), StringComparison.Ordinal);
        Assert.Contains("Wrote 3 files", output.ToString(), StringComparison.Ordinal);
    }
}
