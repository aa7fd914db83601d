using System.Globalization;
using System.Text.RegularExpressions;
using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.Application.Features.Replies;
using ComplaintDesk.Application.Features.Sla;
using ComplaintDesk.Application.Features.Staff;
using ComplaintDesk.Domain.Complaints;
using ComplaintDesk.Domain.Sla;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Actor = ComplaintDesk.Domain.Actors.Actor;

namespace ComplaintDesk.Web.Pages.Complaints;

/// <summary>
/// The case page: the complaint, its timeline, and one small form per action the caller may take now
/// (<see cref="ComplaintView.AllowedActions"/>). Each form posts to its own handler, which sends exactly the
/// command the API sends; each command property below is one form (asp-for names its fields, so ids are unique).
/// </summary>
public sealed partial class DetailsModel(ISender sender, Show show, IStringLocalizer<SharedResource> localizer, TimeProvider clock) : PageModel
{
    /// <summary>Set by the intake page when the complaint was logged but some evidence was refused.</summary>
    public const string RefusedEvidenceFilesKey = "Case.RefusedEvidenceFiles";
    public const string RefusedEvidenceReasonsKey = "Case.RefusedEvidenceReasons";

    [FromRoute] public Guid Id { get; set; }

    /// <summary>The template picker without JavaScript: ?template={id} reloads the page with the composer filled.</summary>
    [BindProperty(SupportsGet = true, Name = "template")] public Guid? TemplateId { get; set; }

    public ComplaintView Complaint { get; private set; } = null!;
    public IReadOnlyList<TimelineEntry> Timeline { get; private set; } = [];
    public string CategoryName { get; private set; } = "";
    public IReadOnlyList<CaseHandler> CaseHandlers { get; private set; } = [];
    public RelatedComplaints Related { get; private set; } = new(1, [], []);
    public IReadOnlyList<ReplyTemplateChoice> Templates { get; private set; } = [];

    /// <summary>The case's clocks with the time left on each, for the Deadlines panel.</summary>
    public IReadOnlyList<DeadlineView> Deadlines { get; private set; } = [];

    /// <summary>The categories the classification form offers: the active ones, and the case's own even when retired.</summary>
    public IReadOnlyList<CategoryOption> ClassificationCategories { get; private set; } = [];

    /// <summary>When the page was drawn: what "at risk" and "overdue" are measured against.</summary>
    public DateTimeOffset Now { get; } = clock.GetUtcNow();

    /// <summary>Evidence files the intake page could not attach: (file name, why).</summary>
    public IReadOnlyList<(string File, string Reason)> RefusedEvidence { get; private set; } = [];

    public AcknowledgeComplaintCommand Acknowledge { get; private set; } = new();
    public StartResolvingCommand StartResolving { get; private set; } = new();
    public EscalateComplaintCommand Escalate { get; private set; } = new();
    public DecideEscalationCommand DecideEscalation { get; private set; } = new();
    public ResolveComplaintCommand Resolve { get; private set; } = new();
    public StartFollowUpCommand StartFollowUp { get; private set; } = new();
    public ConfirmSatisfiedCommand ConfirmSatisfied { get; private set; } = new();
    public ReopenComplaintCommand Reopen { get; private set; } = new();
    public AssignComplaintCommand Assign { get; private set; } = new();
    public AddNoteCommand AddNote { get; private set; } = new() { Visibility = Visibility.Internal };
    public ReplyToComplaintCommand Reply { get; private set; } = new();
    public RequestInformationCommand RequestInformation { get; private set; } = new();
    public RecordCustomerMessageCommand RecordCustomerMessage { get; private set; } = new();
    /// <summary>Starts from the case's classification (filled in when the page loads), so a form sent unchanged changes nothing.</summary>
    public ChangeClassificationCommand ChangeClassification { get; private set; } = new();

    /// <summary>Set by <see cref="PageCommands.TrySendAsync{T}(PageModel, ISender, ICommand{T}, string, CancellationToken)"/> on a lost race.</summary>
    public bool ChangedBySomeoneElse => ViewData[PageCommands.StaleKey] is true;

    public bool Can(ComplaintTrigger trigger) => Complaint.Allows(ComplaintActions.Name(trigger));

    public bool Can(string action) => Complaint.Allows(action);

    /// <summary>The version a form carries: what was posted (so a stale form stays stale), else the one shown.</summary>
    public uint VersionFor(IComplaintCommand form) => form.ExpectedVersion ?? Complaint.Version;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (TempData[RefusedEvidenceFilesKey] is string[] files && TempData[RefusedEvidenceReasonsKey] is string[] reasons)
        {
            RefusedEvidence = files.Zip(reasons).ToList();
        }
        await LoadAsync(cancellationToken);
        if (TemplateId is { } templateId && Can(ComplaintActions.Reply)
            && await this.TrySendAsync(sender, new RenderReplyTemplateQuery(Id, templateId), nameof(Reply), cancellationToken) is { } rendered)
        {
            Reply = new ReplyToComplaintCommand { TemplateId = rendered.TemplateId, Body = rendered.Body };
        }
    }

    /// <summary>Sends the reply without the version: a reply does not depend on what changed meanwhile, and a typed reply is not lost to an unrelated assignment.</summary>
    public Task<IActionResult> OnPostReplyAsync([FromForm(Name = nameof(Reply))] ReplyToComplaintCommand command, CancellationToken cancellationToken)
    {
        Reply = command;
        return SendAsync(command with { ComplaintId = Id, ExpectedVersion = null }, nameof(Reply), cancellationToken);
    }

    public Task<IActionResult> OnPostAcknowledgeAsync([FromForm(Name = nameof(Acknowledge))] AcknowledgeComplaintCommand command, CancellationToken cancellationToken)
    {
        Acknowledge = command;
        return SendAsync(command with { ComplaintId = Id }, nameof(Acknowledge), cancellationToken);
    }

    public Task<IActionResult> OnPostStartResolvingAsync([FromForm(Name = nameof(StartResolving))] StartResolvingCommand command, CancellationToken cancellationToken)
    {
        StartResolving = command;
        return SendAsync(command with { ComplaintId = Id }, nameof(StartResolving), cancellationToken);
    }

    public Task<IActionResult> OnPostEscalateAsync([FromForm(Name = nameof(Escalate))] EscalateComplaintCommand command, CancellationToken cancellationToken)
    {
        Escalate = command;
        return SendAsync(command with { ComplaintId = Id }, nameof(Escalate), cancellationToken);
    }

    public Task<IActionResult> OnPostDecideEscalationAsync([FromForm(Name = nameof(DecideEscalation))] DecideEscalationCommand command, CancellationToken cancellationToken)
    {
        DecideEscalation = command;
        return SendAsync(command with { ComplaintId = Id }, nameof(DecideEscalation), cancellationToken);
    }

    public Task<IActionResult> OnPostResolveAsync([FromForm(Name = nameof(Resolve))] ResolveComplaintCommand command, CancellationToken cancellationToken)
    {
        Resolve = command;
        return SendAsync(command with { ComplaintId = Id }, nameof(Resolve), cancellationToken);
    }

    public Task<IActionResult> OnPostStartFollowUpAsync([FromForm(Name = nameof(StartFollowUp))] StartFollowUpCommand command, CancellationToken cancellationToken)
    {
        StartFollowUp = command;
        return SendAsync(command with { ComplaintId = Id }, nameof(StartFollowUp), cancellationToken);
    }

    public Task<IActionResult> OnPostConfirmSatisfiedAsync([FromForm(Name = nameof(ConfirmSatisfied))] ConfirmSatisfiedCommand command, CancellationToken cancellationToken)
    {
        ConfirmSatisfied = command;
        return SendAsync(command with { ComplaintId = Id }, nameof(ConfirmSatisfied), cancellationToken);
    }

    public Task<IActionResult> OnPostReopenAsync([FromForm(Name = nameof(Reopen))] ReopenComplaintCommand command, CancellationToken cancellationToken)
    {
        Reopen = command;
        return SendAsync(command with { ComplaintId = Id }, nameof(Reopen), cancellationToken);
    }

    public Task<IActionResult> OnPostAssignAsync([FromForm(Name = nameof(Assign))] AssignComplaintCommand command, CancellationToken cancellationToken)
    {
        Assign = command;
        return SendAsync(command with { ComplaintId = Id }, nameof(Assign), cancellationToken);
    }

    public Task<IActionResult> OnPostAddNoteAsync([FromForm(Name = nameof(AddNote))] AddNoteCommand command, CancellationToken cancellationToken)
    {
        AddNote = command;
        return SendAsync(command with { ComplaintId = Id }, nameof(AddNote), cancellationToken);
    }

    public Task<IActionResult> OnPostRequestInformationAsync([FromForm(Name = nameof(RequestInformation))] RequestInformationCommand command, CancellationToken cancellationToken)
    {
        RequestInformation = command;
        return SendAsync(command with { ComplaintId = Id }, nameof(RequestInformation), cancellationToken);
    }

    public Task<IActionResult> OnPostRecordCustomerMessageAsync([FromForm(Name = nameof(RecordCustomerMessage))] RecordCustomerMessageCommand command, CancellationToken cancellationToken)
    {
        RecordCustomerMessage = command;
        return SendAsync(command with { ComplaintId = Id }, nameof(RecordCustomerMessage), cancellationToken);
    }

    public Task<IActionResult> OnPostChangeClassificationAsync([FromForm(Name = nameof(ChangeClassification))] ChangeClassificationCommand command, CancellationToken cancellationToken)
    {
        ChangeClassification = command;
        return SendAsync(command with { ComplaintId = Id }, nameof(ChangeClassification), cancellationToken);
    }

    /// <summary>Post, redirect, get on success; otherwise the case page again, freshly loaded, with the errors.</summary>
    private async Task<IActionResult> SendAsync<T>(ICommand<T> command, string form, CancellationToken cancellationToken)
    {
        // A value that did not even bind (a version that is not a number) is already an error; sending would drop it.
        if (ModelState.IsValid && await this.TrySendAsync(sender, command, form, cancellationToken) is not null)
        {
            return RedirectToPage("/Complaints/Details", new { id = Id });
        }
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Complaint = await sender.Send(new GetComplaintQuery(Id), cancellationToken);
        Timeline = await sender.Send(new GetTimelineQuery(Id), cancellationToken);
        var categories = await sender.Send(new ListCategoriesQuery(IncludeRetired: true), cancellationToken);
        Categories = categories;
        CategoryName = categories.FirstOrDefault(c => c.Code == Complaint.Category) is { } category
            ? show.Category(category.Code, category.Name)
            : Complaint.Category;
        Deadlines = await sender.Send(new GetDeadlinesQuery(Id), cancellationToken);
        if (Can(ComplaintActions.ChangeClassification))
        {
            ClassificationCategories = categories.Where(c => !c.Retired || c.Code == Complaint.Category).ToList();
            // A posted form keeps what was chosen; a fresh one starts from the case's classification.
            if (ChangeClassification.Severity is null && ChangeClassification.Category is null)
            {
                ChangeClassification = new ChangeClassificationCommand { Severity = Complaint.Severity, Category = Complaint.Category };
            }
        }
        if (Can(ComplaintActions.Assign) || Can(ComplaintTrigger.DecideEscalation))
        {
            CaseHandlers = await sender.Send(new ListCaseHandlersQuery(), cancellationToken);
        }
        Related = await sender.Send(new GetRelatedComplaintsQuery(Id), cancellationToken);
        if (Can(ComplaintActions.Reply))
        {
            Templates = await sender.Send(new ListReplyTemplatesForComplaintQuery(Id), cancellationToken);
        }
    }

    private IReadOnlyList<CategoryOption> Categories { get; set; } = [];

    /// <summary>A category by code as the reader names it; the code itself when it is unknown.</summary>
    public string CategoryNameOf(string code) =>
        Categories.FirstOrDefault(c => c.Code == code) is { } category ? show.Category(category.Code, category.Name) : code;

    /// <summary>The clocks shown in the panel; cancelled ones (replaced by a recomputation, or no longer owed) are listed apart.</summary>
    public IEnumerable<DeadlineView> ShownDeadlines => Deadlines.Where(d => d.Clock.State != SlaClockState.Cancelled);

    public IReadOnlyList<DeadlineView> CancelledDeadlines => Deadlines.Where(d => d.Clock.State == SlaClockState.Cancelled).ToList();

    /// <summary>A deadline's name in the reader's language.</summary>
    public string KindName(SlaClockKind kind) => kind switch
    {
        SlaClockKind.Acknowledge => localizer["Acknowledgement"],
        SlaClockKind.Resolve => localizer["Resolution"],
        SlaClockKind.EscalationDecision => localizer["Escalation decision"],
        SlaClockKind.FollowUp => localizer["Follow-up"],
        SlaClockKind.FollowUpAnswer => localizer["Follow-up answer"],
        SlaClockKind.OfferAnswer => localizer["Answer to the offer"],
        _ => localizer["Regulatory final response"],
    };

    /// <summary>How urgent a clock is now: overdue once its deadline passed unmet, at risk from its warning point on.</summary>
    public DeadlineUrgency UrgencyOf(DeadlineView deadline)
    {
        var c = deadline.Clock;
        if (!c.IsOpen || c.State == SlaClockState.Paused)
        {
            return DeadlineUrgency.None;
        }
        if (c.State == SlaClockState.Breached || c.DueAt <= Now)
        {
            return DeadlineUrgency.Overdue;
        }
        return c.WarnAt is { } warn && warn <= Now ? DeadlineUrgency.AtRisk : DeadlineUrgency.None;
    }

    /// <summary>
    /// "5 h 30 min of business time left", "2 d 3 h left", "1 h 5 min overdue", in the clock's own terms: open hours of its
    /// calendar for a business-time clock, elapsed time otherwise. Paused clocks say what will be left when they resume.
    /// </summary>
    public string? TimeLeft(DeadlineView deadline)
    {
        if (deadline.Left is not { } left)
        {
            return null;
        }
        var business = deadline.Clock.Business;
        if (deadline.Clock.State == SlaClockState.Paused)
        {
            return business
                ? localizer["{0} of business time left when it resumes", Duration(left, business)]
                : localizer["{0} left when it resumes", Duration(left, business)];
        }
        if (left > TimeSpan.Zero)
        {
            return business ? localizer["{0} of business time left", Duration(left, business)] : localizer["{0} left", Duration(left, business)];
        }
        return business ? localizer["{0} of business time overdue", Duration(-left, business)] : localizer["{0} overdue", Duration(-left, business)];
    }

    /// <summary>Whole minutes; business time in hours (a business day is the calendar's, not 24 h), elapsed time in days from a day on.</summary>
    private string Duration(TimeSpan span, bool business)
    {
        var minutes = (long)Math.Floor(span.TotalMinutes);
        var (days, hours, rest) = (minutes / (24 * 60), minutes / 60, minutes % 60);
        if (!business && days > 0)
        {
            return localizer["{0} d {1} h", days.ToString(CultureInfo.InvariantCulture), (hours % 24).ToString(CultureInfo.InvariantCulture)];
        }
        return localizer["{0} h {1} min", hours.ToString(CultureInfo.InvariantCulture), rest.ToString(CultureInfo.InvariantCulture)];
    }

    /// <summary>How a timeline entry reads: a reply to the customer, a note, or an event of the case's life.</summary>
    public static TimelineEntryKind KindOf(TimelineEntry entry) => entry.Kind switch
    {
        TimelineEventKind.Reply => TimelineEntryKind.Reply,
        TimelineEventKind.Note when entry.Visibility == Visibility.Internal => TimelineEntryKind.InternalNote,
        TimelineEventKind.Note => TimelineEntryKind.PublicNote,
        _ => TimelineEntryKind.Event,
    };

    /// <summary>The templates in the picker's groups: by language, then this category's before those for any category.</summary>
    public IEnumerable<IGrouping<(string Language, bool ForThisCategory), ReplyTemplateChoice>> TemplateGroups =>
        Templates.GroupBy(t => (t.Language, ForThisCategory: t.Category is not null));

    /// <summary>Events the system writes (keyword rules, the SLA sweeper).</summary>
    private static readonly TimelineEventKind[] SystemKinds =
    [
        TimelineEventKind.KeywordAlert, TimelineEventKind.SlaWarning, TimelineEventKind.SlaBreached, TimelineEventKind.Escalated,
        TimelineEventKind.FollowUpStarted, TimelineEventKind.SatisfactionConfirmed,
    ];

    /// <summary>Who did it; the system (a keyword rule, the SLA sweeper) in the reader's language.</summary>
    public string ActorName(TimelineEntry entry) =>
        SystemKinds.Contains(entry.Kind) && entry.Actor == Actor.System.Name ? localizer["System"] : entry.Actor;

    /// <summary>
    /// An entry's text. People's words (replies, notes, reasons) as written; what the system wrote — a keyword rule's
    /// <c>Keyword "…": severity Medium → High, risk flag set</c> (Complaint.ApplyKeywordRule) — in the reader's language.
    /// </summary>
    public string? EventText(TimelineEntry entry)
    {
        if (entry.Text is null)
        {
            return null;
        }
        switch (entry.Kind)
        {
            case TimelineEventKind.SlaWarning when ClockKind(entry.Text) is { } kind:
                return localizer["SLA warning: the {0} deadline is near", KindName(kind).ToLowerInvariant()];
            case TimelineEventKind.SlaBreached when ClockKind(entry.Text) is { } kind:
                return localizer["SLA breached: the {0} deadline passed", KindName(kind).ToLowerInvariant()];
            case TimelineEventKind.Escalated when entry.Actor == Actor.System.Name && SlaBreachReason().Match(entry.Text) is { Success: true } reason
                                                  && ClockKind(reason.Groups["kind"].Value) is { } kind:
                return localizer["Escalated automatically: the {0} deadline passed", KindName(kind).ToLowerInvariant()];
            case TimelineEventKind.SatisfactionConfirmed when entry.Actor == Actor.System.Name && entry.Text == SlaSweeper.NoAnswer:
                return localizer["No answer from the customer within the follow-up window."];
            case TimelineEventKind.ClassificationChanged:
                return ClassificationText(entry.Text);
            case TimelineEventKind.KeywordAlert:
                break;
            default:
                return entry.Text;
        }
        if (KeywordAlertText().Match(entry.Text) is not { Success: true } match)
        {
            return entry.Text;
        }
        var phrase = match.Groups["phrase"].Value;
        if (!match.Groups["from"].Success)
        {
            return localizer["Keyword \"{0}\": risk flag set", phrase];
        }
        if (!Enum.TryParse<Severity>(match.Groups["from"].Value, out var from) || !Enum.TryParse<Severity>(match.Groups["to"].Value, out var to))
        {
            return entry.Text;
        }
        return match.Groups["flag"].Success
            ? localizer["Keyword \"{0}\": severity {1} → {2}, risk flag set", phrase, show.Words(from), show.Words(to)]
            : localizer["Keyword \"{0}\": severity {1} → {2}", phrase, show.Words(from), show.Words(to)];
    }

    /// <summary>The clock kind as the domain names it in event texts ("acknowledge", "escalationDecision"; Complaint.SlaKindName).</summary>
    private static SlaClockKind? ClockKind(string name) =>
        Enum.GetValues<SlaClockKind>().Cast<SlaClockKind?>().FirstOrDefault(k => global::ComplaintDesk.Domain.Complaints.Complaint.SlaKindName(k!.Value) == name);

    /// <summary>
    /// Complaint.ChangeClassification writes <c>severity Medium → High; category billing → logistics</c> (either part
    /// alone too): in the reader's language, with the category's name.
    /// </summary>
    private string ClassificationText(string text)
    {
        var parts = new List<string>();
        foreach (var part in text.Split("; "))
        {
            if (ClassificationPart().Match(part) is not { Success: true } match)
            {
                return text;
            }
            var (from, to) = (match.Groups["from"].Value, match.Groups["to"].Value);
            if (match.Groups["what"].Value == "severity")
            {
                if (!Enum.TryParse<Severity>(from, out var fromSeverity) || !Enum.TryParse<Severity>(to, out var toSeverity))
                {
                    return text;
                }
                parts.Add(localizer["Severity {0} → {1}", show.Words(fromSeverity), show.Words(toSeverity)]);
            }
            else
            {
                parts.Add(localizer["Category {0} → {1}", CategoryNameOf(from), CategoryNameOf(to)]);
            }
        }
        return parts.Aggregate((left, right) => localizer["{0}; {1}", left, right]);
    }

    [GeneratedRegex("^(?<what>severity|category) (?<from>.+) → (?<to>.+)$", RegexOptions.Singleline)]
    private static partial Regex ClassificationPart();

    /// <summary>The reason Complaint.RecordSlaBreach gives an automatic escalation.</summary>
    [GeneratedRegex("^SLA breach: the (?<kind>\\w+) deadline passed$")]
    private static partial Regex SlaBreachReason();

    [GeneratedRegex("""^Keyword "(?<phrase>.*)": (?:severity (?<from>\w+) → (?<to>\w+)(?<flag>, risk flag set)?|risk flag set)$""", RegexOptions.Singleline)]
    private static partial Regex KeywordAlertText();
}

public enum TimelineEntryKind { Reply, InternalNote, PublicNote, Event }

/// <summary>How a deadline stands now, for its colour and its badge (never the colour alone).</summary>
public enum DeadlineUrgency { None, AtRisk, Overdue }

internal static class TimelineEntryKinds
{
    public static string CssClass(this TimelineEntryKind kind) => kind switch
    {
        TimelineEntryKind.Reply => "reply",
        TimelineEntryKind.InternalNote or TimelineEntryKind.PublicNote => "note",
        _ => "event",
    };
}
