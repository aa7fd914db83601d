using System.Globalization;
using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.Application.Features.Sla;
using ComplaintDesk.Application.Identity;
using ComplaintDesk.Domain.Complaints;
using ComplaintDesk.Domain.Sla;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace ComplaintDesk.Web.Pages.Admin.Sla;

/// <summary>
/// The SLA policy matrix as one editable table: every row is a cell (severity × category, narrowed to a channel or to
/// VIP customers when chosen). The whole table is saved at once with <see cref="SaveSlaPoliciesCommand"/>, as
/// PUT /api/v1/sla/policies does; a row's delete button saves the table without that row, and the blank row at the end
/// adds a cell when its severity is chosen. Durations are typed in hours (8, 0.5, 40). Both forms carry the matrix's
/// version the page was shown with, as PUT does If-Match: a save over someone else's change is refused, nothing lost.
/// </summary>
[Authorize(Roles = Roles.Admin)]
public sealed class IndexModel(ISender sender, IStringLocalizer<AdminResource> localizer) : PageModel
{
    [BindProperty] public List<SlaRowForm> Rows { get; set; } = [];
    [BindProperty] public uint? ExpectedVersion { get; set; }

    public bool ChangedBySomeoneElse => ViewData[PageCommands.StaleKey] is true;

    public IReadOnlyList<CalendarOption> Calendars { get; private set; } = [];

    public IReadOnlyList<CategoryOption> Categories { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var matrix = await sender.Send(new GetSlaPoliciesQuery(), cancellationToken);
        Calendars = matrix.Calendars;
        Rows = [.. matrix.Rows.Select(SlaRowForm.Of), SlaRowForm.Blank(Calendars)];
        ExpectedVersion = matrix.Version;
        await LoadCategoriesAsync(cancellationToken);
    }

    /// <summary>Saves the table as typed; with <paramref name="add"/> ("Add row") only shows another blank row.</summary>
    public async Task<IActionResult> OnPostAsync(bool add, CancellationToken cancellationToken)
    {
        if (add || !ModelState.IsValid)
        {
            // Another blank row, or a value that is not a number: the form comes back as typed, nothing is saved.
            await LoadOptionsAsync(cancellationToken);
            if (add)
            {
                Rows.Add(SlaRowForm.Blank(Calendars));
            }
            return Page();
        }
        // A row with neither id nor severity is an untouched blank row: not a cell.
        Rows = [.. Rows.Where(r => !r.IsBlank)];
        return await SaveAsync(rows => localizer["Saved the SLA matrix ({0} rows). Clocks started from now on follow it; running clocks keep their deadlines.", rows].Value,
            cancellationToken);
    }

    /// <summary>
    /// The matrix as stored, without this row, saved at once (changes typed into the table meanwhile are not kept);
    /// refused when the matrix is no longer the one the page showed.
    /// </summary>
    public async Task<IActionResult> OnPostDeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        var matrix = await sender.Send(new GetSlaPoliciesQuery(), cancellationToken);
        Rows = [.. matrix.Rows.Where(r => r.Id != id).Select(SlaRowForm.Of)];
        var result = await SaveAsync(rows => localizer["Deleted the row and saved the SLA matrix ({0} rows).", rows].Value, cancellationToken);
        if (ChangedBySomeoneElse)
        {
            // Nothing was deleted: the table shows the row again among the cells as stored.
            Rows = [.. matrix.Rows.Select(SlaRowForm.Of), SlaRowForm.Blank(Calendars)];
        }
        return result;
    }

    private async Task<IActionResult> SaveAsync(Func<int, string> done, CancellationToken cancellationToken)
    {
        // Errors come back by the rows' positions in the command, which are the form's positions: Rows[2].ResolveWithin.
        ModelState.Clear();
        var command = new SaveSlaPoliciesCommand { Rows = [.. Rows.Select(r => r.ToRow())], ExpectedVersion = ExpectedVersion };
        if (await this.TrySendAsync(sender, command, "", cancellationToken) is { } saved)
        {
            TempData[AdminMessages.StatusKey] = done(saved.Rows.Count);
            return RedirectToPage();
        }
        await LoadOptionsAsync(cancellationToken);
        Rows.Add(SlaRowForm.Blank(Calendars));
        return Page();
    }

    private async Task LoadOptionsAsync(CancellationToken cancellationToken)
    {
        Calendars = (await sender.Send(new GetSlaPoliciesQuery(), cancellationToken)).Calendars;
        await LoadCategoriesAsync(cancellationToken);
    }

    private async Task LoadCategoriesAsync(CancellationToken cancellationToken) =>
        Categories = await sender.Send(new ListCategoriesQuery(IncludeRetired: true), cancellationToken);
}

/// <summary>
/// One row of the table. The names are the command's (<see cref="SlaPolicyRow"/>), so its field errors
/// (Rows[2].ResolveWithin) land on these inputs; durations are hours here and a <see cref="TimeSpan"/> there.
/// </summary>
public sealed class SlaRowForm
{
    public Guid? Id { get; set; }
    public Severity? Severity { get; set; }
    public string? Category { get; set; }
    public Channel? Channel { get; set; }
    public bool VipOnly { get; set; }
    public Guid? CalendarId { get; set; }
    public TimeBasis? Basis { get; set; }
    public decimal? AcknowledgeWithin { get; set; }
    public decimal? ResolveWithin { get; set; }
    public decimal? DecisionWithin { get; set; }
    public decimal? FollowUpAfter { get; set; }
    public decimal? FollowUpAnswerWithin { get; set; }
    public decimal? OfferAnswerWithin { get; set; }
    public int? WarningPercent { get; set; }
    public RegulatoryProfile? Regulatory { get; set; }
    public int? RegulatoryDays { get; set; }

    public bool IsBlank => Id is null && Severity is null;

    public static SlaRowForm Of(SlaPolicyView row) => new()
    {
        Id = row.Id, Severity = row.Severity, Category = row.Category, Channel = row.Channel, VipOnly = row.VipOnly,
        CalendarId = row.CalendarId, Basis = row.Basis,
        AcknowledgeWithin = Hours(row.AcknowledgeWithin), ResolveWithin = Hours(row.ResolveWithin), DecisionWithin = Hours(row.DecisionWithin),
        FollowUpAfter = Hours(row.FollowUpAfter), FollowUpAnswerWithin = Hours(row.FollowUpAnswerWithin), OfferAnswerWithin = Hours(row.OfferAnswerWithin),
        WarningPercent = row.WarningPercent, Regulatory = row.Regulatory, RegulatoryDays = row.RegulatoryDays,
    };

    /// <summary>A new row with the usual defaults filled in; it becomes a cell once a severity is chosen.</summary>
    public static SlaRowForm Blank(IReadOnlyList<CalendarOption> calendars) => new()
    {
        CalendarId = calendars.FirstOrDefault()?.Id, Basis = TimeBasis.Business,
        FollowUpAfter = Hours(SlaPolicyRow.DefaultFollowUpAfter), FollowUpAnswerWithin = Hours(SlaPolicyRow.DefaultAnswerWindow),
        OfferAnswerWithin = Hours(SlaPolicyRow.DefaultAnswerWindow), WarningPercent = SlaPolicyRow.DefaultWarningPercent,
        Regulatory = RegulatoryProfile.None,
    };

    public SlaPolicyRow ToRow() => new()
    {
        Id = Id, Severity = Severity, Category = Category, Channel = Channel, VipOnly = VipOnly, CalendarId = CalendarId, Basis = Basis,
        AcknowledgeWithin = Time(AcknowledgeWithin), ResolveWithin = Time(ResolveWithin), DecisionWithin = Time(DecisionWithin),
        FollowUpAfter = Time(FollowUpAfter), FollowUpAnswerWithin = Time(FollowUpAnswerWithin), OfferAnswerWithin = Time(OfferAnswerWithin),
        WarningPercent = WarningPercent, Regulatory = Regulatory, RegulatoryDays = RegulatoryDays,
    };

    /// <summary>8 h → 8, 30 min → 0.5, 7 days → 168; at most six decimals, no trailing zeros.</summary>
    public static decimal Hours(TimeSpan time) =>
        decimal.Parse(((decimal)time.TotalHours).ToString("0.######", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <summary>
    /// Hours to a time to the whole second (so 0.333333 h is 20 minutes, as shown). Beyond what a TimeSpan holds, the
    /// longest one: the command then says how long a time may be.
    /// </summary>
    public static TimeSpan? Time(decimal? hours)
    {
        if (hours is not { } value)
        {
            return null;
        }
        if (Math.Abs(value) > 1_000_000m)
        {
            return value > 0 ? TimeSpan.MaxValue : TimeSpan.MinValue;
        }
        return TimeSpan.FromSeconds((double)decimal.Round(value * 3600m, 0, MidpointRounding.AwayFromZero));
    }

    /// <summary>The number as the input shows it: invariant, no trailing zeros.</summary>
    public static string Show(decimal? hours) => hours?.ToString("0.######", CultureInfo.InvariantCulture) ?? "";
}
