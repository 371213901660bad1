using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sparkle.Db.Cli;

/// <summary>One JSON shape for every --json output: camelCase names, enums as strings, indented.</summary>
internal static class JsonOutput
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };
}
