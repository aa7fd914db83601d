using ComplaintDesk.Application.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ComplaintDesk.Web.Pages.Admin;

/// <summary>The administration start page: where users, categories, templates and keyword rules are kept.</summary>
[Authorize(Roles = Roles.Admin)]
public sealed class IndexModel : PageModel
{
    public void OnGet()
    {
    }
}
