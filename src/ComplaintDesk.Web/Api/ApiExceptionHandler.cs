using System.Text.Json;
using System.Text.RegularExpressions;
using ComplaintDesk.Application.Common;
using ComplaintDesk.Domain;
using FluentValidation;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace ComplaintDesk.Web.Api;

/// <summary>
/// The one error mapping of the API edge: every exception becomes problem+json with a stable type. Titles and details
/// are in the language the request-localization middleware chose (for the API: Accept-Language); the domain's refusals
/// are translated from their English template (<see cref="Texts.ForRule(ComplaintRuleException)"/>); the type stays the
/// same in every language.
/// </summary>
public sealed partial class ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        // The middleware has already pointed Request.Path at the error page; the feature keeps the original.
        var path = context.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? context.Request.Path.Value;
        if (path is null || !path.StartsWith("/api/", StringComparison.OrdinalIgnoreCase))
        {
            return false; // pages have their own error page
        }
        // The exception has left the request-localization middleware, and with it the request's culture: take it back.
        ProblemTypes.UseRequestCulture(context);
        var problem = Map(context, exception);
        if (problem.Status == StatusCodes.Status500InternalServerError)
        {
            logger.LogError(exception, "Unhandled error on {Method} {Path}", context.Request.Method, path);
        }
        context.Response.StatusCode = problem.Status!.Value;
        var written = await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
        return written;
    }

    public static ProblemDetails Map(HttpContext context, Exception exception) => exception switch
    {
        ValidationException validation => new HttpValidationProblemDetails(
            validation.Errors.GroupBy(e => FieldName(e.PropertyName))
                .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray()))
        {
            Status = StatusCodes.Status400BadRequest, Type = ProblemTypes.Validation, Title = Texts.Get("Some fields need attention."),
        },
        BadHttpRequestException badRequest => BadRequest(badRequest),
        // NotFoundException and ConcurrencyConflictException are worded in the request's language when thrown.
        NotFoundException notFound => Problem(StatusCodes.Status404NotFound, ProblemTypes.NotFound, Texts.Get("Not found"), notFound.Message),
        ActionForbiddenException forbidden => Problem(StatusCodes.Status403Forbidden, ProblemTypes.Forbidden, Texts.Get("Not allowed for your role"),
            Texts.ForRule(forbidden)),
        ComplaintRuleException rule => Problem(StatusCodes.Status409Conflict, ProblemTypes.ForRule(rule.Rule), Texts.Get("The complaint does not allow this now"),
            Texts.ForRule(rule)),
        ConcurrencyConflictException conflict when context.Request.Headers.IfMatch.Count > 0 =>
            Problem(StatusCodes.Status412PreconditionFailed, ProblemTypes.PreconditionFailed, Texts.Get("The complaint has changed"), conflict.Message),
        ConcurrencyConflictException conflict =>
            Problem(StatusCodes.Status409Conflict, ProblemTypes.ConcurrentChange, Texts.Get("The complaint has changed"), conflict.Message),
        _ => Problem(StatusCodes.Status500InternalServerError, ProblemTypes.Unexpected, Texts.Get("Something went wrong on our side"),
            Texts.Get("The error was logged; quote the trace id when you report it.")),
    };

    /// <summary>Malformed JSON or a value that does not fit (an unknown enum name) — a field error, never a 500.</summary>
    private static ProblemDetails BadRequest(BadHttpRequestException exception)
    {
        var json = exception.InnerException as JsonException;
        var (field, message) = json is not null
            ? (json.Path is { Length: > 2 } path ? FieldName(path.TrimStart('$', '.')) : "body", Texts.Get("This value is not valid here."))
            // A query or route value that does not convert (limit=abc): name the field, not "body" and a CLR type.
            : UnboundParameter().Match(exception.Message) is { Success: true } unbound
                ? (FieldName(unbound.Groups["name"].Value), Texts.Get("This value is not valid here."))
                : ("body", exception.Message);
        return new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = StatusCodes.Status400BadRequest, Type = ProblemTypes.Validation, Title = Texts.Get("The request could not be read."),
        };
    }

    /// <summary>ASP.NET Core's wording for a value that does not bind: Failed to bind parameter "Nullable&lt;int&gt; Limit" from "abc".</summary>
    [GeneratedRegex("^Failed to bind parameter \"(?:[^\"]*\\s)?(?<name>[^\\s\"]+)\" from ")]
    private static partial Regex UnboundParameter();

    private static ProblemDetails Problem(int status, string type, string title, string detail) =>
        new() { Status = status, Type = type, Title = title, Detail = detail };

    /// <summary>"Customer.Name" → "customer.name", as the JSON names it.</summary>
    public static string FieldName(string propertyPath) =>
        string.Join('.', propertyPath.Split('.').Select(JsonNamingPolicy.CamelCase.ConvertName));
}
