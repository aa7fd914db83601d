using ComplaintDesk.Application.Features.Administration;
using ComplaintDesk.Application.Identity;
using ComplaintDesk.Domain.Complaints;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace ComplaintDesk.Web.Pages.Admin.KeywordRules;

/// <summary>The keyword rules: add one, open one to change it, delete one.</summary>
[Authorize(Roles = Roles.Admin)]
public sealed class IndexModel(ISender sender, IStringLocalizer<AdminResource> localizer) : PageModel
{
    [BindProperty] public CreateKeywordRuleCommand Command { get; set; } = new() { MinimumSeverity = Severity.High, RiskFlag = true };

    public IReadOnlyList<KeywordRuleView> Rules { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (ModelState.IsValid && await this.TrySendAsync(sender, Command, nameof(Command), cancellationToken) is { } rule)
        {
            TempData[AdminMessages.StatusKey] = localizer["Added the rule \"{0}\".", rule.Phrase].Value;
            return RedirectToPage();
        }
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        await sender.Send(new DeleteKeywordRuleCommand(id), cancellationToken);
        TempData[AdminMessages.StatusKey] = localizer["The rule was deleted."].Value;
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Rules = await sender.Send(new ListKeywordRulesQuery(), cancellationToken);
}
