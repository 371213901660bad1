using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Sparkle.Db.Cli.Commands;

namespace Sparkle.Db.Cli;

/// <summary>
/// Rules on option values, checked by the parser: a value out of range is a usage error (exit 2) reported before the
/// command resolves a database or starts the local cluster.
/// </summary>
internal static class OptionRules
{
    /// <summary>The value must be at least <paramref name="minimum"/>.</summary>
    public static Option<T> AtLeast<T>(this Option<T> option, T minimum, string? why = null)
        where T : struct, IComparable<T>
    {
        option.Validators.Add(result =>
        {
            if (Value<T>(result) is { } value && value.CompareTo(minimum) < 0)
            {
                result.AddError(F($"{option.Name} must be at least {minimum} (got {value}){(why is null ? "" : ": " + why)}."));
            }
        });
        return option;
    }

    /// <summary>The value must be at least <paramref name="minimum"/> when given.</summary>
    public static Option<T?> AtLeast<T>(this Option<T?> option, T minimum, string? why = null)
        where T : struct, IComparable<T>
    {
        option.Validators.Add(result =>
        {
            if (Value<T>(result) is { } value && value.CompareTo(minimum) < 0)
            {
                result.AddError(F($"{option.Name} must be at least {minimum} (got {value}){(why is null ? "" : ": " + why)}."));
            }
        });
        return option;
    }

    /// <summary>The value must be greater than zero.</summary>
    public static Option<double> Positive(this Option<double> option)
    {
        option.Validators.Add(result =>
        {
            if (Value<double>(result) is { } value && !(value > 0))
            {
                result.AddError(F($"{option.Name} must be greater than 0 (got {value})."));
            }
        });
        return option;
    }

    /// <summary>The value must be greater than zero when given.</summary>
    public static Option<double?> Positive(this Option<double?> option)
    {
        option.Validators.Add(result =>
        {
            if (Value<double>(result) is { } value && !(value > 0))
            {
                result.AddError(F($"{option.Name} must be greater than 0 (got {value})."));
            }
        });
        return option;
    }

    /// <summary>The value must be at most <paramref name="maximum"/>.</summary>
    public static Option<T> AtMost<T>(this Option<T> option, T maximum)
        where T : struct, IComparable<T>
    {
        option.Validators.Add(result =>
        {
            if (Value<T>(result) is { } value && value.CompareTo(maximum) > 0)
            {
                result.AddError(F($"{option.Name} must be at most {maximum} (got {value})."));
            }
        });
        return option;
    }

    /// <summary>The value must be at most <paramref name="maximum"/> when given.</summary>
    public static Option<T?> AtMost<T>(this Option<T?> option, T maximum)
        where T : struct, IComparable<T>
    {
        option.Validators.Add(result =>
        {
            if (Value<T>(result) is { } value && value.CompareTo(maximum) > 0)
            {
                result.AddError(F($"{option.Name} must be at most {maximum} (got {value})."));
            }
        });
        return option;
    }

    /// <summary>The value must lie in [<paramref name="minimum"/>, <paramref name="maximum"/>].</summary>
    public static Option<double> Between(this Option<double> option, double minimum, double maximum)
    {
        option.Validators.Add(result =>
        {
            if (Value<double>(result) is { } value && !(value >= minimum && value <= maximum))
            {
                result.AddError(F($"{option.Name} must be between {minimum} and {maximum} (got {value})."));
            }
        });
        return option;
    }

    /// <summary>The value must not be empty.</summary>
    public static Option<string> NotEmpty(this Option<string> option)
    {
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && string.IsNullOrWhiteSpace(result.Tokens[^1].Value))
            {
                result.AddError($"{option.Name} must not be empty.");
            }
        });
        return option;
    }

    /// <summary>The value, when given, must name an existing file.</summary>
    public static Option<string?> ExistingFile(this Option<string?> option)
    {
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count == 0)
            {
                return;
            }

            var path = result.Tokens[^1].Value;
            if (string.IsNullOrWhiteSpace(path))
            {
                result.AddError($"{option.Name} must not be empty.");
            }
            else if (Directory.Exists(path))
            {
                result.AddError($"{option.Name} {path} is a folder, not a file.");
            }
            else if (!File.Exists(path))
            {
                result.AddError($"{option.Name} {Path.GetFullPath(path)} does not exist.");
            }
        });
        return option;
    }

    /// <summary>The value, when given, must be a duration such as 90s, 15m, 6h or 1d.</summary>
    public static Option<string?> Duration(this Option<string?> option)
    {
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && !Durations.TryParse(result.Tokens[^1].Value, out _))
            {
                result.AddError($"{option.Name} '{result.Tokens[^1].Value}' is not a duration of at most 30 days: write a number and a unit, such as 90s, 15m, 6h or 1d.");
            }
        });
        return option;
    }

    /// <summary>Two options that cannot be given together.</summary>
    public static Command Exclusive(this Command command, Option first, Option second)
    {
        command.Validators.Add(result =>
        {
            if (result.GetResult(first) is { Implicit: false } && result.GetResult(second) is { Implicit: false })
            {
                result.AddError($"{first.Name} and {second.Name} cannot be combined.");
            }
        });
        return command;
    }

    // A value the parser could not convert is already an error of its own; the rule then stays silent.
    private static T? Value<T>(OptionResult result)
        where T : struct
    {
        if (result.Implicit || result.Errors.Any())
        {
            return null;
        }

        try
        {
            return result.GetValueOrDefault<T?>();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
