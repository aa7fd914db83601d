using ComplaintDesk.Domain.Sla;
using ComplaintDesk.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ComplaintDesk.IntegrationTests.Features.Complaints;

/// <summary>
/// Reading a case's SLA clocks back from PostgreSQL, and the seeded facts the expectations rest on: the test clock
/// starts Monday 2026-11-02 09:00 UTC, which is 17:00 in Asia/Taipei, one hour before the "Office hours" calendar
/// (Mon–Fri 09–12, 13–18) closes; medium severity acknowledges in 8 and resolves in 40 business hours, high in 4 and 24.
/// </summary>
public sealed class SlaSteps(ComplaintDeskApp app)
{
    public static readonly Guid OfficeHoursId = Guid.Parse("0193a000-0000-7000-8000-000000000001");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Every clock of the case, in the order they were started.</summary>
    public Task<List<SlaClock>> ClocksAsync(Guid complaintId) =>
        app.QueryDbAsync(db => db.SlaClocks.AsNoTracking().Where(c => c.ComplaintId == complaintId).OrderBy(c => c.Id).ToListAsync(Ct));

    /// <summary>The one open clock of a kind (counting, paused, or breached and still owed).</summary>
    public async Task<SlaClock> OpenAsync(Guid complaintId, SlaClockKind kind) =>
        (await ClocksAsync(complaintId)).Single(c => c.Kind == kind && c.IsOpen);

    public Task<BusinessCalendar> OfficeHoursAsync() =>
        app.QueryDbAsync(db => db.BusinessCalendars.AsNoTracking().SingleAsync(c => c.Id == OfficeHoursId, Ct));

    /// <summary>
    /// Moves the test clock (never back) to the next Monday 09:00 UTC — 17:00 in Taipei, an hour before the office
    /// closes — so a test's expectations hold whatever other tests of its class did to the clock first.
    /// </summary>
    public DateTimeOffset ToMondayAtFivePmInTaipei()
    {
        var now = app.Clock.GetUtcNow();
        var monday = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddHours(9);
        while (monday.DayOfWeek != DayOfWeek.Monday || monday < now)
        {
            monday = monday.AddDays(1);
        }
        if (monday > now)
        {
            app.Clock.SetUtcNow(monday);
        }
        return monday;
    }
}
