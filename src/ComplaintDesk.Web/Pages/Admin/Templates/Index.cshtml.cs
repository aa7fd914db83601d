using ComplaintDesk.Application.Features.Administration;
using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.Application.Identity;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace ComplaintDesk.Web.Pages.Admin.Templates;

/// <summary>The reply templates, optionally of one language.</summary>
[Authorize(Roles = Roles.Admin)]
public sealed class IndexModel(ISender sender, IStringLocalizer<AdminResource> localizer) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "language")] public string? Language { get; set; }

    public IReadOnlyList<ReplyTemplateView> Templates { get; private set; } = [];
    public IReadOnlyList<CategoryOption> Categories { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Categories = await sender.Send(new ListCategoriesQuery(IncludeRetired: true), cancellationToken);
        Templates = await this.TrySendAsync(sender, new ListReplyTemplatesQuery { Language = NullIfEmpty(Language) }, "", cancellationToken) ?? [];
    }

    /// <summary>"Any category", or the category's name as the pages show it (a seeded one in the reader's language).</summary>
    public string CategoryName(string? code, Show show) =>
        code is null ? localizer["Any category"].Value
        : Categories.FirstOrDefault(c => c.Code == code) is { } category ? show.Category(category.Code, category.Name)
        : code;

    private static string? NullIfEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
