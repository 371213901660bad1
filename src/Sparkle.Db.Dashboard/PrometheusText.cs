using System.Globalization;
using System.Text;

namespace Sparkle.Db.Dashboard;

/// <summary>
/// Writes the Prometheus text exposition format (version 0.0.4): per metric family one # HELP and one # TYPE line,
/// then its samples; label values escaped (backslash, double quote, newline).
/// </summary>
/// <remarks><see href="https://prometheus.io/docs/instrumenting/exposition_formats/#text-based-format"/></remarks>
internal sealed class PrometheusText
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private readonly StringBuilder _text = new();
    private readonly HashSet<string> _families = new(StringComparer.Ordinal);

    /// <summary>Starts a metric family; its samples follow.</summary>
    public PrometheusText Family(string name, string type, string help)
    {
        if (!_families.Add(name))
        {
            throw new InvalidOperationException($"The metric family {name} was already written.");
        }

        _text.Append("# HELP ").Append(name).Append(' ').Append(help.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal)).Append('\n');
        _text.Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
        return this;
    }

    public PrometheusText Sample(string name, double value, params (string Name, string Value)[] labels)
    {
        _text.Append(name);
        if (labels.Length > 0)
        {
            _text.Append('{');
            _text.AppendJoin(',', labels.Select(l => l.Name + "=\"" + Escape(l.Value) + "\""));
            _text.Append('}');
        }

        _text.Append(' ').Append(Format(value)).Append('\n');
        return this;
    }

    /// <summary>A family with a single unlabelled sample.</summary>
    public PrometheusText Gauge(string name, string help, double value) => Family(name, "gauge", help).Sample(name, value);

    public override string ToString() => _text.ToString();

    private static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private static string Format(double value) => value switch
    {
        double.NaN => "NaN",
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };
}
