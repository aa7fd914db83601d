using System.Globalization;
using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.Application.Features.Escalations;
using ComplaintDesk.Application.Features.Staff;
using ComplaintDesk.Web.Identity;
using ComplaintDesk.Web.Localization;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Actor = ComplaintDesk.Domain.Actors.Actor;

namespace ComplaintDesk.Web.Pages.Escalations;

/// <summary>
/// The supervisors' escalation desk: the dashboard strip, then every escalated case (oldest escalation first) with why
/// and since when, its decision deadline, the customer's history and pending offers, and a decision form that posts
/// the same <see cref="DecideEscalationCommand"/> as the case page and the API, with the case's version.
/// </summary>
[Authorize(Policy = Policies.Supervisor)]
public sealed class IndexModel(ISender sender, StaffTime time, TimeProvider clock, IStringLocalizer<SharedResource> localizer) : PageModel
{
    /// <summary>The form prefix: fields are Decide.Comment, Decide.NewOwnerId…, as on the case page.</summary>
    public const string Form = "Decide";

    /// <summary>The new resolve-by as a datetime-local field posts it: a wall-clock time in the reader's time zone.</summary>
    public const string ResolveByField = "ResolveByLocal";

    private const string DecidedReferenceKey = "Escalations.DecidedReference";
    private const string DecidedApprovedKey = "Escalations.DecidedApproved";

    public EscalationDesk Desk { get; private set; } = null!;
    public IReadOnlyList<CaseHandler> CaseHandlers { get; private set; } = [];
    public IReadOnlyList<CategoryOption> Categories { get; private set; } = [];
    public DateTimeOffset Now { get; private set; }

    /// <summary>The decision that was posted and refused: its form is shown again, filled, with the errors.</summary>
    public DecideEscalationCommand Decide { get; private set; } = new();
    public string? ResolveByLocal { get; private set; }
    public Guid? PostedFor { get; private set; }

    /// <summary>After a decision (PRG): which case, approved or declined.</summary>
    public (string Reference, bool Approved)? Decided { get; private set; }

    /// <summary>Set by <see cref="PageCommands"/> when the decision lost a race.</summary>
    public bool ChangedBySomeoneElse => ViewData[PageCommands.StaleKey] is true;

    /// <summary>The refused decision is for a case no longer on the desk (decided meanwhile): its errors go at the top.</summary>
    public bool PostedCaseGone => PostedFor is { } id && Desk.Cases.All(c => c.Id != id);

    /// <summary>The reader's time zone as the resolve-by field is read in it, e.g. "UTC+8".</summary>
    public string ZoneLabel => StaffTime.OffsetLabel(time.Zone.GetUtcOffset(Now));

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (TempData[DecidedReferenceKey] is string reference && TempData[DecidedApprovedKey] is bool approved)
        {
            Decided = (reference, approved);
        }
        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostDecideAsync([FromForm(Name = Form)] DecideEscalationCommand command,
        [FromForm(Name = ResolveByField)] string? resolveByLocal, CancellationToken cancellationToken)
    {
        PostedFor = command.ComplaintId;
        ResolveByLocal = resolveByLocal;
        var resolveBy = ReadResolveBy(resolveByLocal);
        Decide = command with { ResolveBy = resolveBy };
        if (ModelState.IsValid && await this.TrySendAsync(sender, Decide, Form, cancellationToken) is { } decided)
        {
            TempData[DecidedReferenceKey] = decided.Reference;
            TempData[DecidedApprovedKey] = command.Approved == true;
            return RedirectToPage("/Escalations/Index");
        }
        await LoadAsync(cancellationToken);
        return Page();
    }

    /// <summary>A datetime-local value ("2026-11-05T18:00") as the instant it names in the reader's time zone; a field error when it is none.</summary>
    private DateTimeOffset? ReadResolveBy(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (!DateTime.TryParseExact(text.Trim(), ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF"],
                CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            ModelState.AddModelError($"{Form}.{nameof(DecideEscalationCommand.ResolveBy)}", localizer["Enter a date and time."]);
            return null;
        }
        var zone = time.Zone;
        if (zone.IsInvalidTime(local))
        {
            ModelState.AddModelError($"{Form}.{nameof(DecideEscalationCommand.ResolveBy)}",
                localizer["That time does not exist in your time zone (the clocks change then); choose another."]);
            return null;
        }
        // An hour that occurs twice (clocks going back) is read as its first occurrence.
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), offset).ToUniversalTime();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Now = clock.GetUtcNow();
        Desk = await sender.Send(new GetEscalationDeskQuery { TimeZone = time.Zone.Id }, cancellationToken);
        Categories = await sender.Send(new ListCategoriesQuery(IncludeRetired: true), cancellationToken);
        CaseHandlers = await sender.Send(new ListCaseHandlersQuery(), cancellationToken);
    }

    public bool IsPosted(EscalatedCase item) => PostedFor == item.Id;

    /// <summary>What the form of this case shows: the refused decision again, or an empty one.</summary>
    public DecideEscalationCommand FormFor(EscalatedCase item) => IsPosted(item) ? Decide : new DecideEscalationCommand();

    /// <summary>The version the form carries: the posted one for a refused form (so a stale form stays stale), else the one shown.</summary>
    public uint VersionFor(EscalatedCase item) => IsPosted(item) && Decide.ExpectedVersion is { } posted ? posted : item.Version;

    /// <summary>The escalation's reason: people's words as written; the system's own (an SLA breach) in the reader's language.</summary>
    public string? Reason(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }
        var translated = localizer[text];
        return translated.ResourceNotFound ? text : translated.Value;
    }

    /// <summary>Who escalated: a person by name, the sweeper as "System" in the reader's language.</summary>
    public string? EscalatedBy(string? name) => name == Actor.System.Name ? localizer["System"] : name;

    /// <summary>"2 d 3 h", "3 h 20 min", "45 min": how long, to the minute, in the reader's language.</summary>
    public string Duration(TimeSpan span)
    {
        var minutes = (long)Math.Max(0, span.TotalMinutes);
        var (days, hours, rest) = (minutes / (24 * 60), minutes / 60 % 24, minutes % 60);
        return days > 0 ? localizer["{0} d {1} h", days, hours]
            : hours > 0 ? localizer["{0} h {1} min", hours, rest]
            : localizer["{0} min", rest];
    }

    /// <summary>The decision deadline from now: "1 h 5 min left" or "overdue by 20 min".</summary>
    public string TimeLeft(DecisionDeadline decision) =>
        decision.DueAt > Now ? localizer["{0} left", Duration(decision.DueAt - Now)] : localizer["overdue by {0}", Duration(Now - decision.DueAt)];

    /// <summary>"92 %" with "23 of 25 met", or "—" when nothing was due in the window.</summary>
    public string Rate(Compliance compliance) =>
        compliance.Rate is { } rate ? string.Create(CultureInfo.InvariantCulture, $"{Math.Round(rate * 100, 1):0.#} %") : Show.None;

    public string Kept(Compliance compliance) =>
        localizer["{0} of {1} met", compliance.Met, compliance.Met + compliance.Breached];

    public static string Count(int count, bool capped) => capped ? $"{Show.Number(count)}+" : Show.Number(count);

    /// <summary>The errors of one field of the refused form.</summary>
    public IEnumerable<string> ErrorsOf(string field) =>
        ModelState.TryGetValue($"{Form}.{field}", out var entry) ? entry.Errors.Select(e => e.ErrorMessage) : [];
}
