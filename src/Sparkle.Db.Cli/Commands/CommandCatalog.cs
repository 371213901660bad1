using System.CommandLine;

namespace Sparkle.Db.Cli.Commands;

/// <summary>Every subcommand of sparkle-db, in the order help lists them.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> All() =>
    [
        UpCommand.Create(),
        ClusterCommand.Create(),
        MigrateCommand.Create(),
        StatusCommand.Create(),
        RepairCommand.Create(),
        VerifyCommand.Create(),
        MonitorCommand.Create(),
        DashboardCommand.Create(),
        MaintainCommand.Create(),
        SchemaCommand.Create(),
        SeedCommand.Create(),
        BenchCommand.Create(),
    ];
}
