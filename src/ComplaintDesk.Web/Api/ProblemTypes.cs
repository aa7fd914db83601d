using System.Globalization;
using ComplaintDesk.Application.Common;
using Microsoft.AspNetCore.Localization;

namespace ComplaintDesk.Web.Api;

/// <summary>Stable problem <c>type</c> values: clients switch on these, never on the wording.</summary>
public static class ProblemTypes
{
    public static string ForRule(string rule) => $"/problems/{rule}";

    public static readonly string Validation = ForRule("validation");
    public static readonly string NotFound = ForRule("not-found");
    public static readonly string Forbidden = ForRule("forbidden");
    public static readonly string ConcurrentChange = ForRule("concurrent-change");
    public static readonly string PreconditionFailed = ForRule("precondition-failed");
    public static readonly string Unexpected = ForRule("unexpected");
    public static readonly string Unauthenticated = ForRule("unauthenticated");

    /// <summary>
    /// Problems the framework writes itself (401/403 from authorization, 404 for unknown routes) get our stable type
    /// too, and a title in the request's language (the framework's English status titles are keys of
    /// <see cref="Texts"/>; our own titles arrive translated, and looking them up again changes nothing); every problem
    /// carries the trace id.
    /// </summary>
    public static void Complete(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (problem.Type is null || problem.Type.StartsWith("https://tools.ietf.org/", StringComparison.Ordinal))
        {
            problem.Type = problem.Status switch
            {
                StatusCodes.Status400BadRequest => Validation,
                StatusCodes.Status401Unauthorized => Unauthenticated,
                StatusCodes.Status403Forbidden => Forbidden,
                StatusCodes.Status404NotFound => NotFound,
                StatusCodes.Status412PreconditionFailed => PreconditionFailed,
                StatusCodes.Status413PayloadTooLarge => ForRule("too-large"),
                StatusCodes.Status415UnsupportedMediaType => ForRule("unsupported-media-type"),
                StatusCodes.Status429TooManyRequests => ForRule("too-many-requests"),
                StatusCodes.Status500InternalServerError => Unexpected,
                _ => problem.Type,
            };
        }
        if (problem.Title is { } title)
        {
            problem.Title = Texts.Get(title, RequestCulture(context.HttpContext));
        }
        problem.Extensions["traceId"] = context.HttpContext.TraceIdentifier;
    }

    /// <summary>
    /// The language the request was answered in. Problems are often written outside the request-localization
    /// middleware (the exception handler and the status code pages sit before it, so the culture it set has been
    /// restored by then); the culture it chose stays on the request as <see cref="IRequestCultureFeature"/>.
    /// </summary>
    public static CultureInfo RequestCulture(HttpContext context) =>
        context.Features.Get<IRequestCultureFeature>()?.RequestCulture.UICulture ?? CultureInfo.CurrentUICulture;

    /// <summary>Makes the request's language current again for what follows on this flow (the exception handler's mapping).</summary>
    public static void UseRequestCulture(HttpContext context)
    {
        if (context.Features.Get<IRequestCultureFeature>()?.RequestCulture is { } culture)
        {
            CultureInfo.CurrentCulture = culture.Culture;
            CultureInfo.CurrentUICulture = culture.UICulture;
        }
    }
}
