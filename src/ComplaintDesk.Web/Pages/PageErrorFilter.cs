using ComplaintDesk.Application.Common;
using ComplaintDesk.Domain;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ComplaintDesk.Web.Pages;

/// <summary>Pages' side of the one error mapping: a missing complaint is the not-found page, a wrong role the access-denied page.</summary>
public sealed class PageErrorFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        switch (executed.Exception)
        {
            case NotFoundException:
                executed.Result = new NotFoundResult();
                executed.ExceptionHandled = true;
                break;
            case ActionForbiddenException:
                executed.Result = new ForbidResult();
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
    public static async Task<T?> TrySendAsync<T>(this PageModel page, ISender sender, ICommand<T> command, string prefix,
        CancellationToken cancellationToken)
    {
        try
        {
            return await sender.Send(command, cancellationToken);
        }
        catch (ValidationException validation)
        {
            foreach (var error in validation.Errors)
            {
                page.ModelState.AddModelError(string.IsNullOrEmpty(prefix) ? error.PropertyName : $"{prefix}.{error.PropertyName}", error.ErrorMessage);
            }
        }
        catch (ComplaintRuleException rule)
        {
            page.ModelState.AddModelError(string.Empty, rule.Message);
        }
        catch (ConcurrencyConflictException conflict)
        {
            page.ModelState.AddModelError(string.Empty, conflict.Message);
            page.ViewData[StaleKey] = true;
        }
        return default;
    }
}
