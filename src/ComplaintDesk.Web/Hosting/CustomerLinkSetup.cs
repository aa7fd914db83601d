using System.Text.RegularExpressions;
using ComplaintDesk.Application.Features.StatusLinks;
using ComplaintDesk.Domain.StatusLinks;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Serilog.AspNetCore;
using Serilog.Core;
using Serilog.Events;

namespace ComplaintDesk.Web.Hosting;

/// <summary>The customer's side (status link, public page), kept out of Program.cs.</summary>
public static class CustomerLinkSetup
{
    /// <summary>The rate-limiting policy of the customer's pages under /s/.</summary>
    public const string RatePolicy = "status-link";

    /// <summary>Where the customer's pages live: the token is the next path segment.</summary>
    public static readonly PathString AreaPath = new("/s");

    public static IServiceCollection AddCustomerLinkArea(this IServiceCollection services, IConfiguration configuration)
    {
        // Read when first used: the test host and the embedded cluster set configuration after the builder is made.
        services.AddSingleton(provider =>
        {
            var config = provider.GetRequiredService<IConfiguration>();
            return new StatusLinkSettings(
                new Uri(config.GetValue("StatusLink:BaseUrl", "http://127.0.0.1:5080")!),
                TimeSpan.FromDays(config.GetValue("StatusLink:DaysAfterClosure", StatusLinkSettings.DefaultLifetimeAfterClosure.TotalDays)));
        });
        // The customer's pages (/s/{token}…) have no sign-in: the token in the path is the capability. Guessing tokens
        // (or hammering one) is slowed per client address on every /s/ page, GET and POST alike.
        services.Configure<RazorPagesOptions>(options =>
        {
            options.Conventions.AllowAnonymousToFolder("/Status");
            options.Conventions.AddFolderApplicationModelConvention("/Status",
                model => model.EndpointMetadata.Add(new EnableRateLimitingAttribute(RatePolicy)));
        });
        services.AddPerAddressLimit(RatePolicy, configuration.GetValue("StatusLink:RequestsPerMinute", 30));
        // Tokens never reach a log: the request-completion event names the path by the token's LogId, and an enricher
        // (picked up by ReadFrom.Services) rewrites any /s/{token} in any event's properties — the hosting scope's
        // RequestPath rides on every event written during a request.
        services.AddSingleton<ILogEventEnricher, StatusLinkLogRedactor>();
        services.AddOptions<RequestLoggingOptions>().Configure<Serilog.ILogger>((options, logger) =>
        {
            // Through the configured pipeline (and its redaction), not the static bootstrap logger.
            options.Logger = logger;
            options.GetMessageTemplateProperties = (context, path, elapsedMs, statusCode) =>
            [
                new LogEventProperty("RequestMethod", new ScalarValue(context.Request.Method)),
                new LogEventProperty("RequestPath", new ScalarValue(StatusLinkLogRedactor.Redact(path))),
                new LogEventProperty("StatusCode", new ScalarValue(statusCode)),
                new LogEventProperty("Elapsed", new ScalarValue(elapsedMs)),
            ];
        });
        return services;
    }

    public static WebApplication UseCustomerLinkArea(this WebApplication app)
    {
        // Crawlers are told to stay out; the headers below say it again on every answer.
        app.MapGet("/robots.txt", () => Results.Text("User-agent: *\nDisallow: /s/\n", "text/plain; charset=utf-8")).AllowAnonymous();
        return app;
    }

    /// <summary>
    /// Capability-URL headers on every answer under /s/ — pages, 404, 410, 429 and error pages alike: the URL must not
    /// leak through Referer, caches or search engines. Set when the response starts, so the error page's re-execution
    /// (which clears the headers and points the path at /Error) cannot drop them. Early in the pipeline, right after
    /// the global security headers.
    /// </summary>
    public static IApplicationBuilder UseStatusLinkHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        if (context.Request.Path.StartsWithSegments(AreaPath, out var rest))
        {
            // For the log redactor: this request's token, wherever a framework log might show it (route values…).
            var segment = rest.Value?.TrimStart('/').Split('/')[0];
            if (StatusLinkToken.IsWellFormed(segment))
            {
                context.Items[StatusLinkLogRedactor.TokenItem] = segment;
            }
            var response = context.Response;
            response.OnStarting(() =>
            {
                var headers = response.Headers;
                headers["Referrer-Policy"] = "no-referrer";
                headers.CacheControl = "no-store";
                headers.Pragma = "no-cache";
                headers["X-Robots-Tag"] = "noindex, nofollow";
                headers.XContentTypeOptions = "nosniff";
                if (string.IsNullOrEmpty(headers.ContentSecurityPolicy))
                {
                    // Only if nothing set one (the global headers normally have): the same policy.
                    headers.ContentSecurityPolicy = SecurityHeaders.ContentSecurityPolicy;
                }
                return Task.CompletedTask;
            });
        }
        return next(context);
    });
}

/// <summary>
/// Rewrites every <c>/s/{token}</c> in a log event's property values to <c>/s/{LogId}</c> (8 hex digits of the token's
/// hash): enough to correlate a customer's visits, useless to open their case. Whatever the segment is — a real token,
/// a guess, garbage — it is hashed, so a near-miss of a real token is not logged either. The current request's token
/// is also replaced wherever else it shows (framework debug events print route values as <c>token=[…]</c>). Property
/// values only: a message template is fixed text, and the app's own templates never take a token.
/// </summary>
public sealed partial class StatusLinkLogRedactor(IHttpContextAccessor http) : ILogEventEnricher
{
    /// <summary>Where the /s/ middleware leaves the request's (well-formed) token for this redactor.</summary>
    public const string TokenItem = "ComplaintDesk.StatusLinkToken";

    [GeneratedRegex(@"/s/(?<token>[^/?#\s""'<>]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LinkPath();

    [GeneratedRegex("^[0-9a-f]{8}$")]
    private static partial Regex AlreadyRedacted();

    public static string Redact(string text) => Redact(text, null);

    private static string Redact(string text, string? token)
    {
        if (token is not null && text.Contains(token, StringComparison.Ordinal))
        {
            text = text.Replace(token, StatusLinkToken.LogId(token), StringComparison.Ordinal);
        }
        return text.Contains("/s/", StringComparison.OrdinalIgnoreCase)
            ? LinkPath().Replace(text, m => AlreadyRedacted().IsMatch(m.Groups["token"].Value) ? m.Value : "/s/" + StatusLinkToken.LogId(m.Groups["token"].Value))
            : text;
    }

    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        var token = http.HttpContext?.Items[TokenItem] as string;
        List<LogEventProperty>? changed = null;
        foreach (var (name, value) in logEvent.Properties)
        {
            var redacted = Redact(value, token);
            if (!ReferenceEquals(redacted, value))
            {
                (changed ??= []).Add(new LogEventProperty(name, redacted));
            }
        }
        foreach (var property in changed ?? [])
        {
            logEvent.AddOrUpdateProperty(property);
        }
    }

    /// <summary>The same value when nothing needed redacting, else a redacted copy (a scalar object rendered as text).</summary>
    private static LogEventPropertyValue Redact(LogEventPropertyValue value, string? token)
    {
        switch (value)
        {
            case ScalarValue scalar:
            {
                // Numbers, dates, ids cannot hold a token; other objects (route values, URIs) are logged by their text.
                var text = scalar.Value switch
                {
                    string s => s,
                    PathString path => path.Value,
                    null or ValueType => null,
                    var other => other.ToString(),
                };
                if (text is null)
                {
                    return value;
                }
                var redacted = Redact(text, token);
                return redacted == text ? value : new ScalarValue(redacted);
            }
            case SequenceValue sequence:
            {
                var elements = sequence.Elements.Select(e => Redact(e, token)).ToList();
                return elements.SequenceEqual(sequence.Elements, ReferenceEqualityComparer.Instance) ? value : new SequenceValue(elements);
            }
            case StructureValue structure:
            {
                var properties = structure.Properties.Select(p => (p, v: Redact(p.Value, token))).ToList();
                return properties.All(x => ReferenceEquals(x.p.Value, x.v))
                    ? value
                    : new StructureValue(properties.Select(x => new LogEventProperty(x.p.Name, x.v)), structure.TypeTag);
            }
            case DictionaryValue dictionary:
            {
                var elements = dictionary.Elements.Select(e => (e.Key, v: Redact(e.Value, token))).ToList();
                return elements.All(x => ReferenceEquals(dictionary.Elements[x.Key], x.v))
                    ? value
                    : new DictionaryValue(elements.Select(x => new KeyValuePair<ScalarValue, LogEventPropertyValue>(x.Key, x.v)));
            }
            default:
                return value;
        }
    }
}
