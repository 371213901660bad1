using System.Reflection;

namespace Sparkle.Db.Dashboard;

/// <summary>The page's files, embedded in the assembly (no CDN, no file system: the page works offline).</summary>
internal static class StaticAssets
{
    private static readonly Assembly Assembly = typeof(StaticAssets).Assembly;

    public static (string ContentType, byte[] Content) Read(string name)
    {
        using var stream = Assembly.GetManifestResourceStream("assets/" + name)
            ?? throw new InvalidOperationException($"The dashboard asset {name} is not embedded.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        var type = Path.GetExtension(name) switch
        {
            ".html" => "text/html; charset=utf-8",
            ".js" => "text/javascript; charset=utf-8",
            ".css" => "text/css; charset=utf-8",
            ".svg" => "image/svg+xml",
            _ => "application/octet-stream",
        };
        return (type, copy.ToArray());
    }

    /// <summary>The benchmark report built into the tool (docs/performance.json when the tool was built).</summary>
    public static string? BuiltInBenchReport()
    {
        using var stream = Assembly.GetManifestResourceStream("performance.json");
        if (stream is null)
        {
            return null;
        }

        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
