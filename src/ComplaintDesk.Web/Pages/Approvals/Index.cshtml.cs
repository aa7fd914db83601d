using ComplaintDesk.Application.Common;
using ComplaintDesk.Application.Features.Compensation;
using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.Domain;
using ComplaintDesk.Web.Identity;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ComplaintDesk.Web.Pages.Approvals;

/// <summary>
/// The supervisors' approvals inbox: every offer awaiting approval, oldest first, with its case, the customer's
/// compensation over the last 12 months (a warning above the policy's threshold), the proposer, the options and what the
/// offer costs at most; a decision form per offer posts the same <see cref="DecideOfferCommand"/> as the API. Four eyes:
/// an offer the reader proposed has no form here, and a decision posted anyway is refused with a message.
/// </summary>
[Authorize(Policy = Policies.Supervisor)]
public sealed class IndexModel(ISender sender) : PageModel
{
    /// <summary>The form prefix: fields are Decide.OfferId, Decide.Approved, Decide.Comment.</summary>
    public const string Form = "Decide";

    private const string DecidedReferenceKey = "Approvals.DecidedReference";
    private const string DecidedApprovedKey = "Approvals.DecidedApproved";

    public PendingApprovals Inbox { get; private set; } = new([], false);
    public IReadOnlyList<CategoryOption> Categories { get; private set; } = [];

    /// <summary>The decision that was posted and refused: its form is shown again, filled, with the errors.</summary>
    public DecideOfferCommand Decide { get; private set; } = new();
    public Guid? PostedFor { get; private set; }

    /// <summary>After a decision (PRG): which case, approved or rejected.</summary>
    public (string Reference, bool Approved)? Decided { get; private set; }

    /// <summary>Set by <see cref="PageCommands"/> when the decision lost a race.</summary>
    public bool ChangedBySomeoneElse => ViewData[PageCommands.StaleKey] is true;

    /// <summary>The refused decision is for an offer no longer in the inbox (decided or changed meanwhile): its errors go at the top.</summary>
    public bool PostedOfferGone => PostedFor is { } id && Inbox.Items.All(i => i.Offer.Id != id);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (TempData[DecidedReferenceKey] is string reference && TempData[DecidedApprovedKey] is bool approved)
        {
            Decided = (reference, approved);
        }
        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostDecideAsync([FromForm(Name = Form)] DecideOfferCommand command, CancellationToken cancellationToken)
    {
        PostedFor = command.OfferId;
        Decide = command;
        if (ModelState.IsValid)
        {
            try
            {
                if (await this.TrySendAsync(sender, command, Form, cancellationToken) is { } decided)
                {
                    TempData[DecidedReferenceKey] = await ReferenceOfAsync(decided.ComplaintId, cancellationToken);
                    TempData[DecidedApprovedKey] = command.Approved == true;
                    return RedirectToPage("/Approvals/Index");
                }
            }
            catch (ActionForbiddenException refusal)
            {
                // Four eyes: the proposer cannot decide their own offer. A supervisor may open this page, so the refusal
                // is a message on it, not an access-denied page.
                ModelState.AddModelError(string.Empty, Texts.ForRule(refusal));
            }
        }
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task<string> ReferenceOfAsync(Guid complaintId, CancellationToken cancellationToken) =>
        Inbox.Items.FirstOrDefault(i => i.ComplaintId == complaintId)?.Reference
        ?? (await sender.Send(new GetComplaintQuery(complaintId), cancellationToken)).Reference;

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Inbox = await sender.Send(new ListPendingApprovalsQuery(), cancellationToken);
        Categories = await sender.Send(new ListCategoriesQuery(IncludeRetired: true), cancellationToken);
    }

    public bool IsPosted(PendingApproval item) => PostedFor == item.Offer.Id;

    /// <summary>What the form of this offer shows: the refused decision again, or an empty one.</summary>
    public DecideOfferCommand FormFor(PendingApproval item) => IsPosted(item) ? Decide : new DecideOfferCommand();

    /// <summary>The errors of one field of the refused form.</summary>
    public IEnumerable<string> ErrorsOf(string field) =>
        ModelState.TryGetValue($"{Form}.{field}", out var entry) ? entry.Errors.Select(e => e.ErrorMessage) : [];

    /// <summary>The currency an offer is in (all its options share it).</summary>
    public static string CurrencyOf(OfferView offer) => offer.Options.FirstOrDefault()?.Currency ?? "";
}
