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
/// The one place a presented token is resolved: well-formed → hash → the row by its unique hash (with its complaint, in
/// one query) → not revoked → not expired. The token itself never goes into an exception, a log or a stored row.
/// </summary>
public static class StatusLinkTokens
{
    /// <summary>The complaint a token opens, as far as the page and the link's commands need it.</summary>
    public sealed record OpenedCase(Guid ComplaintId, string Reference, ComplaintState State, bool WaitingOnCustomer,
        string CustomerFirstName, string PreferredLanguage);

    /// <summary>The complaint the token opens (read only, nothing tracked).</summary>
    public static async Task<OpenedCase> ResolveAsync(ComplaintDeskDbContext db, StatusLinkSettings settings,
        DateTimeOffset now, string? token, CancellationToken cancellationToken)
    {
        if (!StatusLinkToken.IsWellFormed(token))
        {
            throw NotFound();
        }
        var presented = StatusLinkToken.Hash(token!);
        var found = await (
                from link in db.StatusLinks.AsNoTracking()
                where link.TokenHash == presented
                join complaint in db.Complaints.AsNoTracking() on link.ComplaintId equals complaint.Id
                select new
                {
                    link.TokenHash, link.RevokedAt, complaint.Id, complaint.Reference, complaint.State, complaint.WaitingOnCustomer,
                    complaint.ClosedAt, complaint.Customer.Name, complaint.Customer.PreferredLanguage,
                })
            .SingleOrDefaultAsync(cancellationToken);
        // Always true once the row was found by this very hash: kept as defence in depth, and because ADR 0012 promises a
        // constant-time compare. What keeps timing from leaking is that the index compares SHA-256 hashes, not tokens: a
        // caller cannot steer a hash's prefix, so how far the comparison got tells them nothing about a real token.
        if (found is null || !StatusLinkToken.Matches(found.TokenHash, presented) || found.RevokedAt is not null)
        {
            throw NotFound();
        }
        if (StatusLink.IsExpired(found.State, found.ClosedAt, settings.LifetimeAfterClosure, now))
        {
            throw new StatusLinkExpiredException();
        }
        return new OpenedCase(found.Id, found.Reference, found.State, found.WaitingOnCustomer, CustomerNames.FirstName(found.Name),
            found.PreferredLanguage);
    }

    /// <summary>The offer in front of the customer: the newest still Offered — the only one the link shows and may answer.</summary>
    public static IQueryable<CompensationOffer> OpenOffer(ComplaintDeskDbContext db, Guid complaintId) =>
        db.Offers.AsNoTracking()
            .Where(o => o.ComplaintId == complaintId && o.State == OfferState.Offered)
            .OrderByDescending(o => o.ProposedAt).ThenByDescending(o => o.Id);

    /// <summary>The same answer for every token that opens nothing; it names no token.</summary>
    private static NotFoundException NotFound() => new("Status link", "/s/…");
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
        var opened = await StatusLinkTokens.ResolveAsync(db, settings, clock.GetUtcNow(), query.Token, cancellationToken);
        var openOffer = await StatusLinkTokens.OpenOffer(db, opened.ComplaintId).IgnoreAutoIncludes()
            .Select(o => (Guid?)o.Id)
            .FirstOrDefaultAsync(cancellationToken);
        return new StatusLinkAccess(opened.ComplaintId, opened.CustomerFirstName, opened.PreferredLanguage, openOffer);
    }
}
