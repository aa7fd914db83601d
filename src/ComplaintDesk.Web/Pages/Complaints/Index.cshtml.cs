using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.Application.Features.Staff;
using ComplaintDesk.Domain.Complaints;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ComplaintDesk.Web.Pages.Complaints;

/// <summary>The queue: the filters are the query string, the page after this one is a keyset cursor.</summary>
public sealed class IndexModel(ISender sender) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "state")] public ComplaintState? State { get; set; }
    [BindProperty(SupportsGet = true, Name = "category")] public string? Category { get; set; }
    [BindProperty(SupportsGet = true, Name = "severity")] public Severity? Severity { get; set; }
    [BindProperty(SupportsGet = true, Name = "channel")] public Channel? Channel { get; set; }
    [BindProperty(SupportsGet = true, Name = "ownerId")] public string? OwnerId { get; set; }
    [BindProperty(SupportsGet = true, Name = "q")] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "limit")] public int? Limit { get; set; }
    [BindProperty(SupportsGet = true, Name = "cursor")] public string? Cursor { get; set; }

    public IReadOnlyList<ComplaintListItem> Items { get; private set; } = [];
    public string? NextCursor { get; private set; }
    public IReadOnlyList<CategoryOption> Categories { get; private set; } = [];
    public IReadOnlyList<CaseHandler> CaseHandlers { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        // Retired categories stay filterable: old complaints still carry them.
        Categories = await sender.Send(new ListCategoriesQuery(IncludeRetired: true), cancellationToken);
        CaseHandlers = await sender.Send(new ListCaseHandlersQuery(), cancellationToken);
        if (!ModelState.IsValid)
        {
            return; // a filter value we do not know: say so rather than show an unfiltered queue
        }
        var page = await this.TrySendAsync(sender, new ListComplaintsQuery
        {
            State = State,
            Category = Category,
            Severity = Severity,
            Channel = Channel,
            OwnerId = OwnerId,
            Q = Q,
            Limit = Limit,
            Cursor = Cursor,
        }, prefix: "", cancellationToken);
        if (page is not null)
        {
            Items = page.Items;
            NextCursor = page.NextCursor;
        }
    }

    public string CategoryName(string code) => Categories.FirstOrDefault(c => c.Code == code)?.Name ?? code;

    /// <summary>The current filters with another cursor (or none, for the first page).</summary>
    public Dictionary<string, string> FiltersWith(string? cursor)
    {
        var values = new Dictionary<string, string?>
        {
            ["state"] = State?.ToString(),
            ["category"] = Category,
            ["severity"] = Severity?.ToString(),
            ["channel"] = Channel?.ToString(),
            ["ownerId"] = OwnerId,
            ["q"] = Q,
            ["limit"] = Limit?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["cursor"] = cursor,
        };
        return values.Where(v => !string.IsNullOrEmpty(v.Value)).ToDictionary(v => v.Key, v => v.Value!);
    }
}
