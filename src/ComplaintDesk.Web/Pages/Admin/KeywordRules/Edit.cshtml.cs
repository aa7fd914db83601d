using ComplaintDesk.Application.Features.Administration;
using ComplaintDesk.Application.Identity;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace ComplaintDesk.Web.Pages.Admin.KeywordRules;

/// <summary>Changes one rule: sends <see cref="UpdateKeywordRuleCommand"/>, as PUT /api/v1/keyword-rules/{id} does.</summary>
[Authorize(Roles = Roles.Admin)]
public sealed class EditModel(ISender sender, IStringLocalizer<AdminResource> localizer) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }

    [BindProperty] public UpdateKeywordRuleCommand Command { get; set; } = new();

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var rule = await sender.Send(new GetKeywordRuleQuery(Id), cancellationToken);
        Command = new UpdateKeywordRuleCommand { Id = rule.Id, Phrase = rule.Phrase, MinimumSeverity = rule.MinimumSeverity, RiskFlag = rule.RiskFlag };
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (ModelState.IsValid && await this.TrySendAsync(sender, Command with { Id = Id }, nameof(Command), cancellationToken) is { } rule)
        {
            TempData[AdminMessages.StatusKey] = localizer["Saved the rule \"{0}\".", rule.Phrase].Value;
            return RedirectToPage("/Admin/KeywordRules/Index");
        }
        return Page();
    }
}
