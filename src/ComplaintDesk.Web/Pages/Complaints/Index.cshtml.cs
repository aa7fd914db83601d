using System.Globalization;
using System.Security.Claims;
using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.Application.Features.Staff;
using ComplaintDesk.Application.Identity;
using ComplaintDesk.Web.Identity;
using ComplaintDesk.Domain.Complaints;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ComplaintDesk.Web.Pages.Complaints;

/// <summary>
/// The queue: a view (My cases, Unassigned…), the filters and the sort are the query string, the page after this one
/// is a keyset cursor. Each row can be taken or assigned: small forms sending the same <see cref="AssignComplaintCommand"/>
/// as the case page and the API.
/// </summary>
public sealed class IndexModel(ISender sender, Show show, TimeProvider clock) : PageModel
{
    private const string AssignedReferenceKey = "Queue.AssignedReference";
    private const string AssignedOwnerKey = "Queue.AssignedOwner";

    [BindProperty(SupportsGet = true, Name = "view")] public QueueView? View { get; set; }
    [BindProperty(SupportsGet = true, Name = "state")] public ComplaintState? State { get; set; }
    [BindProperty(SupportsGet = true, Name = "category")] public string? Category { get; set; }
    [BindProperty(SupportsGet = true, Name = "severity")] public Severity? Severity { get; set; }
    [BindProperty(SupportsGet = true, Name = "channel")] public Channel? Channel { get; set; }
    [BindProperty(SupportsGet = true, Name = "ownerId")] public string? OwnerId { get; set; }
    [BindProperty(SupportsGet = true, Name = "repeat")] public bool? Repeat { get; set; }
    [BindProperty(SupportsGet = true, Name = "risk")] public bool? Risk { get; set; }
    [BindProperty(SupportsGet = true, Name = "q")] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "sort")] public QueueSort? Sort { get; set; }
    [BindProperty(SupportsGet = true, Name = "limit")] public int? Limit { get; set; }
    [BindProperty(SupportsGet = true, Name = "cursor")] public string? Cursor { get; set; }

    public IReadOnlyList<ComplaintListItem> Items { get; private set; } = [];
    public string? NextCursor { get; private set; }
    public IReadOnlyList<QueueViewCount> Counts { get; private set; } = [];
    public IReadOnlyList<CategoryOption> Categories { get; private set; } = [];
    public IReadOnlyList<CaseHandler> CaseHandlers { get; private set; } = [];

    /// <summary>Set by <see cref="PageCommands"/> when a take or assignment lost a race.</summary>
    public bool ChangedBySomeoneElse => ViewData[PageCommands.StaleKey] is true;

    /// <summary>After a take or assignment (PRG): which complaint went to whom.</summary>
    public (string Reference, string Owner)? Assigned { get; private set; }

    public bool HandlesCases => User.HandlesCases();

    public string? UserId => User.FindFirstValue(ClaimTypes.NameIdentifier);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (TempData[AssignedReferenceKey] is string reference && TempData[AssignedOwnerKey] is string owner)
        {
            Assigned = (reference, owner);
        }
        await LoadAsync(cancellationToken);
    }

    /// <summary>Take: assign to me.</summary>
    public Task<IActionResult> OnPostTakeAsync([FromForm] Guid complaintId, [FromForm] uint? version, CancellationToken cancellationToken) =>
        AssignAsync(new AssignComplaintCommand { ComplaintId = complaintId, ExpectedVersion = version, OwnerId = UserId }, cancellationToken);

    public Task<IActionResult> OnPostAssignAsync([FromForm(Name = "Assign")] AssignComplaintCommand command, CancellationToken cancellationToken) =>
        AssignAsync(command, cancellationToken);

    private async Task<IActionResult> AssignAsync(AssignComplaintCommand command, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid && await this.TrySendAsync(sender, command, "Assign", cancellationToken) is { } assigned)
        {
            TempData[AssignedReferenceKey] = assigned.Reference;
            TempData[AssignedOwnerKey] = assigned.OwnerName;
            return RedirectToPage("/Complaints/Index", FiltersWith(Cursor));
        }
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        // Retired categories stay filterable: old complaints still carry them.
        Categories = await sender.Send(new ListCategoriesQuery(IncludeRetired: true), cancellationToken);
        CaseHandlers = await sender.Send(new ListCaseHandlersQuery(), cancellationToken);
        if (!FiltersBound)
        {
            return; // a filter value we do not know: say so rather than show an unfiltered queue
        }
        var page = await this.TrySendAsync(sender, new ListComplaintsQuery
        {
            View = View,
            State = State,
            Category = Category,
            Severity = Severity,
            Channel = Channel,
            OwnerId = OwnerId,
            Repeat = Repeat,
            Risk = Risk,
            Q = Q,
            Sort = Sort,
            Limit = Limit,
            Cursor = Cursor,
        }, prefix: "", cancellationToken);
        if (page is not null)
        {
            Items = page.Items;
            NextCursor = page.NextCursor;
            // The same filters, already accepted by the list.
            Counts = await sender.Send(new CountComplaintsQuery
            {
                State = State, Category = Category, Severity = Severity, Channel = Channel, OwnerId = OwnerId, Repeat = Repeat, Risk = Risk, Q = Q,
            }, cancellationToken);
        }
    }

    /// <summary>Every filter in the query string was understood (a refused assignment is another matter: the queue still shows).</summary>
    private bool FiltersBound => FilterNames.All(name => ModelState.GetFieldValidationState(name) != Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid);

    private static readonly string[] FilterNames = ["view", "state", "category", "severity", "channel", "ownerId", "repeat", "risk", "q", "sort", "limit", "cursor"];

    /// <summary>A category as the reader names it (seeded ones translated; see <see cref="Show.Category"/>).</summary>
    public string CategoryName(string code) => show.Category(code, Categories);

    public QueueViewCount? CountOf(QueueView view) => Counts.FirstOrDefault(c => c.View == view);

    /// <summary>When the page was drawn: what "at risk" and "overdue" are measured against.</summary>
    public DateTimeOffset Now { get; } = clock.GetUtcNow();

    /// <summary>Overdue once a deadline passed unmet (breached, or past due before the sweeper saw it); at risk from its warning point on.</summary>
    public DeadlineUrgency UrgencyOf(ComplaintListItem item) =>
        item.Overdue || item.NextDueAt <= Now ? DeadlineUrgency.Overdue
        : item.AtRiskFrom <= Now ? DeadlineUrgency.AtRisk
        : DeadlineUrgency.None;

    /// <summary>A view's name as it appears in links: "mine", "escalated".</summary>
    public static string ViewValue(QueueView view) => ComplaintActions.CamelCase(view.ToString());

    /// <summary>The current filters with another cursor (or none, for the first page).</summary>
    public Dictionary<string, string> FiltersWith(string? cursor) => FiltersWith(View, cursor);

    /// <summary>The current filters in another view, from its first page.</summary>
    public Dictionary<string, string> InView(QueueView? view) => FiltersWith(view, null);

    private Dictionary<string, string> FiltersWith(QueueView? view, string? cursor)
    {
        var values = new Dictionary<string, string?>
        {
            ["view"] = view is { } v ? ViewValue(v) : null,
            ["state"] = State?.ToString(),
            ["category"] = Category,
            ["severity"] = Severity?.ToString(),
            ["channel"] = Channel?.ToString(),
            ["ownerId"] = OwnerId,
            ["repeat"] = Repeat is { } repeat ? (repeat ? "true" : "false") : null,
            ["risk"] = Risk is { } risk ? (risk ? "true" : "false") : null,
            ["q"] = Q,
            ["sort"] = Sort?.ToString(),
            ["limit"] = Limit?.ToString(CultureInfo.InvariantCulture),
            ["cursor"] = cursor,
        };
        return values.Where(v => !string.IsNullOrEmpty(v.Value)).ToDictionary(v => v.Key, v => v.Value!);
    }
}
