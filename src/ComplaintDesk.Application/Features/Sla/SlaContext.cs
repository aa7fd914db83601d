using ComplaintDesk.Application.Persistence;
using ComplaintDesk.Domain.Complaints;
using ComplaintDesk.Domain.Sla;
using Microsoft.EntityFrameworkCore;

namespace ComplaintDesk.Application.Features.Sla;

/// <summary>What deadline arithmetic needs for a set of cases, read once: the policy matrix, the calendars, VIP flags.</summary>
public sealed class SlaContext
{
    private readonly IReadOnlyList<SlaPolicy> _policies;
    private readonly IReadOnlyDictionary<Guid, BusinessCalendar> _calendars;
    private readonly IReadOnlySet<Guid> _vipCustomers;

    private SlaContext(IReadOnlyList<SlaPolicy> policies, IReadOnlyDictionary<Guid, BusinessCalendar> calendars, IReadOnlySet<Guid> vipCustomers)
    {
        _policies = policies;
        _calendars = calendars;
        _vipCustomers = vipCustomers;
    }

    public static async Task<SlaContext> LoadAsync(ComplaintDeskDbContext db, IEnumerable<Complaint> complaints, CancellationToken cancellationToken)
    {
        var policies = await db.SlaPolicies.AsNoTracking().OrderBy(p => p.Id).Take(SlaClockKeeper.MaxPolicies).ToListAsync(cancellationToken);
        var calendars = await db.BusinessCalendars.AsNoTracking().OrderBy(c => c.Id).Take(SlaClockKeeper.MaxCalendars)
            .ToDictionaryAsync(c => c.Id, cancellationToken);
        var customerIds = complaints.Select(c => c.CustomerId).Distinct().ToList();
        // Only VIP customers matter; the matrix rarely has VIP cells, and then the read is one indexed IN list.
        var vip = policies.Any(p => p.VipOnly)
            ? (await db.Customers.AsNoTracking().Where(c => customerIds.Contains(c.Id) && c.Vip).Select(c => c.Id)
                .ToListAsync(cancellationToken)).ToHashSet()
            : [];
        // A customer marked VIP in this very unit of work counts too.
        foreach (var entry in db.ChangeTracker.Entries<Domain.Customers.Customer>().Where(e => e.Entity.Vip))
        {
            vip.Add(entry.Entity.Id);
        }
        return new SlaContext(policies, calendars, vip);
    }

    public SlaPolicy? PolicyFor(Complaint complaint) =>
        SlaPolicy.Choose(_policies, complaint.Severity, complaint.CategoryCode, complaint.Channel, _vipCustomers.Contains(complaint.CustomerId));

    public BusinessCalendar? Calendar(Guid id) => _calendars.GetValueOrDefault(id);
}
