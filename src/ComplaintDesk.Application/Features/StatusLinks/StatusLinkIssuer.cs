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
/// Issues status links within one unit of work (scoped). The token is returned once and remembered only until the save
/// that stores its hash ends (<see cref="EndOfSave"/>, called by the outbox interceptor), so the acknowledgement e-mail
/// written in that save carries the same link the API answers with, and a later save in the same scope (the sweeper saves
/// batch after batch) never hands out a link revoked in between. Only the hash is added to the database. Takes the
/// DbContext per call: it is used from inside the DbContext's own interceptors.
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

    /// <summary>The link issued for this complaint in this save, or a fresh one: each message carries a working link.</summary>
    public string ForMessage(ComplaintDeskDbContext db, Guid complaintId) =>
        _issued.TryGetValue(complaintId, out var token) ? settings.Url(token) : Issue(db, complaintId);

    /// <summary>
    /// Revokes every live link of the complaint, and takes the links out of its messages not yet sent: they go without
    /// one, like any later message. Tracked, saved with the caller's change.
    /// </summary>
    public async Task RevokeAllAsync(ComplaintDeskDbContext db, Guid complaintId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var live = await db.StatusLinks.Where(l => l.ComplaintId == complaintId && l.RevokedAt == null).ToListAsync(cancellationToken);
        foreach (var link in live)
        {
            link.Revoke(now);
        }
        // Sent rows hold no link any more; a pending or dead row (an administrator may retry it) would carry one that no longer opens.
        var carrying = await db.Outbox.Where(m => m.ComplaintId == complaintId && m.ProtectedLink != null).ToListAsync(cancellationToken);
        foreach (var message in carrying)
        {
            message.DropLink();
        }
        _issued.Remove(complaintId);
    }

    /// <summary>The save that stored (or failed to store) this unit of work's links is over: forget their tokens.</summary>
    public void EndOfSave() => _issued.Clear();
}
