using ComplaintDesk.Application.Features.Administration;
using ComplaintDesk.Application.Identity;
using ComplaintDesk.Domain.Complaints;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ComplaintDesk.Web.Pages.Admin.KeywordRules;

/// <summary>The keyword rules: add one, open one to change it, delete one.</summary>
[Authorize(Roles = Roles.Admin)]
public sealed class IndexModel(ISender sender) : PageModel
{
    [BindProperty] public CreateKeywordRuleCommand Command { get; set; } = new() { MinimumSeverity = Severity.High, RiskFlag = true };

    public IReadOnlyList<KeywordRuleView> Rules { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (ModelState.IsValid && await this.TrySendAsync(sender, Command, nameof(Command), cancellationToken) is { } rule)
        {
            TempData[AdminMessages.StatusKey] = $"Added the rule \"{rule.Phrase}\".";
            return RedirectToPage();
        }
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        await sender.Send(new DeleteKeywordRuleCommand(id), cancellationToken);
        TempData[AdminMessages.StatusKey] = "The rule was deleted.";
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Rules = await sender.Send(new ListKeywordRulesQuery(), cancellationToken);
}
