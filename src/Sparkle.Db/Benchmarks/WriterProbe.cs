using System.Diagnostics;
using Npgsql;

namespace Sparkle.Db.Benchmarks;

/// <summary>
/// A steady writer: one single-row INSERT every few milliseconds on its own connection, recording each
/// statement's latency (an error counts with the time it took, then the loop goes on). The longest latency is
/// the worst stall an application writer would have seen.
/// </summary>
internal sealed class WriterProbe(string connectionString, string table, string sql, IReadOnlyList<string> keys)
{
    private readonly List<(long At, double Ms)> _samples = [];
    private long _errors;

    public string Table => table;

    public async Task RunAsync(Stopwatch clock, CancellationToken stop)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(stop);
        var n = 0L;
        while (!stop.IsCancellationRequested)
        {
            var started = clock.ElapsedTicks;
            try
            {
                await using var command = new NpgsqlCommand(sql, connection);
                command.Parameters.Add(new NpgsqlParameter { Value = $"wr-{table}-{Guid.NewGuid():N}" });
                command.Parameters.Add(new NpgsqlParameter { Value = keys[(int)(n++ % keys.Count)] });
                await command.ExecuteNonQueryAsync(CancellationToken.None);
            }
            catch (PostgresException)
            {
                _errors++;
            }

            lock (_samples)
            {
                _samples.Add((started, (clock.ElapsedTicks - started) * 1000.0 / Stopwatch.Frequency));
            }

            try
            {
                await Task.Delay(10, stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    public double MaxBetween(long fromTicks, long toTicks)
    {
        lock (_samples)
        {
            // A statement belongs to the phase it was waiting in: it started before the phase ended and finished after it began.
            return _samples.Where(s => s.At < toTicks && s.At + (long)(s.Ms * Stopwatch.Frequency / 1000) >= fromTicks).Select(s => s.Ms).DefaultIfEmpty(0).Max();
        }
    }

    public WriterResult Result(IReadOnlyList<(string Phase, long From, long To)> phases)
    {
        lock (_samples)
        {
            var latencies = _samples.Select(s => s.Ms).ToList();
            var max = latencies.DefaultIfEmpty(0).Max();
            var worst = _samples.Count == 0 ? default : _samples.MaxBy(s => s.Ms);
            var during = phases.FirstOrDefault(p => worst.At >= p.From && worst.At < p.To).Phase;
            return new WriterResult(table, _samples.Count, _errors, max, LatencyStats.Percentile(latencies, 99), during);
        }
    }
}
