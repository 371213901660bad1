using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sparkle.Db.Tests.Dashboard;

/// <summary>
/// The Chrome DevTools protocol over one WebSocket: commands with an id and their replies, and events (with the
/// session they came from, as flattened target sessions send them).
/// </summary>
/// <remarks><see href="https://chromedevtools.github.io/devtools-protocol/"/></remarks>
internal sealed class DevToolsConnection : IAsyncDisposable
{
    private readonly ClientWebSocket _socket;
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonElement>> _pending = new();
    private readonly CancellationTokenSource _closing = new();
    private readonly Task _receiving;
    private int _nextId;

    private DevToolsConnection(ClientWebSocket socket)
    {
        _socket = socket;
        _receiving = Task.Run(ReceiveAsync);
    }

    /// <summary>Every event received so far: method, session id, parameters.</summary>
    public ConcurrentQueue<(string Method, string? SessionId, JsonElement Parameters)> Events { get; } = new();

    public static async Task<DevToolsConnection> ConnectAsync(Uri url)
    {
        var socket = new ClientWebSocket();
        socket.Options.KeepAliveInterval = TimeSpan.Zero;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await socket.ConnectAsync(url, timeout.Token);
        return new DevToolsConnection(socket);
    }

    public async Task<JsonElement> SendAsync(string method, object? parameters = null, string? sessionId = null)
    {
        var id = Interlocked.Increment(ref _nextId);
        var reply = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = reply;
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = JsonSerializer.SerializeToNode(parameters ?? new { }) };
        if (sessionId is not null)
        {
            message["sessionId"] = sessionId;
        }

        await _socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, _closing.Token);
        return await reply.Task.WaitAsync(TimeSpan.FromSeconds(60));
    }

    public async ValueTask DisposeAsync()
    {
        await _closing.CancelAsync();
        try
        {
            await _receiving;
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
        }

        _socket.Dispose();
        _closing.Dispose();
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[1 << 16];
        using var message = new MemoryStream();
        while (!_closing.IsCancellationRequested && _socket.State == WebSocketState.Open)
        {
            var result = await _socket.ReceiveAsync(buffer, _closing.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                break;
            }

            message.Write(buffer, 0, result.Count);
            if (!result.EndOfMessage)
            {
                continue;
            }

            using var document = JsonDocument.Parse(message.ToArray());
            message.SetLength(0);
            var root = document.RootElement.Clone();
            if (root.TryGetProperty("id", out var idElement) && _pending.TryRemove(idElement.GetInt32(), out var reply))
            {
                if (root.TryGetProperty("error", out var error))
                {
                    reply.TrySetException(new InvalidOperationException("DevTools error: " + error.GetRawText()));
                }
                else
                {
                    reply.TrySetResult(root.GetProperty("result"));
                }
            }
            else if (root.TryGetProperty("method", out var method))
            {
                var session = root.TryGetProperty("sessionId", out var s) ? s.GetString() : null;
                Events.Enqueue((method.GetString()!, session, root.TryGetProperty("params", out var p) ? p : default));
            }
        }
    }
}
