namespace ComplaintDesk.Web.Pages.Admin;

/// <summary>The one line an administration page shows after a redirect (post, redirect, get).</summary>
public static class AdminMessages
{
    public const string StatusKey = "AdminStatus";
}
