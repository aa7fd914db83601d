using System.Net;
using System.Text.Json;
using ComplaintDesk.Application.Features.Compensation;
using ComplaintDesk.Application.Identity;
using ComplaintDesk.Domain.Sla;
using ComplaintDesk.IntegrationTests.Features.Compensation;
using ComplaintDesk.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ComplaintDesk.IntegrationTests.Api;

/// <summary>
/// GET /api/v1/sla/at-risk (staff), GET /api/v1/escalations (supervisors), and the resolve-by and raised authority of
/// POST /api/v1/complaints/{id}/escalation-decision. Critical cases: acknowledge within 1 h (warning at 45 min), decide
/// within 2 h, around the clock. Tests of this class share a database, so each looks only at its own cases.
/// </summary>
public sealed class SlaDeskApiTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Dictionary<string, object?> Critical(string subject)
    {
        var body = ApiKit.NewComplaintBody(subject);
        body["severity"] = "critical";
        return body;
    }

    private static async Task<List<JsonElement>> AllAtRiskAsync(HttpClient client, int limit)
    {
        var items = new List<JsonElement>();
        string? cursor = null;
        do
        {
            using var response = await client.GetAsync($"/api/v1/sla/at-risk?limit={limit}{(cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}")}", Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await response.JsonAsync();
            items.AddRange(page.GetProperty("items").EnumerateArray());
            cursor = page.GetProperty("nextCursor").ValueKind == JsonValueKind.Null ? null : page.Str("nextCursor");
        }
        while (cursor is not null);
        return items;
    }

    [Fact]
    public async Task At_risk_lists_open_deadlines_past_their_warning_point_soonest_first_in_pages()
    {
        var client = await app.ClientForAsync(await app.CreateAgentAsync());
        var t0 = app.Clock.GetUtcNow();
        var breached = await client.CreateComplaintAsync(Critical("Nobody acknowledged this"));
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        var warned = await client.CreateComplaintAsync(Critical("Acknowledge soon"));
        app.Clock.Advance(TimeSpan.FromMinutes(56)); // t0 + 61 min
        await app.SweepAsync();

        var all = await AllAtRiskAsync(client, 200);
        var paged = await AllAtRiskAsync(client, 1);

        Assert.Equal(all.Select(i => i.GetRawText()), paged.Select(i => i.GetRawText()));
        var mine = all.Where(i => i.GetProperty("complaintId").GetGuid() == breached.Id || i.GetProperty("complaintId").GetGuid() == warned.Id).ToList();
        Assert.Equal([breached.Id, warned.Id], mine.Select(i => i.GetProperty("complaintId").GetGuid()));
        var first = mine[0];
        Assert.Equal((breached.Body.Str("reference"), "Nobody acknowledged this", "critical", "acknowledge", "breached"),
            (first.Str("reference"), first.Str("subject"), first.Str("severity"), first.Str("kind"), first.Str("state")));
        Assert.Equal(t0.AddHours(1), first.GetProperty("dueAt").GetDateTimeOffset());
        Assert.Equal(t0.AddHours(1), first.GetProperty("breachedAt").GetDateTimeOffset());
        Assert.Equal(t0.AddMinutes(45), first.GetProperty("warnAt").GetDateTimeOffset());
        Assert.Equal(JsonValueKind.Null, first.GetProperty("ownerName").ValueKind);
        var second = mine[1];
        Assert.Equal(("acknowledge", "running", JsonValueKind.Null), (second.Str("kind"), second.Str("state"), second.GetProperty("breachedAt").ValueKind));
        Assert.Equal(t0.AddMinutes(65), second.GetProperty("dueAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task At_risk_refuses_a_bad_limit_or_cursor_and_is_for_staff_only()
    {
        var agent = await app.ClientForAsync(await app.CreateAgentAsync());
        var admin = await app.ClientForAsync(await app.CreateUserAsync("Ada Admin", Roles.Admin));

        using var tooMany = await agent.GetAsync("/api/v1/sla/at-risk?limit=201", Ct);
        using var none = await agent.GetAsync("/api/v1/sla/at-risk?limit=0", Ct);
        using var badCursor = await agent.GetAsync("/api/v1/sla/at-risk?cursor=made-up", Ct);
        using var asAdmin = await admin.GetAsync("/api/v1/sla/at-risk", Ct);
        using var anonymous = await app.AnonymousClient().GetAsync("/api/v1/sla/at-risk", Ct);

        await tooMany.AssertFieldErrorAsync("limit");
        await none.AssertFieldErrorAsync("limit");
        await badCursor.AssertFieldErrorAsync("cursor");
        Assert.Equal(HttpStatusCode.OK, asAdmin.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task The_desk_lists_an_automatic_escalation_with_its_reason_clock_customer_open_offer_and_the_strip()
    {
        var agentUser = await app.CreateAgentAsync();
        var agent = await app.ClientForAsync(agentUser);
        var supervisor = await app.ClientForAsync(await app.CreateSupervisorAsync());
        var created = await agent.CreateComplaintAsync(Critical("Escalated by the clock"));
        app.Clock.Advance(TimeSpan.FromMinutes(61));
        await app.SweepAsync();
        var sweptAt = app.Clock.GetUtcNow();
        app.Clock.Advance(TimeSpan.FromMinutes(4));
        // Above the agent's authority: it waits for a supervisor.
        var offer = await app.SendAsync<OfferView>(agentUser.Actor, new MakeOfferCommand
        {
            ComplaintId = created.Id, Options = [OfferSteps.Option(1500m, text: "Half the price back.")],
        });
        var offeredAt = app.Clock.GetUtcNow();
        app.Clock.Advance(TimeSpan.FromMinutes(5));

        using var response = await supervisor.GetAsync("/api/v1/escalations", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var desk = await response.JsonAsync();
        var strip = desk.GetProperty("strip");
        Assert.True(strip.GetProperty("atRiskNow").GetInt32() >= 1);
        Assert.True(strip.GetProperty("breachesToday").GetInt32() >= 1);
        Assert.Equal(JsonValueKind.False, strip.GetProperty("atRiskCapped").ValueKind);
        foreach (var compliance in new[] { strip.GetProperty("firstResponse"), strip.GetProperty("resolution") })
        {
            Assert.True(compliance.TryGetProperty("met", out _) && compliance.TryGetProperty("breached", out _) && compliance.TryGetProperty("rate", out _));
        }
        Assert.Equal(JsonValueKind.False, desk.GetProperty("more").ValueKind);
        var item = desk.GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("id").GetGuid() == created.Id);
        Assert.Equal((created.Body.Str("reference"), "SLA breach: the acknowledge deadline passed", "System", "critical", "productQuality"),
            (item.Str("reference"), item.Str("reason"), item.Str("escalatedBy"), item.Str("severity"), item.Str("category")));
        Assert.Equal(sweptAt, item.GetProperty("escalatedAt").GetDateTimeOffset());
        Assert.Equal(9, item.GetProperty("waitedMinutes").GetInt32());
        var decision = item.GetProperty("decision");
        Assert.Equal((sweptAt.AddHours(2), "running"), (decision.GetProperty("dueAt").GetDateTimeOffset(), decision.Str("state")));
        var customer = item.GetProperty("customer");
        Assert.Equal(("Mia Customer", 1, 0m), (customer.Str("name"), customer.GetProperty("complaintCount").GetInt32(),
            customer.GetProperty("compensationLast12Months").GetDecimal()));
        Assert.Equal(OfferSteps.Currency, desk.Str("currency"));
        var pending = Assert.Single(item.GetProperty("pendingOffers").EnumerateArray());
        Assert.Equal((offer.Id, "Half the price back.", 1500m, true, offeredAt, JsonValueKind.Null),
            (pending.GetProperty("id").GetGuid(), pending.Str("summary"), pending.GetProperty("cost").GetDecimal(),
                pending.GetProperty("awaitingApproval").GetBoolean(), pending.GetProperty("madeAt").GetDateTimeOffset(),
                pending.GetProperty("answerDueAt").ValueKind));
        Assert.True(item.GetProperty("version").GetUInt32() > 0);
    }

    [Fact]
    public async Task Breaches_today_follow_the_time_zone_asked_for_or_the_callers_own()
    {
        var supervisor = await app.ClientForAsync(await app.CreateSupervisorAsync());
        var now = app.Clock.GetUtcNow();
        var taipeiMidnight = new DateTimeOffset(TimeZoneInfo.ConvertTime(now, TimeZoneInfo.FindSystemTimeZoneById("Asia/Taipei")).Date, TimeSpan.FromHours(8));

        using var inTaipei = await supervisor.GetAsync("/api/v1/escalations?timeZone=Asia/Taipei", Ct);
        using var own = await supervisor.GetAsync("/api/v1/escalations", Ct); // the account's zone: UTC
        using var unknown = await supervisor.GetAsync("/api/v1/escalations?timeZone=Mars/Olympus_Mons", Ct);

        Assert.Equal(taipeiMidnight, (await inTaipei.JsonAsync()).GetProperty("strip").GetProperty("todayStartedAt").GetDateTimeOffset());
        Assert.Equal(new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero),
            (await own.JsonAsync()).GetProperty("strip").GetProperty("todayStartedAt").GetDateTimeOffset());
        await unknown.AssertFieldErrorAsync("timeZone");
    }

    [Fact]
    public async Task The_desk_is_for_supervisors_only()
    {
        var agent = await app.ClientForAsync(await app.CreateAgentAsync());
        var admin = await app.ClientForAsync(await app.CreateUserAsync("Ada Admin", Roles.Admin));

        using var asAgent = await agent.GetAsync("/api/v1/escalations", Ct);
        using var asAdmin = await admin.GetAsync("/api/v1/escalations", Ct);
        using var anonymous = await app.AnonymousClient().GetAsync("/api/v1/escalations", Ct);

        await asAgent.AssertProblemAsync(HttpStatusCode.Forbidden, "/problems/forbidden");
        await asAdmin.AssertProblemAsync(HttpStatusCode.Forbidden, "/problems/forbidden");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task The_decision_takes_a_resolve_by_and_a_raised_authority_from_the_json_body()
    {
        var agent = await app.ClientForAsync(await app.CreateAgentAsync());
        var supervisor = await app.ClientForAsync(await app.CreateSupervisorAsync());
        var created = await agent.CreateComplaintAsync();
        using (var escalate = await agent.PostJsonAsync($"/api/v1/complaints/{created.Id}/escalate", new { reason = "Above my authority." }))
        {
            Assert.Equal(HttpStatusCode.OK, escalate.StatusCode);
        }
        var resolveBy = app.Clock.GetUtcNow().AddDays(2);

        using var response = await supervisor.PostJsonAsync($"/api/v1/complaints/{created.Id}/escalation-decision", new
        {
            approved = true, comment = "Refund up to 1,200.", raisedAuthority = 1200.50m,
            resolveBy = resolveBy.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture),
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("resolving", (await response.JsonAsync()).Str("state"));
        var stored = await app.QueryDbAsync(db => db.Complaints.AsNoTracking().SingleAsync(c => c.Id == created.Id, Ct));
        Assert.Equal((resolveBy, 1200.50m), (stored.ResolveBy, stored.RaisedAuthority));
        var resolveClock = await app.QueryDbAsync(db => db.SlaClocks.AsNoTracking()
            .SingleAsync(c => c.ComplaintId == created.Id && c.Kind == SlaClockKind.Resolve && c.StoppedAt == null, Ct));
        Assert.Equal(resolveBy, resolveClock.DueAt);
    }

    [Fact]
    public async Task A_past_resolve_by_or_a_declined_authority_is_a_field_error()
    {
        var agent = await app.ClientForAsync(await app.CreateAgentAsync());
        var supervisor = await app.ClientForAsync(await app.CreateSupervisorAsync());
        var created = await agent.CreateComplaintAsync();
        using (var escalate = await agent.PostJsonAsync($"/api/v1/complaints/{created.Id}/escalate", new { reason = "Above my authority." }))
        {
            Assert.Equal(HttpStatusCode.OK, escalate.StatusCode);
        }
        var url = $"/api/v1/complaints/{created.Id}/escalation-decision";

        using var past = await supervisor.PostJsonAsync(url, new { approved = true, comment = "Yesterday.", resolveBy = app.Clock.GetUtcNow().AddDays(-1) });
        using var declined = await supervisor.PostJsonAsync(url, new { approved = false, comment = "No.", raisedAuthority = 50 });
        using var tooMuch = await supervisor.PostJsonAsync(url, new { approved = true, comment = "All of it.", raisedAuthority = 10_000_000.01m });

        await past.AssertFieldErrorAsync("resolveBy");
        await declined.AssertFieldErrorAsync("raisedAuthority");
        await tooMuch.AssertFieldErrorAsync("raisedAuthority");
        Assert.Equal("escalated", (await agent.GetComplaintAsync(created.Id)).Str("state"));
    }
}
