using Npgsql;

namespace Sparkle.Db.Verification;

/// <summary>
/// V-3: the 11 monitoring views of phase 009 and index_usage_stats exist and a <c>SELECT … LIMIT 1</c> from each
/// succeeds — a view that exists but fails when read (wrong catalog columns, D-16) fails here.
/// </summary>
internal sealed class MonitoringViewsCheck(IReadOnlyList<string> views) : ICheck
{
    public MonitoringViewsCheck()
        : this(PlanObjects.MonitoringViews)
    {
    }

    public string Name => "monitoring.views_selectable";

    public async Task<IReadOnlyList<CheckResult>> RunAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var errors = new List<string>();
        foreach (var view in views)
        {
            // The name comes from PlanObjects, not from input; quote_ident on the server keeps it exact anyway.
            await using var quote = new NpgsqlCommand("SELECT format('SELECT * FROM public.%I LIMIT 1', $1::text)", connection);
            quote.Parameters.Add(new() { Value = view });
            var sql = (string)(await quote.ExecuteScalarAsync(cancellationToken))!;
            try
            {
                await using var select = new NpgsqlCommand(sql, connection);
                await using var reader = await select.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                }
            }
            catch (PostgresException ex)
            {
                errors.Add($"{view}: {ex.MessageText}");
            }
        }

        return
        [
            new CheckResult(Name, errors.Count == 0, $"{views.Count} views, 0 errors",
                errors.Count == 0 ? $"{views.Count} views readable" : $"{errors.Count} errors: " + string.Join("; ", errors),
                errors.Count == 0 ? null : "Apply phases 008 and 009; a view that exists but fails to read references a missing object or column."),
        ];
    }
}
