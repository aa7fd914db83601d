using System.Globalization;
using System.Text.RegularExpressions;
using ComplaintDesk.Application.Features.Compensation;
using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.Application.Features.Replies;
using ComplaintDesk.Application.Features.Sla;
using ComplaintDesk.Application.Features.Staff;
using ComplaintDesk.Application.Features.StatusLinks;
using ComplaintDesk.Domain.Compensation;
using ComplaintDesk.Domain.Complaints;
using ComplaintDesk.Domain.Sla;
using ComplaintDesk.Web.Identity;
using Mediator;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Localization;
using Microsoft.Extensions.Localization;
using Actor = ComplaintDesk.Domain.Actors.Actor;

namespace ComplaintDesk.Web.Pages.Complaints;

/// <summary>
/// The case page: the complaint, its timeline, and one small form per action the caller may take now
/// (<see cref="ComplaintView.AllowedActions"/>). Each form posts to its own handler, which sends exactly the
/// command the API sends; each command property below is one form (asp-for names its fields, so ids are unique).
/// </summary>
public sealed partial class DetailsModel(ISender sender, Show show, IStringLocalizer<SharedResource> localizer, IHtmlLocalizer<SharedResource> html,
    TimeProvider clock) : PageModel
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
    public IssueStatusLinkCommand IssueStatusLink { get; private set; } = new();
    public RevokeStatusLinkCommand RevokeStatusLink { get; private set; } = new();

    /// <summary>
    /// The customer's status link just issued (acknowledgement or re-issue), shown on the next page once: afterwards only
    /// its hash exists. Carried over the redirect in TempData (an encrypted cookie, read once).
    /// </summary>
    [TempData] public string? NewStatusLink { get; set; }

    /// <summary>
    /// The offers section (staff who handle cases; null for others): the caller's authority, the customer's history, the
    /// case's offers. The offer forms send the API's commands: make (with the case's version), change, the customer's
    /// answer (with the offer's version), fulfil.
    /// </summary>
    public OfferContext? Offers { get; private set; }

    /// <summary>ViewData keys the option rows (_OfferOptions) read: the kinds to choose from and the currency.</summary>
    public const string OfferKindsKey = "Offer.Kinds";
    public const string OfferCurrencyKey = "Offer.Currency";

    public MakeOfferCommand MakeOffer { get; private set; } = new();
    public ReviseOfferCommand ReviseOffer { get; private set; } = new();
    /// <summary>The change form was posted and refused: it is shown open, with its errors.</summary>
    public bool ReviseOfferPosted { get; private set; }
    /// <summary>The answer posted and refused (its option, or "decline" in <see cref="AnswerChoice"/>), shown again.</summary>
    public AnswerOfferCommand AnswerOffer { get; private set; } = new();
    public string? AnswerChoice { get; private set; }
    public FulfilOfferCommand FulfilOffer { get; private set; } = new();

    /// <summary>The value of the answer form's "declined" choice (the others are option ids).</summary>
    public const string DeclineChoice = "decline";

    /// <summary>
    /// The answer was refused because the offer changed since the form was drawn (another version now, or no longer
    /// offered): the page shows the current offer and says so.
    /// </summary>
    public bool AnswerWasStale { get; private set; }

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
        return SendAsync(command with { ComplaintId = Id }, nameof(Acknowledge), cancellationToken, view => NewStatusLink = view.StatusLink);
    }

    /// <summary>A new status link for the customer; every older one stops opening.</summary>
    public Task<IActionResult> OnPostIssueStatusLinkAsync([FromForm(Name = nameof(IssueStatusLink))] IssueStatusLinkCommand command, CancellationToken cancellationToken)
    {
        IssueStatusLink = command;
        return SendAsync(command with { ComplaintId = Id }, nameof(IssueStatusLink), cancellationToken,
            view => NewStatusLink = view.StatusLink, fragment: "status-link");
    }

    public Task<IActionResult> OnPostRevokeStatusLinkAsync([FromForm(Name = nameof(RevokeStatusLink))] RevokeStatusLinkCommand command, CancellationToken cancellationToken)
    {
        RevokeStatusLink = command;
        return SendAsync(command with { ComplaintId = Id }, nameof(RevokeStatusLink), cancellationToken);
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

    public Task<IActionResult> OnPostMakeOfferAsync([FromForm(Name = nameof(MakeOffer))] MakeOfferCommand command, CancellationToken cancellationToken)
    {
        MakeOffer = command with { Options = FilledRows(command.Options, nameof(MakeOffer)) };
        return SendOfferAsync(MakeOffer with { ComplaintId = Id }, nameof(MakeOffer), cancellationToken);
    }

    public Task<IActionResult> OnPostReviseOfferAsync([FromForm(Name = nameof(ReviseOffer))] ReviseOfferCommand command, CancellationToken cancellationToken)
    {
        ReviseOffer = command with { Options = FilledRows(command.Options, nameof(ReviseOffer)) };
        ReviseOfferPosted = true;
        return SendOfferAsync(ReviseOffer, nameof(ReviseOffer), cancellationToken);
    }

    /// <summary>
    /// The customer's answer, recorded by staff: <paramref name="choice"/> is an option's id or <see cref="DeclineChoice"/>;
    /// the form carries the offer's version, so an answer to an offer changed meanwhile is refused and the current one shown.
    /// </summary>
    public async Task<IActionResult> OnPostAnswerOfferAsync([FromForm(Name = nameof(AnswerOffer))] AnswerOfferCommand command,
        [FromForm(Name = nameof(AnswerChoice))] string? choice, CancellationToken cancellationToken)
    {
        AnswerChoice = choice;
        var declined = choice == DeclineChoice;
        AnswerOffer = command with
        {
            Declined = declined ? true : null,
            OptionId = !declined && Guid.TryParse(choice, out var option) ? option : null,
        };
        // A reason typed beside a chosen option is not sent (the answer is the option), but stays in the form if it is refused.
        var result = await SendOfferAsync(AnswerOffer with { Reason = declined ? command.Reason : null }, nameof(AnswerOffer), cancellationToken);
        if (result is PageResult && Offers?.Offers.FirstOrDefault(o => o.Id == command.OfferId) is { } current)
        {
            AnswerWasStale = current.Version != command.OfferVersion || current.State != OfferState.Offered;
        }
        return result;
    }

    public Task<IActionResult> OnPostFulfilOfferAsync([FromForm(Name = nameof(FulfilOffer))] FulfilOfferCommand command, CancellationToken cancellationToken)
    {
        FulfilOffer = command;
        return SendOfferAsync(command, nameof(FulfilOffer), cancellationToken);
    }

    /// <summary>
    /// The option rows that were filled in (a row with no kind, cost or text is left out), in order. The rows are shown
    /// again as sent, so the fields' posted values (kept under their old positions) are dropped with them.
    /// </summary>
    private List<OfferOptionRequest>? FilledRows(List<OfferOptionRequest>? rows, string form)
    {
        if (rows is null || !ModelState.IsValid)
        {
            return rows; // a value that did not bind stays where it was typed, with its error
        }
        foreach (var key in ModelState.Keys.Where(k => k.StartsWith($"{form}.{nameof(MakeOfferCommand.Options)}[", StringComparison.Ordinal)).ToList())
        {
            ModelState.Remove(key);
        }
        return rows.Where(r => r is not null && !(r.Kind is null && r.Amount is null && string.IsNullOrWhiteSpace(r.Currency)
                                                  && string.IsNullOrWhiteSpace(r.CustomerText) && string.IsNullOrWhiteSpace(r.InternalNote)))
            .ToList();
    }

    /// <summary>As <see cref="SendAsync{T}"/>, back to the offers section.</summary>
    private async Task<IActionResult> SendOfferAsync(ICommand<OfferView> command, string form, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid && await this.TrySendAsync(sender, command, form, cancellationToken) is not null)
        {
            return RedirectToPage("/Complaints/Details", null, new { id = Id }, "offers");
        }
        await LoadAsync(cancellationToken);
        return Page();
    }

    /// <summary>
    /// Post, redirect, get on success (<paramref name="onSent"/> keeps what the answer carries for the next page, such as
    /// a new status link; <paramref name="fragment"/> is where the page opens); otherwise the case page again, freshly
    /// loaded, with the errors.
    /// </summary>
    private async Task<IActionResult> SendAsync<T>(ICommand<T> command, string form, CancellationToken cancellationToken,
        Action<T>? onSent = null, string? fragment = null)
    {
        // A value that did not even bind (a version that is not a number) is already an error; sending would drop it.
        if (ModelState.IsValid && await this.TrySendAsync(sender, command, form, cancellationToken) is { } sent)
        {
            onSent?.Invoke(sent);
            return RedirectToPage("/Complaints/Details", null, new { id = Id }, fragment);
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
        CategoryName = show.Category(Complaint.Category, categories);
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
        if (User.HandlesCases())
        {
            await LoadOffersAsync(cancellationToken);
        }
    }

    private async Task LoadOffersAsync(CancellationToken cancellationToken)
    {
        var offers = await sender.Send(new GetOfferContextQuery(Id), cancellationToken);
        Offers = offers;
        ViewData[OfferKindsKey] = offers.EnabledKinds;
        ViewData[OfferCurrencyKey] = offers.Currency;
        MakeOffer = MakeOffer with { Options = Rows(MakeOffer.Options) };
        if (offers.OpenOffer is { } open)
        {
            ReviseOffer = ReviseOffer.OfferId == open.Id
                ? ReviseOffer with { Options = Rows(ReviseOffer.Options) }
                : new ReviseOfferCommand
                {
                    OfferId = open.Id,
                    Options = Rows(open.Options.Select(o => new OfferOptionRequest
                    {
                        Kind = o.Kind, Amount = o.Amount, CustomerText = o.CustomerText, InternalNote = o.InternalNote,
                    }).ToList()),
                };
        }
    }

    /// <summary>The rows an offer form shows: what it holds, then empty ones up to the most an offer has.</summary>
    private static List<OfferOptionRequest> Rows(List<OfferOptionRequest>? rows)
    {
        var shown = (rows ?? []).Where(r => r is not null).Take(CompensationOffer.MaxOptions).ToList();
        while (shown.Count < CompensationOffer.MaxOptions)
        {
            shown.Add(new OfferOptionRequest());
        }
        return shown;
    }

    private IReadOnlyList<CategoryOption> Categories { get; set; } = [];

    /// <summary>A category by code as the reader names it; the code itself when it is unknown.</summary>
    public string CategoryNameOf(string code) => show.Category(code, Categories);

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
        TimelineEventKind.FollowUpStarted, TimelineEventKind.SatisfactionConfirmed, TimelineEventKind.OfferExpired,
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

    /// <summary>An offer's number on this case, oldest first ("Offer 2"): what its buttons and headings say.</summary>
    public int OfferNumber(OfferView offer) =>
        Offers is { } context ? context.Offers.Count - context.Offers.ToList().FindIndex(o => o.Id == offer.Id) : 1;

    /// <summary>The accepted offers waiting for their fulfilment, each with a form.</summary>
    public IEnumerable<OfferView> AwaitingFulfilment => Offers?.Offers.Where(o => o.State == OfferState.Accepted) ?? [];

    /// <summary>The open offer when the customer can answer it.</summary>
    public OfferView? Answerable => Offers?.OpenOffer is { State: OfferState.Offered } open ? open : null;

    /// <summary>The currency an offer is in (all its options share it).</summary>
    public static string CurrencyOf(OfferView offer) => offer.Options.FirstOrDefault()?.Currency ?? "";

    /// <summary>
    /// What an offer event says in the reader's language: the offer as OfferEditor.Describe writes it
    /// (<c>Offer v2: FullRefund 1200.00 TWD; Voucher 300.00 TWD — AwaitingApproval</c>) and the accepted option as
    /// AnswerOffer writes it (<c>Voucher 300.00 TWD: the customer's text</c>), with kinds, state and money translated and
    /// formatted; null for other events (their text is people's words or handled by <see cref="EventText"/>).
    /// </summary>
    public IHtmlContent? OfferEventText(TimelineEntry entry)
    {
        if (entry.Text is null)
        {
            return null;
        }
        if (entry.Kind == TimelineEventKind.OfferMade && OfferDescription().Match(entry.Text) is { Success: true } made
            && Enum.TryParse<OfferState>(made.Groups["state"].Value, out var state))
        {
            var options = new List<IHtmlContent>();
            foreach (var part in made.Groups["options"].Value.Split("; "))
            {
                if (OptionText().Match(part) is not { Success: true } option || OptionParts(option) is not { } parsed)
                {
                    return null;
                }
                options.Add(html["{0} {1}", show.Words(parsed.Kind), MoneyText.Html(parsed.Amount, parsed.Currency)]);
            }
            var list = options.Aggregate((left, right) => html["{0}; {1}", left, right]);
            return html["Offer version {0}: {1} — {2}", made.Groups["version"].Value, list, show.Words(state)];
        }
        if (entry.Kind == TimelineEventKind.OfferAccepted && AcceptedText().Match(entry.Text) is { Success: true } accepted
            && OptionParts(accepted) is { } chosen)
        {
            return html["Chose {0} of {1}: {2}", show.Words(chosen.Kind), MoneyText.Html(chosen.Amount, chosen.Currency), accepted.Groups["text"].Value];
        }
        return null;
    }

    private static (CompensationKind Kind, decimal Amount, string Currency)? OptionParts(Match match) =>
        Enum.TryParse<CompensationKind>(match.Groups["kind"].Value, out var kind)
        && decimal.TryParse(match.Groups["amount"].Value.Replace(',', '.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount)
            ? (kind, amount, match.Groups["currency"].Value)
            : null;

    [GeneratedRegex("^Offer v(?<version>\\d+): (?<options>.+) — (?<state>\\w+)$", RegexOptions.Singleline)]
    private static partial Regex OfferDescription();

    [GeneratedRegex("^(?<kind>\\w+) (?<amount>\\d+(?:[.,]\\d+)?) (?<currency>[A-Z]{3})$")]
    private static partial Regex OptionText();

    [GeneratedRegex("^(?<kind>\\w+) (?<amount>\\d+(?:[.,]\\d+)?) (?<currency>[A-Z]{3}): (?<text>.*)$", RegexOptions.Singleline)]
    private static partial Regex AcceptedText();

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
