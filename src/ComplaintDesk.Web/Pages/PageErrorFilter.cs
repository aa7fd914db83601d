using ComplaintDesk.Application.Common;
using ComplaintDesk.Domain;
using FluentValidation;
using FluentValidation.Results;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace ComplaintDesk.Web.Pages;

/// <summary>
/// Pages' side of the one error mapping, for what a page did not catch itself: a missing complaint is the
/// not-found page, a wrong role the access-denied answer (403), a malformed request a 400, a request no handler
/// answers the not-found page too. The status code pages middleware renders the error page for each.
/// </summary>
public sealed class PageErrorFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (context.HandlerMethod is null && context.ActionDescriptor.HandlerMethods.Count > 0)
        {
            // A page with handlers, none of them for this request (a POST to a GET-only page, an unknown
            // ?handler=): without this the view would render with nothing loaded.
            context.Result = new NotFoundResult();
            return;
        }
        var executed = await next();
        switch (executed.Exception)
        {
            case NotFoundException:
                executed.Result = new NotFoundResult();
                executed.ExceptionHandled = true;
                break;
            case ActionForbiddenException:
                // A 403 answer to the post itself, not the cookie handler's redirect to a GET of another page.
                executed.Result = new StatusCodeResult(StatusCodes.Status403Forbidden);
                executed.ExceptionHandled = true;
                break;
            case ValidationException:
                executed.Result = new BadRequestResult();
                executed.ExceptionHandled = true;
                break;
        }
    }
}

public static class PageCommands
{
    public const string StaleKey = "ChangedBySomeoneElse";

    /// <summary>
    /// Sends the command a page bound. Field errors land on the form's fields (under <paramref name="prefix"/>),
    /// refusals and lost races at the top of the form; the caller re-renders when this returns default.
    /// </summary>
    public static Task<T?> TrySendAsync<T>(this PageModel page, ISender sender, ICommand<T> command, string prefix,
        CancellationToken cancellationToken) =>
        TrySendAsync(page, sender, command, PageCommandOptions.Under(prefix), cancellationToken);

    /// <summary>The same, for a form that names its fields otherwise or speaks to someone else (the customer's page).</summary>
    public static Task<T?> TrySendAsync<T>(this PageModel page, ISender sender, ICommand<T> command, PageCommandOptions options,
        CancellationToken cancellationToken) =>
        TryAsync(page, () => sender.Send(command, cancellationToken), options);

    /// <summary>The same for a query whose input came from the person (filters in the query string).</summary>
    public static Task<T?> TrySendAsync<T>(this PageModel page, ISender sender, IQuery<T> query, string prefix,
        CancellationToken cancellationToken) =>
        TryAsync(page, () => sender.Send(query, cancellationToken), PageCommandOptions.Under(prefix));

    /// <summary>Validation failures on the form's fields, in the reader's language, under the keys <paramref name="keyOf"/> gives.</summary>
    public static void AddErrors(this PageModel page, IEnumerable<ValidationFailure> errors, Func<string, string> keyOf)
    {
        var messages = Messages(page);
        foreach (var error in errors)
        {
            page.ModelState.AddModelError(keyOf(error.PropertyName), messages.Translate(error.ErrorMessage));
        }
    }

    private static async Task<T?> TryAsync<T>(PageModel page, Func<ValueTask<T>> send, PageCommandOptions options)
    {
        try
        {
            return await send();
        }
        catch (ValidationException validation)
        {
            page.AddErrors(validation.Errors, options.KeyOf);
        }
        catch (ComplaintRuleException rule)
        {
            page.ModelState.AddModelError(string.Empty, CommandMessages.Refusal(rule));
        }
        catch (ActionForbiddenException forbidden) when (options.ShowForbidden)
        {
            page.ModelState.AddModelError(string.Empty, Texts.ForRule(forbidden));
        }
        catch (ConcurrencyConflictException conflict)
        {
            page.ModelState.AddModelError(string.Empty, options.ConflictMessage ?? Messages(page).Translate(conflict.Message));
            page.ViewData[StaleKey] = true;
        }
        return default;
    }

    private static CommandMessages Messages(PageModel page) =>
        new(page.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>());
}

/// <summary>How <see cref="PageCommands"/> puts a command's answer on a form.</summary>
public sealed record PageCommandOptions
{
    /// <summary>The ModelState key of a field error, from the command's property name.</summary>
    public required Func<string, string> KeyOf { get; init; }

    /// <summary>
    /// A refusal for lack of rights shown at the top of the form; otherwise it reaches <see cref="PageErrorFilter"/> (403).
    /// For the customer's page, where an access-denied page would explain nothing.
    /// </summary>
    public bool ShowForbidden { get; init; }

    /// <summary>What a lost race says instead of the command's own words (which speak to staff).</summary>
    public string? ConflictMessage { get; init; }

    /// <summary>Staff forms: fields named <c>prefix.Property</c>, as a bound command property names them.</summary>
    public static PageCommandOptions Under(string prefix) =>
        new() { KeyOf = property => string.IsNullOrEmpty(prefix) ? property : $"{prefix}.{property}" };
}

/// <summary>
/// What the command layer says, in the reader's language. Validation messages and conflicts arrive translated already
/// (FluentValidation's own, and the application's <see cref="Texts"/>); a message that is still one of the workspace's
/// resource keys (English) is translated here. A refusal by a business rule is translated by
/// <see cref="Texts.ForRule(ComplaintRuleException)"/>, as the API does.
/// </summary>
public sealed class CommandMessages(IStringLocalizer localizer)
{
    public string Translate(string message)
    {
        var text = localizer[message];
        return text.ResourceNotFound ? message : text.Value;
    }

    public static string Refusal(ComplaintRuleException rule) => Texts.ForRule(rule);
}
