using ComplaintDesk.Application.Common;
using ComplaintDesk.Application.Persistence;
using ComplaintDesk.Domain.Compensation;
using ComplaintDesk.Domain.Complaints;
using ComplaintDesk.Domain.StatusLinks;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ComplaintDesk.Application.Features.StatusLinks;

/// <summary>
/// What a presented token opens: one complaint, the customer's first name (the actor of what they do through the link),
/// their preferred language, and the open offer of that complaint — the only offer the link may answer.
/// </summary>
public sealed record StatusLinkAccess(Guid ComplaintId, string CustomerFirstName, string PreferredLanguage, Guid? OpenOfferId);

/// <summary>
/// The link was valid, but its complaint was closed for good longer than the link lives after closure: 410 Gone. Unknown,
/// malformed and revoked tokens are a <see cref="NotFoundException"/> instead, one and the same for all three.
/// </summary>
public sealed class StatusLinkExpiredException() : Exception(Texts.Get("This status link has expired."));

/// <summary>
/// The one place a presented token is resolved: well-formed → hash → the row by its unique hash → compared in constant
/// time → not revoked → not expired. The token itself never goes into an exception, a log or a stored row.
/// </summary>
public static class StatusLinkTokens
{
    /// <summary>The complaint the token opens (read only, nothing tracked).</summary>
    public static async Task<(Guid ComplaintId, Customer Customer)> ResolveAsync(ComplaintDeskDbContext db, StatusLinkSettings settings,
        DateTimeOffset now, string? token, CancellationToken cancellationToken)
    {
        if (!StatusLinkToken.IsWellFormed(token))
        {
            throw NotFound();
        }
        var presented = StatusLinkToken.Hash(token!);
        var link = await db.StatusLinks.AsNoTracking()
            .Where(l => l.TokenHash == presented)
            .Select(l => new { l.ComplaintId, l.TokenHash, l.RevokedAt })
            .SingleOrDefaultAsync(cancellationToken);
        // The index found it by equality already; the constant-time check keeps the comparison itself from leaking.
        if (link is null || !StatusLinkToken.Matches(link.TokenHash, presented) || link.RevokedAt is not null)
        {
            throw NotFound();
        }
        var complaint = await db.Complaints.AsNoTracking()
            .Where(c => c.Id == link.ComplaintId)
            .Select(c => new { c.State, c.ClosedAt, c.Customer.Name, c.Customer.PreferredLanguage })
            .SingleAsync(cancellationToken);
        if (StatusLink.IsExpired(complaint.State, complaint.ClosedAt, settings.LifetimeAfterClosure, now))
        {
            throw new StatusLinkExpiredException();
        }
        return (link.ComplaintId, new Customer(CustomerNames.FirstName(complaint.Name), complaint.PreferredLanguage));
    }

    /// <summary>The same answer for every token that opens nothing; it names no token.</summary>
    private static NotFoundException NotFound() => new("Status link", "/s/…");

    public sealed record Customer(string FirstName, string PreferredLanguage);
}

/// <summary>How people are named on the customer's page: by their first name only.</summary>
public static class CustomerNames
{
    /// <summary>
    /// "Alice Agent" → "Alice". A name written without spaces in CJK script puts the family name first (one character,
    /// as most are), so "陳美玲" → "美玲"; a name of one or two such characters stays as it is.
    /// </summary>
    public static string FirstName(string fullName)
    {
        var name = fullName.Trim();
        var space = name.IndexOfAny([' ', '\u3000']);
        if (space > 0)
        {
            return name[..space];
        }
        return name.Length >= 3 && name.All(IsCjk) ? name[1..] : name;
    }

    private static bool IsCjk(char c) => c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF';
}

/// <summary>
/// Resolves a link for a command sent through it: the page asks this first, then sends the existing command for the
/// complaint (and offer) this answer names — never an id from the form. <see cref="ToString"/> hides the token.
/// </summary>
public sealed record ResolveStatusLinkQuery(string Token) : IQuery<StatusLinkAccess>
{
    public override string ToString() => nameof(ResolveStatusLinkQuery);
}

public sealed class ResolveStatusLinkHandler(ComplaintDeskDbContext db, StatusLinkSettings settings, TimeProvider clock)
    : IQueryHandler<ResolveStatusLinkQuery, StatusLinkAccess>
{
    public async ValueTask<StatusLinkAccess> Handle(ResolveStatusLinkQuery query, CancellationToken cancellationToken)
    {
        var (complaintId, customer) = await StatusLinkTokens.ResolveAsync(db, settings, clock.GetUtcNow(), query.Token, cancellationToken);
        var openOffer = await db.Offers.AsNoTracking().IgnoreAutoIncludes()
            .Where(o => o.ComplaintId == complaintId && o.State == OfferState.Offered)
            .OrderByDescending(o => o.ProposedAt).ThenByDescending(o => o.Id)
            .Select(o => (Guid?)o.Id)
            .FirstOrDefaultAsync(cancellationToken);
        return new StatusLinkAccess(complaintId, customer.FirstName, customer.PreferredLanguage, openOffer);
    }
}
