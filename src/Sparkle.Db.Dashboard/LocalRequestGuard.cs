using Microsoft.AspNetCore.Http;

namespace Sparkle.Db.Dashboard;

/// <summary>
/// Every response: refuse a request whose Host is not this loopback address (a web page elsewhere that rebinds its
/// DNS name to 127.0.0.1 would otherwise read the dashboard), and send headers that forbid framing, sniffing, caching
/// and any resource from outside (the content security policy allows this origin only).
/// </summary>
internal sealed class LocalRequestGuard(Func<int> port)
{
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var host = context.Request.Host;
        var expectedPort = port();
        var local = host.Port == expectedPort
            && (string.Equals(host.Host, "127.0.0.1", StringComparison.Ordinal) || string.Equals(host.Host, "localhost", StringComparison.OrdinalIgnoreCase));
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-store";
        if (!local)
        {
            context.Response.StatusCode = StatusCodes.Status421MisdirectedRequest;
            await context.Response.WriteAsync($"This dashboard answers only to http://127.0.0.1:{expectedPort}/.", context.RequestAborted);
            return;
        }

        await next(context);
    }
}
