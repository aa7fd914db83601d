using System.Globalization;
using ComplaintDesk.Application.Features.Compensation;
using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.Application.Identity;
using ComplaintDesk.Domain.Compensation;
using ComplaintDesk.Web.Localization;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ComplaintDesk.Web.Pages.Ledger;

/// <summary>
/// The compensation ledger (supervisors and administrators): a filter form (period in the reader's time zone,
/// category, kind), the lines of the period oldest first with links to their cases, a page at a time, and the totals
/// of the whole filter by kind, category and month — the same <see cref="GetLedgerQuery"/> as
/// GET /api/v1/compensation/ledger.
/// </summary>
[Authorize(Roles = Roles.Supervisor + "," + Roles.Admin)]
public sealed class IndexModel(ISender sender, StaffTime time, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "from")] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true, Name = "to")] public DateOnly? To { get; set; }
    [BindProperty(SupportsGet = true, Name = "category")] public string? Category { get; set; }
    [BindProperty(SupportsGet = true, Name = "kind")] public CompensationKind? Kind { get; set; }
    [BindProperty(SupportsGet = true, Name = "cursor")] public string? Cursor { get; set; }
    /// <summary>Lines a page (1–500, default 100), as the API's ?limit=.</summary>
    [BindProperty(SupportsGet = true, Name = "limit")] public int? Limit { get; set; }

    /// <summary>The ledger, or null when the filter was refused (its errors are shown next to the fields).</summary>
    public LedgerPage? Ledger { get; private set; }

    public IReadOnlyList<CategoryOption> Categories { get; private set; } = [];

    /// <summary>The reader's time zone as the dates are read in it, e.g. "UTC+8".</summary>
    public string ZoneLabel => StaffTime.OffsetLabel(time.Zone.GetUtcOffset(clock.GetUtcNow()));

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        // Retired categories stay in the filter: their lines are still in the ledger.
        Categories = await sender.Send(new ListCategoriesQuery(IncludeRetired: true), cancellationToken);
        if (!ModelState.IsValid)
        {
            return; // a value that does not read as a date or a kind: say so rather than show another period
        }
        Ledger = await this.TrySendAsync(sender, new GetLedgerQuery
        {
            From = From, To = To, Category = Category, Kind = Kind, Cursor = Cursor, Limit = Limit, TimeZone = time.Zone.Id,
        }, prefix: "", cancellationToken);
        if (Ledger is not null)
        {
            // The form shows the period the ledger covers (the current month when none was asked for).
            From = Ledger.From;
            To = Ledger.To;
        }
    }

    /// <summary>The errors of one filter, whether the binding or the query refused it.</summary>
    public IEnumerable<string> ErrorsOf(string field) =>
        ModelState.Where(e => string.Equals(e.Key, field, StringComparison.OrdinalIgnoreCase))
            .SelectMany(e => e.Value!.Errors).Select(e => e.ErrorMessage);

    public bool IsInvalid(string field) =>
        ModelState.Any(e => string.Equals(e.Key, field, StringComparison.OrdinalIgnoreCase) && e.Value!.ValidationState == ModelValidationState.Invalid);

    /// <summary>The value a date field shows: what was typed when it did not read, else the period's date.</summary>
    public string DateValue(string field, DateOnly? date) =>
        ModelState.TryGetValue(field, out var entry) && entry.ValidationState == ModelValidationState.Invalid
            ? entry.AttemptedValue ?? ""
            : date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    /// <summary>The same filters on another page (<paramref name="cursor"/>) or the first (null).</summary>
    public Dictionary<string, string> Filters(string? cursor)
    {
        var values = new Dictionary<string, string>();
        if (Ledger is { } ledger)
        {
            values["from"] = ledger.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            values["to"] = ledger.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }
        if (!string.IsNullOrWhiteSpace(Category))
        {
            values["category"] = Category.Trim();
        }
        if (Kind is { } kind)
        {
            values["kind"] = kind.ToString();
        }
        if (Limit is { } limit)
        {
            values["limit"] = limit.ToString(CultureInfo.InvariantCulture);
        }
        if (cursor is not null)
        {
            values["cursor"] = cursor;
        }
        return values;
    }
}
