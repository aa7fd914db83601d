using ComplaintDesk.Application.Features.Administration;
using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.Application.Identity;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace ComplaintDesk.Web.Pages.Admin.Categories;

/// <summary>Every category, retired ones too: add, rename, retire, reinstate. Nothing is deleted — complaints keep their category.</summary>
[Authorize(Roles = Roles.Admin)]
public sealed class IndexModel(ISender sender, IStringLocalizer<AdminResource> localizer) : PageModel
{
    [BindProperty] public AddCategoryCommand Command { get; set; } = new();

    public IReadOnlyList<CategoryOption> Categories { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await this.TrySendAsync(sender, Command, nameof(Command), cancellationToken) is { } added)
        {
            return Done(localizer["Added {0} ({1}).", added.Name, added.Code].Value);
        }
        await LoadAsync(cancellationToken);
        return Page();
    }

    public Task<IActionResult> OnPostRenameAsync(string code, string? name, CancellationToken cancellationToken) =>
        UpdateAsync(new UpdateCategoryCommand { Code = code, Name = name ?? "" }, c => localizer["Renamed {0} to {1}.", c.Code, c.Name].Value, cancellationToken);

    public Task<IActionResult> OnPostRetireAsync(string code, CancellationToken cancellationToken) =>
        UpdateAsync(new UpdateCategoryCommand { Code = code, Retired = true },
            c => localizer["Retired {0}: new complaints cannot use it; complaints that have it keep it.", c.Name].Value, cancellationToken);

    public Task<IActionResult> OnPostReinstateAsync(string code, CancellationToken cancellationToken) =>
        UpdateAsync(new UpdateCategoryCommand { Code = code, Retired = false }, c => localizer["Reinstated {0}.", c.Name].Value, cancellationToken);

    private async Task<IActionResult> UpdateAsync(UpdateCategoryCommand command, Func<CategoryOption, string> done, CancellationToken cancellationToken)
    {
        if (await this.TrySendAsync(sender, command, "", cancellationToken) is { } category)
        {
            return Done(done(category));
        }
        await LoadAsync(cancellationToken);
        return Page();
    }

    private RedirectToPageResult Done(string status)
    {
        TempData[AdminMessages.StatusKey] = status;
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Categories = await sender.Send(new ListCategoriesQuery(IncludeRetired: true), cancellationToken);
}
