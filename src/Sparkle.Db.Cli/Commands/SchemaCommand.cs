using System.CommandLine;
using Sparkle.Db.Prisma;

namespace Sparkle.Db.Cli.Commands;

/// <summary>
/// <c>sparkle-db schema --prisma-schema PATH [--out DIR]</c> (hidden): regenerates migration
/// <c>000_base_schema</c> from a Prisma schema. A maintainer's tool, so it is not listed in help.
/// </summary>
internal static class SchemaCommand
{
    public static Command Create()
    {
        var schemaPath = new Option<string>("--prisma-schema")
        {
            Description = "The Prisma schema file to render",
            Required = true,
        };
        var output = new Option<string>("--out")
        {
            Description = "The migration folder to replace the .sql files of",
            DefaultValueFactory = _ => PrismaBaseMigration.RelativeDirectory,
        };
        var command = new Command("schema", "Regenerate db/migrations/000_base_schema from a Prisma schema") { schemaPath, output };
        command.Hidden = true;
        command.SetAction(async (parse, cancellationToken) =>
        {
            var context = new CommandContext(parse);
            var directory = parse.GetValue(output)!;
            var files = await PrismaBaseMigration.WriteAsync(parse.GetValue(schemaPath)!, directory, cancellationToken);
            foreach (var file in files)
            {
                await context.Out.WriteLineAsync(Path.Combine(directory, file.FileName));
            }

            await context.Out.WriteLineAsync($"Wrote {files.Count} files. Review the diff, then run the tests.");
            return 0;
        });
        return command;
    }
}
