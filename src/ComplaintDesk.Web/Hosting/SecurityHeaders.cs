namespace ComplaintDesk.Web.Hosting;

public static class SecurityHeaders
{
    /// <summary>Same-origin scripts, styles and images only; no plugins, no framing, forms post back here.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>Safe defaults on every response; pages load only our own scripts, styles and images.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
        // The API reference page (Scalar) needs inline script; everything else runs none.
        if (!context.Request.Path.StartsWithSegments("/api/docs"))
        {
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
        }
        await next(context);
    });
}
