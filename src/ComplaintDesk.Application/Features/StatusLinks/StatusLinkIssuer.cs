using ComplaintDesk.Application.Persistence;
using ComplaintDesk.Domain.StatusLinks;
using Microsoft.EntityFrameworkCore;

namespace ComplaintDesk.Application.Features.StatusLinks;

/// <summary>Where links point and how long they live after the case is closed for good.</summary>
public sealed record StatusLinkSettings(Uri BaseUrl, TimeSpan LifetimeAfterClosure)
{
    public static readonly TimeSpan DefaultLifetimeAfterClosure = TimeSpan.FromDays(90);

    /// <summary>The full URL of a token: the only form in which a token leaves the application.</summary>
    public string Url(string token) => new Uri(BaseUrl, "/s/" + token).AbsoluteUri;

    /// <summary>A staff page of a case, for staff e-mails.</summary>
    public string CaseUrl(Guid complaintId) => new Uri(BaseUrl, "/Complaints/" + complaintId).AbsoluteUri;
}

/// <summary>
/// Issues status links within one unit of work (scoped). The token is returned once and remembered only for this
/// scope, so the acknowledgement e-mail written in the same save carries the same link the API answers with. Only the
/// hash is added to the database. Takes the DbContext per call: it is used from inside the DbContext's own interceptors.
/// </summary>
public sealed class StatusLinkIssuer(StatusLinkSettings settings, TimeProvider clock)
{
    private readonly Dictionary<Guid, string> _issued = [];

    /// <summary>A new link for the complaint, added to <paramref name="db"/> (saved with the caller's change); returns its full URL.</summary>
    public string Issue(ComplaintDeskDbContext db, Guid complaintId)
    {
        var token = StatusLinkToken.New();
        db.StatusLinks.Add(new StatusLink(complaintId, StatusLinkToken.Hash(token), clock.GetUtcNow()));
        _issued[complaintId] = token;
        return settings.Url(token);
    }

    public bool IssuedHere(Guid complaintId) => _issued.ContainsKey(complaintId);

    /// <summary>The link issued for this complaint in this scope, or a fresh one: each message carries a working link.</summary>
    public string ForMessage(ComplaintDeskDbContext db, Guid complaintId) =>
        _issued.TryGetValue(complaintId, out var token) ? settings.Url(token) : Issue(db, complaintId);

    /// <summary>Revokes every live link of the complaint (tracked, saved with the caller's change).</summary>
    public async Task RevokeAllAsync(ComplaintDeskDbContext db, Guid complaintId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var live = await db.StatusLinks.Where(l => l.ComplaintId == complaintId && l.RevokedAt == null).ToListAsync(cancellationToken);
        foreach (var link in live)
        {
            link.Revoke(now);
        }
        _issued.Remove(complaintId);
    }
}
