using System.Net;
using System.Net.Http.Json;
using ComplaintDesk.Domain.Complaints;
using ComplaintDesk.Domain.Sla;
using ComplaintDesk.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ComplaintDesk.IntegrationTests.Api;

/// <summary>PUT /api/v1/customers/{id}/vip: supervisors mark VIP customers, whose new cases follow the matrix's VIP cells.</summary>
public sealed class CustomerVipApiTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<Guid> CustomerOfNewComplaintAsync(HttpClient client)
    {
        var created = await client.CreateComplaintAsync();
        return created.Body.GetProperty("customer").GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task A_supervisor_marks_a_customer_vip_and_their_next_case_follows_the_vip_cell()
    {
        var supervisor = await app.ClientForAsync(await app.CreateSupervisorAsync());
        var customerId = await CustomerOfNewComplaintAsync(supervisor);
        // A VIP cell for high severity: acknowledge within 1 hour around the clock.
        await app.QueryDbAsync(async db =>
        {
            var catchAll = await db.SlaPolicies.AsNoTracking().SingleAsync(p => p.Severity == Severity.High && p.CategoryCode == null && p.Channel == null && !p.VipOnly, Ct);
            db.SlaPolicies.Add(new SlaPolicy(Severity.High, null, null, vipOnly: true, catchAll.CalendarId,
                catchAll.Targets with { Basis = TimeBasis.Calendar, AcknowledgeWithin = TimeSpan.FromHours(1) }));
            return await db.SaveChangesAsync(Ct);
        });

        using var response = await supervisor.PutAsJsonAsync($"/api/v1/customers/{customerId}/vip", new { vip = true }, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True((await response.JsonAsync()).GetProperty("vip").GetBoolean());
        var body = ApiKit.NewComplaintBody("Second kettle");
        var email = await app.QueryDbAsync(db => db.Customers.Where(c => c.Id == customerId).Select(c => c.Email).SingleAsync(Ct));
        body["customer"] = new Dictionary<string, object?> { ["name"] = "Vera Vip", ["email"] = email };
        var next = await supervisor.CreateComplaintAsync(body);
        var acknowledge = await app.QueryDbAsync(db => db.SlaClocks.AsNoTracking()
            .SingleAsync(c => c.ComplaintId == next.Id && c.Kind == SlaClockKind.Acknowledge, Ct));
        Assert.Equal(app.Clock.GetUtcNow().AddHours(1), acknowledge.DueAt);
    }

    [Fact]
    public async Task An_agent_may_not_mark_a_customer_vip()
    {
        var agent = await app.ClientForAsync(await app.CreateAgentAsync());
        var customerId = await CustomerOfNewComplaintAsync(agent);

        using var response = await agent.PutAsJsonAsync($"/api/v1/customers/{customerId}/vip", new { vip = true }, Ct);

        await response.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.False(await app.QueryDbAsync(db => db.Customers.Where(c => c.Id == customerId).Select(c => c.Vip).SingleAsync(Ct)));
    }

    [Fact]
    public async Task An_unknown_customer_is_404_and_a_missing_flag_is_400()
    {
        var supervisor = await app.ClientForAsync(await app.CreateSupervisorAsync());
        var customerId = await CustomerOfNewComplaintAsync(supervisor);

        using var unknown = await supervisor.PutAsJsonAsync($"/api/v1/customers/{Guid.NewGuid()}/vip", new { vip = true }, Ct);
        using var missing = await supervisor.PutAsJsonAsync($"/api/v1/customers/{customerId}/vip", new { }, Ct);

        await unknown.AssertProblemAsync(HttpStatusCode.NotFound);
        await missing.AssertFieldErrorAsync("vip");
    }
}
