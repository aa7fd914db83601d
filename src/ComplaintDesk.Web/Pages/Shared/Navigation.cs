using ComplaintDesk.Application.Features.Compensation;
using Mediator;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace ComplaintDesk.Web.Pages.Shared;

/// <summary>Which header link is the page being shown, for <c>aria-current</c> (null leaves the attribute out).</summary>
public static class Navigation
{
    /// <summary>The queue in any of its views (the escalated view included: supervisors decide on the escalation desk).</summary>
    public static string? Queue(ViewContext view) => Page(view) == "/Complaints/Index" ? "page" : null;

    public static string? NewComplaint(ViewContext view) => Page(view) == "/Complaints/New" ? "page" : null;

    /// <summary>The supervisors' escalation desk.</summary>
    public static string? Escalations(ViewContext view) => Page(view) == "/Escalations/Index" ? "page" : null;

    /// <summary>The supervisors' approvals inbox.</summary>
    public static string? Approvals(ViewContext view) => Page(view) == "/Approvals/Index" ? "page" : null;

    /// <summary>
    /// How many offers await approval, for the badge on the approvals link (a capped count); null when it cannot be
    /// read — the header is on every page, the error page included, and must not take it down.
    /// </summary>
    public static async Task<PendingApprovalCount?> PendingApprovalsAsync(ViewContext view)
    {
        var services = view.HttpContext.RequestServices;
        try
        {
            return await services.GetRequiredService<ISender>().Send(new CountPendingApprovalsQuery(), view.HttpContext.RequestAborted);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(Navigation)).LogWarning(ex, "The pending approval count could not be read");
            return null;
        }
    }

    /// <summary>"page" on the administration start page, "true" (inside the section) on its other pages.</summary>
    public static string? Administration(ViewContext view) => Page(view) switch
    {
        "/Admin/Index" => "page",
        { } page when page.StartsWith("/Admin/", StringComparison.Ordinal) => "true",
        _ => null,
    };

    public static string? ChangePassword(ViewContext view) => Page(view) == "/Account/ChangePassword" ? "page" : null;

    public static string? Settings(ViewContext view) => Page(view) == "/Account/Settings" ? "page" : null;

    private static string? Page(ViewContext view) => view.RouteData.Values["page"] as string;
}
