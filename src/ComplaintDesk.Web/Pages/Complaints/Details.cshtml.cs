using System.Text.RegularExpressions;
using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.Application.Features.Replies;
using ComplaintDesk.Application.Features.Staff;
using ComplaintDesk.Domain.Complaints;
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
public sealed partial class DetailsModel(ISender sender, Show show, IStringLocalizer<SharedResource> localizer) : PageModel
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
        CategoryName = categories.FirstOrDefault(c => c.Code == Complaint.Category) is { } category
            ? show.Category(category.Code, category.Name)
            : Complaint.Category;
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

    /// <summary>Who did it; the system (a keyword rule) in the reader's language.</summary>
    public string ActorName(TimelineEntry entry) =>
        entry.Kind == TimelineEventKind.KeywordAlert && entry.Actor == Actor.System.Name ? localizer["System"] : entry.Actor;

    /// <summary>
    /// An entry's text. People's words (replies, notes, reasons) as written; what the system wrote — a keyword rule's
    /// <c>Keyword "…": severity Medium → High, risk flag set</c> (Complaint.ApplyKeywordRule) — in the reader's language.
    /// </summary>
    public string? EventText(TimelineEntry entry)
    {
        if (entry.Kind != TimelineEventKind.KeywordAlert || entry.Text is null || KeywordAlertText().Match(entry.Text) is not { Success: true } match)
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

    [GeneratedRegex("""^Keyword "(?<phrase>.*)": (?:severity (?<from>\w+) → (?<to>\w+)(?<flag>, risk flag set)?|risk flag set)$""", RegexOptions.Singleline)]
    private static partial Regex KeywordAlertText();
}

public enum TimelineEntryKind { Reply, InternalNote, PublicNote, Event }

internal static class TimelineEntryKinds
{
    public static string CssClass(this TimelineEntryKind kind) => kind switch
    {
        TimelineEntryKind.Reply => "reply",
        TimelineEntryKind.InternalNote or TimelineEntryKind.PublicNote => "note",
        _ => "event",
    };
}
