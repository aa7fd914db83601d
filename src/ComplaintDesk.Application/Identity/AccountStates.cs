using ComplaintDesk.Application.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ComplaintDesk.Application.Identity;

public sealed record AccountState(bool Disabled, string? SecurityStamp);

/// <summary>
/// What the per-request account check needs to know about a signed-in user: one primary-key read, no cache, so every
/// instance sees a disable or a new security stamp at once. Not a Mediator query on purpose: it runs on every
/// signed-in request, and the logging behaviour would write a line for each.
/// </summary>
public sealed class AccountStates(ComplaintDeskDbContext db)
{
    public Task<AccountState?> FindAsync(string userId, CancellationToken cancellationToken) =>
        db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new AccountState(u.Disabled, u.SecurityStamp))
            .SingleOrDefaultAsync(cancellationToken);
}
