using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.Application.Features.Staff;
using ComplaintDesk.Domain.Complaints;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ComplaintDesk.Web.Pages.Complaints;

/// <summary>
/// The case page: the complaint, its timeline, and one small form per action the caller may take now
/// (<see cref="ComplaintView.AllowedActions"/>). Each form posts to its own handler, which sends exactly the
/// command the API sends; each command property below is one form (asp-for names its fields, so ids are unique).
/// </summary>
public sealed class DetailsModel(ISender sender) : PageModel
{
    [FromRoute] public Guid Id { get; set; }

    public ComplaintView Complaint { get; private set; } = null!;
    public IReadOnlyList<TimelineEntry> Timeline { get; private set; } = [];
    public string CategoryName { get; private set; } = "";
    public IReadOnlyList<CaseHandler> CaseHandlers { get; private set; } = [];

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

    /// <summary>Set by <see cref="PageCommands.TrySendAsync{T}(PageModel, ISender, ICommand{T}, string, CancellationToken)"/> on a lost race.</summary>
    public bool ChangedBySomeoneElse => ViewData[PageCommands.StaleKey] is true;

    public bool Can(ComplaintTrigger trigger) => Complaint.Allows(ComplaintActions.Name(trigger));

    public bool Can(string action) => Complaint.Allows(action);

    /// <summary>The version a form carries: what was posted (so a stale form stays stale), else the one shown.</summary>
    public uint VersionFor(IComplaintCommand form) => form.ExpectedVersion ?? Complaint.Version;

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

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
        CategoryName = categories.FirstOrDefault(c => c.Code == Complaint.Category)?.Name ?? Complaint.Category;
        if (Can(ComplaintActions.Assign) || Can(ComplaintTrigger.DecideEscalation))
        {
            CaseHandlers = await sender.Send(new ListCaseHandlersQuery(), cancellationToken);
        }
    }
}
