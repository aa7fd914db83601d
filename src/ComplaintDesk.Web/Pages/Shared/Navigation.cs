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
