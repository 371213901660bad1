using System.Text.Json;

namespace Sparkle.Db.Tests.Dashboard;

/// <summary>One tab of <see cref="Chromium"/>: navigate, evaluate script, take screenshots, and collect what the console reported.</summary>
internal sealed class BrowserPage
{
    private readonly DevToolsConnection _connection;
    private readonly string _session;

    private BrowserPage(DevToolsConnection connection, string session)
    {
        _connection = connection;
        _session = session;
    }

    public static async Task<BrowserPage> OpenAsync(Chromium browser, int width = 1400, int height = 1000)
    {
        var connection = browser.Connection;
        var target = await connection.SendAsync("Target.createTarget", new { url = "about:blank" });
        var attached = await connection.SendAsync("Target.attachToTarget", new { targetId = target.GetProperty("targetId").GetString(), flatten = true });
        var page = new BrowserPage(connection, attached.GetProperty("sessionId").GetString()!);
        await page.SendAsync("Runtime.enable");
        await page.SendAsync("Log.enable");
        await page.SendAsync("Page.enable");
        await page.SendAsync("Emulation.setDeviceMetricsOverride", new { width, height, deviceScaleFactor = 1, mobile = false });
        return page;
    }

    /// <summary>
    /// What the page's console reported as errors: uncaught exceptions, console.error/assert calls, and browser log
    /// entries of level error (failed requests, content security policy violations).
    /// </summary>
    public IReadOnlyList<string> ConsoleErrors =>
        _connection.Events.Where(e => e.SessionId == _session).Select(e => e.Method switch
        {
            "Runtime.exceptionThrown" => "exception: " + e.Parameters.GetProperty("exceptionDetails").GetRawText(),
            "Runtime.consoleAPICalled" when e.Parameters.GetProperty("type").GetString() is "error" or "assert" => "console: " + e.Parameters.GetProperty("args").GetRawText(),
            "Log.entryAdded" when e.Parameters.GetProperty("entry").GetProperty("level").GetString() == "error" =>
                "log: " + e.Parameters.GetProperty("entry").GetProperty("text").GetString() + " " + (e.Parameters.GetProperty("entry").TryGetProperty("url", out var u) ? u.GetString() : ""),
            _ => null,
        }).OfType<string>().ToArray();

    public Task<JsonElement> SendAsync(string method, object? parameters = null) => _connection.SendAsync(method, parameters, _session);

    public async Task NavigateAsync(Uri url)
    {
        var result = await SendAsync("Page.navigate", new { url = url.ToString() });
        if (result.TryGetProperty("errorText", out var error) && error.GetString() is { Length: > 0 } text)
        {
            throw new InvalidOperationException($"Navigation to {url} failed: {text}");
        }
    }

    public async Task<T> EvaluateAsync<T>(string expression)
    {
        var result = await SendAsync("Runtime.evaluate", new { expression, returnByValue = true, awaitPromise = true });
        if (result.TryGetProperty("exceptionDetails", out var details))
        {
            throw new InvalidOperationException("Script failed: " + details.GetRawText());
        }

        return result.GetProperty("result").GetProperty("value").Deserialize<T>()!;
    }

    /// <summary>Polls <paramref name="condition"/> until it is true; fails after <paramref name="seconds"/> (a bound on waiting, not a timed assertion).</summary>
    public async Task WaitForAsync(string condition, int seconds = 90)
    {
        for (var waited = 0; waited < seconds * 5; waited++)
        {
            if (await EvaluateAsync<bool>($"!!({condition})"))
            {
                return;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"The page never satisfied: {condition}");
    }

    /// <summary>A PNG of the whole page (beyond the viewport).</summary>
    public async Task<byte[]> ScreenshotAsync()
    {
        var result = await SendAsync("Page.captureScreenshot", new { format = "png", captureBeyondViewport = true });
        return Convert.FromBase64String(result.GetProperty("data").GetString()!);
    }

    /// <summary>A PNG of the page from its top edge (or from the top of <paramref name="from"/>) to the bottom of <paramref name="to"/>.</summary>
    public async Task<byte[]> ScreenshotAsync(string? from, string to)
    {
        var top = from is null ? 0 : await EvaluateAsync<double>($"document.querySelector('{from}').getBoundingClientRect().top + window.scrollY - 8");
        var bottom = await EvaluateAsync<double>($"document.querySelector('{to}').getBoundingClientRect().bottom + window.scrollY + 8");
        var width = await EvaluateAsync<double>("document.documentElement.clientWidth");
        var result = await SendAsync("Page.captureScreenshot", new
        {
            format = "png",
            captureBeyondViewport = true,
            clip = new { x = 0, y = top, width, height = bottom - top, scale = 1 },
        });
        return Convert.FromBase64String(result.GetProperty("data").GetString()!);
    }
}
