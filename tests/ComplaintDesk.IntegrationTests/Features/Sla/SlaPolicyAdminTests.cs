using ComplaintDesk.Application.Common;
using ComplaintDesk.Application.Features.Sla;
using ComplaintDesk.Domain;
using ComplaintDesk.Domain.Complaints;
using ComplaintDesk.Domain.Sla;
using ComplaintDesk.IntegrationTests.Features.Complaints;
using ComplaintDesk.IntegrationTests.Infrastructure;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Severity = ComplaintDesk.Domain.Complaints.Severity;

namespace ComplaintDesk.IntegrationTests.Features.Sla;

/// <summary>
/// The policy matrix through the command layer: read, replaced in one save (update by id, add without, delete by
/// leaving out), every refusal, administrators only, and a change reaching only clocks started after it. The tests of
/// this class share a database: each starts from the seeded matrix. The fake clock stays at Monday 2 November 2026,
/// 09:00 UTC (17:00 in Taipei).
/// </summary>
public sealed class SlaPolicyAdminTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>, IAsyncLifetime
{
    private readonly SlaAdminSteps _steps = new(app);
    private readonly ComplaintSteps _complaints = new(app);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await _steps.ResetMatrixAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task<SlaPoliciesView> SaveAsync(TestUser admin, IEnumerable<SlaPolicyRow> rows) =>
        await app.SendAsync<SlaPoliciesView>(admin.Actor, new SaveSlaPoliciesCommand { Rows = [.. rows] });

    private static List<SlaPolicyRow> Seeded() => [.. SlaAdminSteps.SeededRows];

    [Fact]
    public async Task An_administrator_reads_the_seeded_matrix_most_severe_first_with_calendar_names()
    {
        var admin = await _steps.CreateAdminAsync();

        var matrix = await app.SendAsync<SlaPoliciesView>(admin.Actor, new GetSlaPoliciesQuery());

        Assert.Equal([Severity.Critical, Severity.High, Severity.Medium, Severity.Low], matrix.Rows.Select(r => r.Severity));
        var critical = matrix.Rows[0];
        Assert.Equal((SlaAdminSteps.CriticalRow, "Around the clock", TimeBasis.Calendar), (critical.Id, critical.CalendarName, critical.Basis));
        Assert.Equal((TimeSpan.FromHours(1), TimeSpan.FromDays(1), TimeSpan.FromHours(2)), (critical.AcknowledgeWithin, critical.ResolveWithin, critical.DecisionWithin));
        Assert.Equal((RegulatoryProfile.TaiwanConsumerProtection, (int?)15), (critical.Regulatory, critical.RegulatoryDeadlineDays));
        var medium = matrix.Rows[2];
        Assert.Equal(("Office hours", TimeSpan.FromHours(8), TimeSpan.FromHours(40), 75), (medium.CalendarName, medium.AcknowledgeWithin, medium.ResolveWithin, medium.WarningPercent));
        Assert.All(matrix.Rows, r => Assert.Equal((null, null, false), (r.Category, r.Channel, r.VipOnly)));
        Assert.Equal(["Around the clock", "Office hours"], matrix.Calendars.Select(c => c.Name));
        Assert.All(matrix.Calendars, c => Assert.Equal("Asia/Taipei", c.TimeZoneId));
    }

    [Fact]
    public async Task One_save_updates_rows_by_id_adds_rows_without_one_and_deletes_rows_left_out()
    {
        var admin = await _steps.CreateAdminAsync();
        var rows = Seeded();
        rows[2] = rows[2] with { AcknowledgeWithin = TimeSpan.FromHours(2), WarningPercent = 50, Regulatory = RegulatoryProfile.Custom, RegulatoryDays = 60 };
        // A new override with only the required values: the rest takes the defaults.
        rows.Add(new SlaPolicyRow
        {
            Severity = Severity.High, Category = " billing ", Channel = Channel.Email, VipOnly = true, CalendarId = SlaAdminSteps.AroundTheClock,
            AcknowledgeWithin = TimeSpan.FromMinutes(30), ResolveWithin = TimeSpan.FromHours(12), DecisionWithin = TimeSpan.FromHours(1),
        });

        var saved = await SaveAsync(admin, rows);

        Assert.Equal(5, saved.Rows.Count);
        var medium = saved.Rows.Single(r => r.Id == SlaAdminSteps.MediumRow);
        Assert.Equal((TimeSpan.FromHours(2), 50, RegulatoryProfile.Custom, (int?)60, (int?)60),
            (medium.AcknowledgeWithin, medium.WarningPercent, medium.Regulatory, medium.RegulatoryDays, medium.RegulatoryDeadlineDays));
        // The override follows the catch-all cell of its severity.
        Assert.Equal([SlaAdminSteps.HighRow], saved.Rows.Where(r => r.Severity == Severity.High).Take(1).Select(r => r.Id));
        var added = saved.Rows.Single(r => r.Category is not null);
        Assert.Equal(("billing", "Billing", (Channel?)Channel.Email, true, "Around the clock"),
            (added.Category, added.CategoryName, added.Channel, added.VipOnly, added.CalendarName));
        Assert.Equal((TimeBasis.Business, TimeSpan.FromHours(24), TimeSpan.FromDays(7), TimeSpan.FromDays(7), 75, RegulatoryProfile.None, (int?)null),
            (added.Basis, added.FollowUpAfter, added.FollowUpAnswerWithin, added.OfferAnswerWithin, added.WarningPercent, added.Regulatory, added.RegulatoryDays));
        var stored = await _steps.StoredPoliciesAsync();
        Assert.Equal(5, stored.Count);
        Assert.Equal(TimeSpan.FromHours(2), stored.Single(p => p.Id == SlaAdminSteps.MediumRow).AcknowledgeWithin);

        // Leaving the override out deletes it; the seeded rows keep their ids.
        var again = await SaveAsync(admin, Seeded());

        Assert.Equal(4, again.Rows.Count);
        Assert.Equal(
            new[] { SlaAdminSteps.CriticalRow, SlaAdminSteps.HighRow, SlaAdminSteps.MediumRow, SlaAdminSteps.LowRow }.Order(),
            (await _steps.StoredPoliciesAsync()).Select(p => p.Id).Order());
        Assert.Equal(TimeSpan.FromHours(8), again.Rows.Single(r => r.Id == SlaAdminSteps.MediumRow).AcknowledgeWithin);
    }

    [Fact]
    public async Task A_row_that_moves_to_another_cell_keeps_its_id_even_when_two_rows_swap_cells()
    {
        var admin = await _steps.CreateAdminAsync();
        var billing = new SlaPolicyRow
        {
            Severity = Severity.High, Category = "billing", CalendarId = SlaAdminSteps.OfficeHours,
            AcknowledgeWithin = TimeSpan.FromHours(2), ResolveWithin = TimeSpan.FromHours(16), DecisionWithin = TimeSpan.FromHours(2),
        };
        var logistics = billing with { Category = "logistics", AcknowledgeWithin = TimeSpan.FromHours(3) };
        var first = await SaveAsync(admin, [.. Seeded(), billing, logistics]);
        var billingId = first.Rows.Single(r => r.Category == "billing").Id;
        var logisticsId = first.Rows.Single(r => r.Category == "logistics").Id;

        // Swap the two categories: for a moment the unique index would see one cell twice, were the rows written in place.
        var rows = Seeded();
        rows.Add(billing with { Id = billingId, Category = "logistics" });
        rows.Add(logistics with { Id = logisticsId, Category = "billing" });
        var saved = await SaveAsync(admin, rows);

        Assert.Equal((billingId, TimeSpan.FromHours(2)), saved.Rows.Where(r => r.Category == "logistics").Select(r => (r.Id, r.AcknowledgeWithin)).Single());
        Assert.Equal((logisticsId, TimeSpan.FromHours(3)), saved.Rows.Where(r => r.Category == "billing").Select(r => (r.Id, r.AcknowledgeWithin)).Single());

        // A severity can change too: the row keeps its id in its new cell.
        rows = Seeded();
        rows.Add(billing with { Id = billingId, Severity = Severity.Low });
        saved = await SaveAsync(admin, rows);
        Assert.Equal((Severity.Low, "billing"), saved.Rows.Where(r => r.Id == billingId).Select(r => (r.Severity, r.Category)).Single());
        Assert.Equal(5, (await _steps.StoredPoliciesAsync()).Count);
    }

    public static TheoryData<string, string> Refusals => new()
    {
        { "no-catch-all", "Rows" },
        { "duplicate-cell", "Rows[4]" },
        { "duplicate-id", "Rows[3].Id" },
        { "unknown-id", "Rows[4].Id" },
        { "no-severity", "Rows[1].Severity" },
        { "bad-severity", "Rows[1].Severity" },
        { "bad-channel", "Rows[4].Channel" },
        { "zero-acknowledge", "Rows[2].AcknowledgeWithin" },
        { "no-resolve", "Rows[2].ResolveWithin" },
        { "year-and-a-day", "Rows[2].ResolveWithin" },
        { "negative-decision", "Rows[0].DecisionWithin" },
        { "zero-follow-up", "Rows[0].FollowUpAfter" },
        { "long-answer-window", "Rows[0].FollowUpAnswerWithin" },
        { "negative-offer-window", "Rows[0].OfferAnswerWithin" },
        { "warning-0", "Rows[3].WarningPercent" },
        { "warning-100", "Rows[3].WarningPercent" },
        { "no-calendar", "Rows[1].CalendarId" },
        { "unknown-calendar", "Rows[1].CalendarId" },
        { "unknown-category", "Rows[4].Category" },
        { "custom-without-days", "Rows[2].RegulatoryDays" },
        { "custom-0-days", "Rows[2].RegulatoryDays" },
        { "custom-3651-days", "Rows[2].RegulatoryDays" },
        { "bad-profile", "Rows[2].Regulatory" },
        { "null-row", "Rows[1]" },
        { "no-rows", "Rows" },
    };

    private static List<SlaPolicyRow?>? Broken(string name)
    {
        var rows = Seeded().Cast<SlaPolicyRow?>().ToList();
        var extra = new SlaPolicyRow
        {
            Severity = Severity.Medium, Category = "billing", CalendarId = SlaAdminSteps.OfficeHours,
            AcknowledgeWithin = TimeSpan.FromHours(1), ResolveWithin = TimeSpan.FromHours(8), DecisionWithin = TimeSpan.FromHours(1),
        };
        SlaPolicyRow Row(int i) => rows[i]!;
        switch (name)
        {
            case "no-catch-all": rows[3] = Row(3) with { Channel = Channel.Phone }; break;
            case "duplicate-cell": rows.Add(Row(2) with { Id = null }); break;
            case "duplicate-id": rows[3] = Row(3) with { Id = SlaAdminSteps.MediumRow }; break;
            case "unknown-id": rows.Add(extra with { Id = Guid.NewGuid() }); break;
            case "no-severity": rows[1] = Row(1) with { Severity = null }; break;
            case "bad-severity": rows[1] = Row(1) with { Severity = (Severity)42 }; break;
            case "bad-channel": rows.Add(extra with { Channel = (Channel)42 }); break;
            case "zero-acknowledge": rows[2] = Row(2) with { AcknowledgeWithin = TimeSpan.Zero }; break;
            case "no-resolve": rows[2] = Row(2) with { ResolveWithin = null }; break;
            case "year-and-a-day": rows[2] = Row(2) with { ResolveWithin = TimeSpan.FromDays(366) }; break;
            case "negative-decision": rows[0] = Row(0) with { DecisionWithin = TimeSpan.FromHours(-1) }; break;
            case "zero-follow-up": rows[0] = Row(0) with { FollowUpAfter = TimeSpan.Zero }; break;
            case "long-answer-window": rows[0] = Row(0) with { FollowUpAnswerWithin = TimeSpan.FromDays(365) + TimeSpan.FromSeconds(1) }; break;
            case "negative-offer-window": rows[0] = Row(0) with { OfferAnswerWithin = TimeSpan.FromMinutes(-5) }; break;
            case "warning-0": rows[3] = Row(3) with { WarningPercent = 0 }; break;
            case "warning-100": rows[3] = Row(3) with { WarningPercent = 100 }; break;
            case "no-calendar": rows[1] = Row(1) with { CalendarId = null }; break;
            case "unknown-calendar": rows[1] = Row(1) with { CalendarId = Guid.NewGuid() }; break;
            case "unknown-category": rows.Add(extra with { Category = "noSuchCategory" }); break;
            case "custom-without-days": rows[2] = Row(2) with { Regulatory = RegulatoryProfile.Custom, RegulatoryDays = null }; break;
            case "custom-0-days": rows[2] = Row(2) with { Regulatory = RegulatoryProfile.Custom, RegulatoryDays = 0 }; break;
            case "custom-3651-days": rows[2] = Row(2) with { Regulatory = RegulatoryProfile.Custom, RegulatoryDays = 3651 }; break;
            case "bad-profile": rows[2] = Row(2) with { Regulatory = (RegulatoryProfile)42 }; break;
            case "null-row": rows[1] = null; break;
            case "no-rows": return null;
        }
        return rows;
    }

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_matrix_that_breaks_a_rule_is_refused_with_a_field_error_and_nothing_changes(string broken, string field)
    {
        var admin = await _steps.CreateAdminAsync();
        var before = await _steps.StoredPoliciesAsync();

        var refused = await Assert.ThrowsAsync<ValidationException>(() =>
            app.SendAsync<SlaPoliciesView>(admin.Actor, new SaveSlaPoliciesCommand { Rows = Broken(broken)?.Select(r => r!).ToList() }));

        Assert.Contains(refused.Errors, e => e.PropertyName == field);
        Assert.All(refused.Errors, e => Assert.False(string.IsNullOrWhiteSpace(e.ErrorMessage)));
        var after = await _steps.StoredPoliciesAsync();
        Assert.Equal(before.Select(p => (p.Id, p.Severity, p.AcknowledgeWithin, p.ResolveWithin, p.WarningPercent, p.CalendarId)),
            after.Select(p => (p.Id, p.Severity, p.AcknowledgeWithin, p.ResolveWithin, p.WarningPercent, p.CalendarId)));
    }

    [Fact]
    public async Task The_refusal_of_a_missing_catch_all_row_names_the_severity()
    {
        var admin = await _steps.CreateAdminAsync();
        var rows = Seeded();
        rows.RemoveAt(3);

        var refused = await Assert.ThrowsAsync<ValidationException>(() => SaveAsync(admin, rows));

        var error = Assert.Single(refused.Errors);
        Assert.Equal("Rows", error.PropertyName);
        Assert.Contains("Low", error.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_custom_regulatory_deadline_of_1_and_of_3650_days_is_accepted_and_other_profiles_drop_the_days()
    {
        var admin = await _steps.CreateAdminAsync();
        var rows = Seeded();
        rows[0] = rows[0] with { Regulatory = RegulatoryProfile.Custom, RegulatoryDays = 1 };
        rows[1] = rows[1] with { Regulatory = RegulatoryProfile.Custom, RegulatoryDays = 3650 };
        rows[2] = rows[2] with { Regulatory = RegulatoryProfile.UkFcaDisp, RegulatoryDays = 9 };
        rows[3] = rows[3] with { Regulatory = null, WarningPercent = 99, AcknowledgeWithin = TimeSpan.FromDays(365) };

        var saved = await SaveAsync(admin, rows);

        Assert.Equal(
            [(RegulatoryProfile.Custom, (int?)1, (int?)1), (RegulatoryProfile.Custom, 3650, 3650), (RegulatoryProfile.UkFcaDisp, null, 56), (RegulatoryProfile.None, null, null)],
            saved.Rows.Select(r => (r.Regulatory, r.RegulatoryDays, r.RegulatoryDeadlineDays)));
    }

    [Fact]
    public async Task Agents_and_supervisors_may_neither_read_nor_change_the_matrix()
    {
        var before = await _steps.StoredPoliciesAsync();
        foreach (var user in new[] { await app.CreateAgentAsync(), await app.CreateSupervisorAsync() })
        {
            await Assert.ThrowsAsync<ActionForbiddenException>(() => app.SendAsync<SlaPoliciesView>(user.Actor, new GetSlaPoliciesQuery()));
            await Assert.ThrowsAsync<ActionForbiddenException>(() => app.SendAsync<SlaPoliciesView>(user.Actor,
                new SaveSlaPoliciesCommand { Rows = [.. Seeded().Select(r => r with { WarningPercent = 50 })] }));
        }
        Assert.All(await _steps.StoredPoliciesAsync(), p => Assert.Equal(75, p.WarningPercent));
        Assert.Equal(before.Count, (await _steps.StoredPoliciesAsync()).Count);
    }

    [Fact]
    public async Task A_change_applies_to_clocks_started_after_it_and_running_clocks_keep_their_deadline()
    {
        var admin = await _steps.CreateAdminAsync();
        var agent = await app.CreateAgentAsync();
        var logged = app.Clock.GetUtcNow();
        var before = await _complaints.LogAsync(agent, ComplaintSteps.NewComplaint("Logged under the old matrix") with { Severity = Severity.Medium });

        var rows = Seeded();
        rows[2] = rows[2] with { AcknowledgeWithin = TimeSpan.FromHours(2), CalendarId = SlaAdminSteps.AroundTheClock, Basis = TimeBasis.Calendar };
        await SaveAsync(admin, rows);
        var after = await _complaints.LogAsync(agent, ComplaintSteps.NewComplaint("Logged under the new matrix") with { Severity = Severity.Medium });

        var acknowledge = await app.QueryDbAsync(db => db.SlaClocks.AsNoTracking()
            .Where(c => (c.ComplaintId == before.Id || c.ComplaintId == after.Id) && c.Kind == SlaClockKind.Acknowledge)
            .ToDictionaryAsync(c => c.ComplaintId, Ct));
        // Old: 8 business hours of Office hours from Monday 17:00 Taipei: one hour that day, seven on Tuesday → Tuesday
        // 17:00 Taipei, 09:00 UTC.
        Assert.Equal(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero), logged);
        var old = acknowledge[before.Id];
        Assert.Equal((SlaClockState.Running, TimeSpan.FromHours(8), true), (old.State, old.Allowed, old.Business));
        Assert.Equal(new DateTimeOffset(2026, 11, 3, 9, 0, 0, TimeSpan.Zero), old.DueAt);
        // New: 2 hours around the clock.
        var fresh = acknowledge[after.Id];
        Assert.Equal((SlaClockState.Running, TimeSpan.FromHours(2), false), (fresh.State, fresh.Allowed, fresh.Business));
        Assert.Equal(app.Clock.GetUtcNow() + TimeSpan.FromHours(2), fresh.DueAt);
        Assert.NotEqual(old.DueAt, fresh.DueAt);
        Assert.Equal(fresh.DueAt, (await _complaints.StoredAsync(after.Id)).NextDueAt);
    }
}
