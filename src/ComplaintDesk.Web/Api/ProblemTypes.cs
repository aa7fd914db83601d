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
    /// too, and every problem carries the trace id.
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
        problem.Extensions["traceId"] = context.HttpContext.TraceIdentifier;
    }
}
