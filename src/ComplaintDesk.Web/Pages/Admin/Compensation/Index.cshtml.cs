using System.Globalization;
using ComplaintDesk.Application.Features.Compensation;
using ComplaintDesk.Application.Features.Staff;
using ComplaintDesk.Application.Identity;
using ComplaintDesk.Domain.Compensation;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace ComplaintDesk.Web.Pages.Admin.Compensation;

/// <summary>
/// The compensation policy as one form: the kinds that may be offered, the currency, the agents' and supervisors'
/// authority per case, the 12-month warning threshold and a table of personal limits (a person and their limit per
/// row; the blank row adds one, "Add row" shows another blank row, a row ticked "Remove" is left out when saving). Saved with <see cref="SaveCompensationPolicyCommand"/> and the version the page was shown with, as
/// PUT /api/v1/compensation/policy with If-Match.
/// </summary>
[Authorize(Roles = Roles.Admin)]
public sealed class IndexModel(ISender sender, IStringLocalizer<AdminResource> localizer) : PageModel
{
    [BindProperty] public List<CompensationKind>? EnabledKinds { get; set; }
    [BindProperty] public string? Currency { get; set; }
    [BindProperty] public decimal? AgentLimit { get; set; }
    [BindProperty] public decimal? SupervisorLimit { get; set; }
    [BindProperty] public decimal? WarningThreshold { get; set; }
    [BindProperty] public List<UserLimitRow> UserLimits { get; set; } = [];
    [BindProperty] public uint? ExpectedVersion { get; set; }

    /// <summary>Who a personal limit can name: agents and supervisors, and anyone the stored policy names already.</summary>
    public IReadOnlyList<(string Id, string Name)> People { get; private set; } = [];

    public bool ChangedBySomeoneElse => ViewData[PageCommands.StaleKey] is true;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var policy = await LoadAsync(cancellationToken);
        EnabledKinds = [.. policy.EnabledKinds];
        Currency = policy.Currency;
        AgentLimit = policy.AgentLimit;
        SupervisorLimit = policy.SupervisorLimit;
        WarningThreshold = policy.WarningThreshold;
        UserLimits = [.. policy.UserLimits.Select(u => new UserLimitRow { UserId = u.UserId, Limit = u.Limit }), new UserLimitRow()];
        ExpectedVersion = policy.Version;
    }

    /// <summary>
    /// Saves the form as typed, without the rows ticked "Remove". With <paramref name="add"/> ("Add row") it saves
    /// nothing: the form comes back as typed with another blank row.
    /// </summary>
    public async Task<IActionResult> OnPostAsync(bool add, CancellationToken cancellationToken)
    {
        if (add)
        {
            UserLimits.Add(new UserLimitRow());
            await LoadAsync(cancellationToken);
            return Page();
        }
        if (!ModelState.IsValid)
        {
            // A value that is not a number never reaches the command: the form comes back as typed, nothing is saved.
            await LoadAsync(cancellationToken);
            return Page();
        }
        // An untouched blank row is not a limit, nor is a row ticked "Remove"; the rest keep their order, and the errors
        // come back by the command's positions (UserLimits[1].Limit), which are the form's once the others are gone.
        UserLimits = [.. UserLimits.Where(r => !r.IsBlank && !r.Remove)];
        ModelState.Clear();
        var command = new SaveCompensationPolicyCommand
        {
            EnabledKinds = EnabledKinds ?? [],
            Currency = Currency,
            AgentLimit = AgentLimit,
            SupervisorLimit = SupervisorLimit,
            WarningThreshold = WarningThreshold,
            UserLimits = [.. UserLimits.Select(r => new UserLimitInput { UserId = r.UserId, Limit = r.Limit })],
            ExpectedVersion = ExpectedVersion,
        };
        if (await this.TrySendAsync(sender, command, "", cancellationToken) is not null)
        {
            TempData[AdminMessages.StatusKey] = localizer["Saved the compensation policy. Offers made from now on follow it."].Value;
            return RedirectToPage();
        }
        UserLimits.Add(new UserLimitRow());
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task<CompensationPolicyView> LoadAsync(CancellationToken cancellationToken)
    {
        var policy = await sender.Send(new GetCompensationPolicyQuery(), cancellationToken);
        var handlers = await sender.Send(new ListCaseHandlersQuery(), cancellationToken);
        People =
        [
            .. handlers.Select(h => (h.Id, h.DisplayName)),
            .. policy.UserLimits.Where(u => handlers.All(h => h.Id != u.UserId)).Select(u => (u.UserId, u.DisplayName)),
        ];
        return policy;
    }

    public bool IsEnabled(CompensationKind kind) => EnabledKinds?.Contains(kind) == true;

    /// <summary>An amount as the field shows it: invariant, two decimals.</summary>
    public static string Amount(decimal? amount) => amount?.ToString("0.00", CultureInfo.InvariantCulture) ?? "";
}

/// <summary>One row of the personal limits; the names are the command's, so its errors (UserLimits[0].Limit) land here.</summary>
public sealed class UserLimitRow
{
    public string? UserId { get; set; }
    public decimal? Limit { get; set; }
    /// <summary>Ticked: the row is left out when the policy is saved.</summary>
    public bool Remove { get; set; }

    public bool IsBlank => string.IsNullOrWhiteSpace(UserId) && Limit is null;
}
