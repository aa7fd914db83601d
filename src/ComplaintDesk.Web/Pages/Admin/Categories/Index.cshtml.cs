using ComplaintDesk.Application.Features.Administration;
using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.Application.Identity;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ComplaintDesk.Web.Pages.Admin.Categories;

/// <summary>Every category, retired ones too: add, rename, retire, reinstate. Nothing is deleted — complaints keep their category.</summary>
[Authorize(Roles = Roles.Admin)]
public sealed class IndexModel(ISender sender) : PageModel
{
    [BindProperty] public AddCategoryCommand Command { get; set; } = new();

    public IReadOnlyList<CategoryOption> Categories { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await this.TrySendAsync(sender, Command, nameof(Command), cancellationToken) is { } added)
        {
            return Done($"Added {added.Name} ({added.Code}).");
        }
        await LoadAsync(cancellationToken);
        return Page();
    }

    public Task<IActionResult> OnPostRenameAsync(string code, string? name, CancellationToken cancellationToken) =>
        UpdateAsync(new UpdateCategoryCommand { Code = code, Name = name ?? "" }, c => $"Renamed {c.Code} to {c.Name}.", cancellationToken);

    public Task<IActionResult> OnPostRetireAsync(string code, CancellationToken cancellationToken) =>
        UpdateAsync(new UpdateCategoryCommand { Code = code, Retired = true },
            c => $"Retired {c.Name}: new complaints cannot use it; complaints that have it keep it.", cancellationToken);

    public Task<IActionResult> OnPostReinstateAsync(string code, CancellationToken cancellationToken) =>
        UpdateAsync(new UpdateCategoryCommand { Code = code, Retired = false }, c => $"Reinstated {c.Name}.", cancellationToken);

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
