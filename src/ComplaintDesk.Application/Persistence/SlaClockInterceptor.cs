using ComplaintDesk.Application.Features.Sla;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ComplaintDesk.Application.Persistence;

/// <summary>Runs the clock keeper in every SaveChanges, so deadlines move in the same transaction as their cause.</summary>
public sealed class SlaClockInterceptor(TimeProvider clock) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is ComplaintDeskDbContext db)
        {
            // The synchronous path (demo data, tools) runs the same code; Npgsql has no synchronisation context to deadlock on.
            SlaClockKeeper.KeepAsync(db, clock.GetUtcNow(), CancellationToken.None).GetAwaiter().GetResult();
        }
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        if (eventData.Context is ComplaintDeskDbContext db)
        {
            await SlaClockKeeper.KeepAsync(db, clock.GetUtcNow(), cancellationToken);
        }
        return result;
    }
}
