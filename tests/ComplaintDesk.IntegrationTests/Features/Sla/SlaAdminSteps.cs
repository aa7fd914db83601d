using ComplaintDesk.Application.Features.Sla;
using ComplaintDesk.Application.Identity;
using ComplaintDesk.Domain.Sla;
using ComplaintDesk.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ComplaintDesk.IntegrationTests.Features.Sla;

/// <summary>
/// Steps for the SLA administration tests: the seeded matrix and calendars (the SlaClocks migration), an
/// administrator, and the matrix put back as seeded, since the tests of one class share a database.
/// </summary>
public sealed class SlaAdminSteps(ComplaintDeskApp app)
{
    public static readonly Guid OfficeHours = new("0193a000-0000-7000-8000-000000000001");
    public static readonly Guid AroundTheClock = new("0193a000-0000-7000-8000-000000000002");
    public static readonly Guid CriticalRow = new("0193a000-0000-7000-8001-000000000001");
    public static readonly Guid HighRow = new("0193a000-0000-7000-8001-000000000002");
    public static readonly Guid MediumRow = new("0193a000-0000-7000-8001-000000000003");
    public static readonly Guid LowRow = new("0193a000-0000-7000-8001-000000000004");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The seeded cells, as a client would send them back.</summary>
    public static IReadOnlyList<SlaPolicyRow> SeededRows { get; } =
    [
        Seeded(CriticalRow, Domain.Complaints.Severity.Critical, AroundTheClock, TimeBasis.Calendar, 1, 24, 2),
        Seeded(HighRow, Domain.Complaints.Severity.High, OfficeHours, TimeBasis.Business, 4, 24, 4),
        Seeded(MediumRow, Domain.Complaints.Severity.Medium, OfficeHours, TimeBasis.Business, 8, 40, 8),
        Seeded(LowRow, Domain.Complaints.Severity.Low, OfficeHours, TimeBasis.Business, 8, 80, 16),
    ];

    private static SlaPolicyRow Seeded(Guid id, Domain.Complaints.Severity severity, Guid calendar, TimeBasis basis, int acknowledge, int resolve, int decision) => new()
    {
        Id = id, Severity = severity, CalendarId = calendar, Basis = basis,
        AcknowledgeWithin = TimeSpan.FromHours(acknowledge), ResolveWithin = TimeSpan.FromHours(resolve), DecisionWithin = TimeSpan.FromHours(decision),
        FollowUpAfter = TimeSpan.FromHours(24), FollowUpAnswerWithin = TimeSpan.FromDays(7), OfferAnswerWithin = TimeSpan.FromDays(7),
        WarningPercent = 75, Regulatory = RegulatoryProfile.TaiwanConsumerProtection,
    };

    public Task<TestUser> CreateAdminAsync(string name = "Sla Admin") => app.CreateUserAsync(name, Roles.Admin);

    /// <summary>The matrix as the seed left it (the seeded ids keep their rows; anything else goes).</summary>
    public async Task ResetMatrixAsync()
    {
        var admin = await CreateAdminAsync("Reset Admin");
        await app.SendAsync<SlaPoliciesView>(admin.Actor, new SaveSlaPoliciesCommand { Rows = SeededRows });
    }

    /// <summary>A row for the command from a row of the view: what a client does when it edits what it read.</summary>
    public static SlaPolicyRow RowOf(SlaPolicyView view) => new()
    {
        Id = view.Id, Severity = view.Severity, Category = view.Category, Channel = view.Channel, VipOnly = view.VipOnly,
        CalendarId = view.CalendarId, Basis = view.Basis, AcknowledgeWithin = view.AcknowledgeWithin, ResolveWithin = view.ResolveWithin,
        DecisionWithin = view.DecisionWithin, FollowUpAfter = view.FollowUpAfter, FollowUpAnswerWithin = view.FollowUpAnswerWithin,
        OfferAnswerWithin = view.OfferAnswerWithin, WarningPercent = view.WarningPercent, Regulatory = view.Regulatory, RegulatoryDays = view.RegulatoryDays,
    };

    public Task<List<SlaPolicy>> StoredPoliciesAsync() =>
        app.QueryDbAsync(db => db.SlaPolicies.AsNoTracking().OrderBy(p => p.Id).ToListAsync(Ct));

    public Task<BusinessCalendar> StoredCalendarAsync(Guid id) =>
        app.QueryDbAsync(db => db.BusinessCalendars.AsNoTracking().SingleAsync(c => c.Id == id, Ct));

    /// <summary>An .ics text with one all-day VEVENT per (date, name).</summary>
    public static string Ics(params (string Date, string Name)[] days) =>
        string.Join("\r\n",
        [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//ComplaintDesk//Tests//EN",
            .. days.SelectMany((d, i) => new[]
            {
                "BEGIN:VEVENT", $"UID:day-{i}@complaintdesk.test", "DTSTAMP:20261101T000000Z", $"DTSTART;VALUE=DATE:{d.Date.Replace("-", "", StringComparison.Ordinal)}",
                $"SUMMARY:{d.Name}", "END:VEVENT",
            }),
            "END:VCALENDAR", "",
        ]);
}
