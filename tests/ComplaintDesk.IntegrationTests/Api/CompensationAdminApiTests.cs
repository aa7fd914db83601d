using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using ComplaintDesk.Application.Identity;
using ComplaintDesk.Domain.Categories;
using ComplaintDesk.Domain.Compensation;
using ComplaintDesk.IntegrationTests.Features.Compensation;
using ComplaintDesk.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ComplaintDesk.IntegrationTests.Api;

/// <summary>
/// GET /api/v1/compensation/ledger (supervisors and administrators) and GET/PUT /api/v1/compensation/policy
/// (administrators) over real HTTP: the JSON shapes (camelCase, kinds as camelCase names, amounts as numbers), the
/// filters and paging of the ledger, the ETag and If-Match of the policy, and every error answer (400 naming the
/// field, 401, 403, 409, 412). Ledger lines are made by real offers and answers. The tests of this class share a
/// database: each starts from no offers, no ledger lines and the seeded policy; the fake clock stays in November 2026.
/// </summary>
public sealed class CompensationAdminApiTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>, IAsyncLifetime
{
    private const string Ledger = "/api/v1/compensation/ledger";
    private const string Policy = "/api/v1/compensation/policy";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly LedgerSteps _steps = new(app);

    public async ValueTask InitializeAsync() => await _steps.ResetAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task<HttpClient> AdminAsync() => await app.ClientForAsync(await app.CreateUserAsync("Api Compensation Admin", Roles.Admin));

    private async Task<HttpClient> SupervisorAsync() => await app.ClientForAsync(await app.CreateSupervisorAsync());

    private Task<CompensationPolicy> StoredPolicyAsync() =>
        app.QueryDbAsync(db => db.CompensationPolicies.AsNoTracking().SingleAsync(p => p.Id == CompensationPolicy.SingletonId, Ct));

    private static object PolicyBody(string currency = "TWD", decimal agentLimit = 1000m, object[]? userLimits = null) => new
    {
        enabledKinds = new[] { "fullRefund", "partialRefund", "voucher" },
        currency,
        agentLimit,
        supervisorLimit = 20000m,
        warningThreshold = 5000m,
        userLimits = userLimits ?? [],
    };

    private static Task<HttpResponseMessage> PutAsync(HttpClient client, object body, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, Policy) { Content = JsonContent.Create(body) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }
        return client.SendAsync(request, Ct);
    }

    [Fact]
    public async Task The_ledger_lists_lines_and_totals_as_json_filtered_by_period_category_and_kind()
    {
        var agent = await app.CreateAgentAsync();
        var acceptedAt = app.Clock.GetUtcNow();
        var (voucher, _) = await _steps.GrantAsync(agent, CompensationKind.Voucher, 120.50m, Category.Codes.Billing, "Json Customer");
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await _steps.GrantAsync(agent, CompensationKind.ShippingFeeWaiver, 60m, Category.Codes.Logistics);
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await _steps.GrantAsync(agent, CompensationKind.Voucher, 30m, Category.Codes.Logistics);
        var supervisor = await SupervisorAsync();

        using var all = await supervisor.GetAsync($"{Ledger}?from=2026-11-01&to=2026-11-30", Ct);
        using var vouchers = await supervisor.GetAsync($"{Ledger}?from=2026-11-01&to=2026-11-30&kind=VOUCHER", Ct);
        using var logistics = await supervisor.GetAsync($"{Ledger}?category=logistics&kind=shippingFeeWaiver", Ct);
        using var october = await supervisor.GetAsync($"{Ledger}?from=2026-10-01&to=2026-10-31", Ct);

        Assert.Equal(HttpStatusCode.OK, all.StatusCode);
        var body = await all.JsonAsync();
        Assert.Equal((210.50m, 3, "TWD", "2026-11-01", "2026-11-30"),
            (body.GetProperty("total").GetDecimal(), body.GetProperty("lineCount").GetInt32(), body.Str("currency"), body.Str("from"), body.Str("to")));
        Assert.Equal(JsonValueKind.Null, body.GetProperty("nextCursor").ValueKind);
        var line = body.GetProperty("lines")[0];
        Assert.Equal((voucher.Id, voucher.Reference, "Json Customer", "billing", "voucher", 120.50m, "TWD", acceptedAt),
            (line.GetProperty("complaintId").GetGuid(), line.Str("reference"), line.Str("customerName"), line.Str("category"), line.Str("kind"),
                line.GetProperty("amount").GetDecimal(), line.Str("currency"), line.GetProperty("acceptedAt").GetDateTimeOffset()));
        Assert.Equal(voucher.Customer.Id, line.GetProperty("customerId").GetGuid());
        Assert.Equal(JsonValueKind.Null, line.GetProperty("fulfilledAt").ValueKind);
        Assert.Equal([("voucher", 150.50m, 2), ("shippingFeeWaiver", 60m, 1)],
            body.GetProperty("byKind").EnumerateArray().Select(k => (k.Str("kind"), k.GetProperty("total").GetDecimal(), k.GetProperty("lines").GetInt32())));
        Assert.Equal([("billing", 120.50m), ("logistics", 90m)],
            body.GetProperty("byCategory").EnumerateArray().Select(c => (c.Str("category"), c.GetProperty("total").GetDecimal())));
        Assert.Equal([("2026-11", 210.50m)], body.GetProperty("byMonth").EnumerateArray().Select(m => (m.Str("month"), m.GetProperty("total").GetDecimal())));

        var voucherBody = await vouchers.JsonAsync();
        Assert.Equal((150.50m, 2), (voucherBody.GetProperty("total").GetDecimal(), voucherBody.GetProperty("lines").GetArrayLength()));
        var logisticsBody = await logistics.JsonAsync(); // no dates: this month in the caller's zone
        Assert.Equal((60m, "2026-11-01", "2026-11-30"), (logisticsBody.GetProperty("total").GetDecimal(), logisticsBody.Str("from"), logisticsBody.Str("to")));
        var octoberBody = await october.JsonAsync();
        Assert.Equal((0m, 0), (octoberBody.GetProperty("total").GetDecimal(), octoberBody.GetProperty("lines").GetArrayLength()));
    }

    [Fact]
    public async Task The_ledger_pages_by_cursor_and_an_administrator_reads_it_too()
    {
        var agent = await app.CreateAgentAsync();
        for (var i = 1; i <= 3; i++)
        {
            await _steps.GrantAsync(agent, CompensationKind.Gift, i);
            app.Clock.Advance(TimeSpan.FromSeconds(30));
        }
        var admin = await AdminAsync();

        using var first = await admin.GetAsync($"{Ledger}?limit=2", Ct);
        var firstBody = await first.JsonAsync();
        var cursor = firstBody.Str("nextCursor");
        using var second = await admin.GetAsync($"{Ledger}?limit=2&cursor={Uri.EscapeDataString(cursor)}", Ct);
        var secondBody = await second.JsonAsync();

        Assert.Equal([1m, 2m], firstBody.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("amount").GetDecimal()));
        Assert.Equal([3m], secondBody.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("amount").GetDecimal()));
        Assert.Equal(JsonValueKind.Null, secondBody.GetProperty("nextCursor").ValueKind);
        Assert.Equal((6m, 6m), (firstBody.GetProperty("total").GetDecimal(), secondBody.GetProperty("total").GetDecimal()));
    }

    [Fact]
    public async Task Dates_months_and_the_current_month_follow_the_callers_time_zone_or_the_one_asked_for()
    {
        var agent = await app.CreateAgentAsync();
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 30, 17, 0, 0, TimeSpan.Zero)); // 1 December, 01:00 in Taipei
        await _steps.GrantAsync(agent, CompensationKind.Voucher, 40m);
        var taipei = await Localization.WorkspacePages.WorkspaceStaff.CreateAsync(app, "臺北主管", "zh-Hant", "Asia/Taipei", Roles.Supervisor);
        var client = await app.ClientForAsync(taipei);

        using var own = await client.GetAsync(Ledger, Ct);
        using var utc = await client.GetAsync($"{Ledger}?timeZone=UTC", Ct);

        var ownBody = await own.JsonAsync();
        Assert.Equal(("Asia/Taipei", "2026-12-01", "2026-12-31", 40m), (ownBody.Str("timeZone"), ownBody.Str("from"), ownBody.Str("to"), ownBody.GetProperty("total").GetDecimal()));
        Assert.Equal("2026-12", ownBody.GetProperty("byMonth")[0].Str("month"));
        var utcBody = await utc.JsonAsync();
        Assert.Equal(("2026-11-01", "2026-11", 40m), (utcBody.Str("from"), utcBody.GetProperty("byMonth")[0].Str("month"), utcBody.GetProperty("total").GetDecimal()));
    }

    [Theory]
    [InlineData("from=2026-01-01&to=2027-01-02", "to")]
    [InlineData("from=2026-05-02&to=2026-05-01", "to")]
    [InlineData("from=yesterday", "from")]
    [InlineData("to=2026-02-30", "to")]
    [InlineData("kind=cash", "kind")]
    [InlineData("kind=1", "kind")]
    [InlineData("category=nonsense", "category")]
    [InlineData("limit=501", "limit")]
    [InlineData("limit=abc", "limit")]
    [InlineData("cursor=bm90LW91cnM", "cursor")]
    [InlineData("timeZone=Mars/Base", "timeZone")]
    public async Task A_filter_that_does_not_read_or_breaks_a_bound_is_a_400_naming_the_field(string query, string field)
    {
        var supervisor = await SupervisorAsync();

        using var response = await supervisor.GetAsync($"{Ledger}?{query}", Ct);

        await response.AssertFieldErrorAsync(field);
    }

    [Fact]
    public async Task A_period_of_exactly_366_days_is_answered()
    {
        var supervisor = await SupervisorAsync();

        using var response = await supervisor.GetAsync($"{Ledger}?from=2028-01-01&to=2028-12-31&limit=500", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_policy_reads_with_an_etag_and_kinds_as_camel_case_names()
    {
        var admin = await AdminAsync();

        using var response = await admin.GetAsync(Policy, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal(("TWD", 1000m, 20000m, 5000m), (body.Str("currency"), body.GetProperty("agentLimit").GetDecimal(),
            body.GetProperty("supervisorLimit").GetDecimal(), body.GetProperty("warningThreshold").GetDecimal()));
        Assert.Equal(["fullRefund", "partialRefund", "replacement", "voucher", "freeRepair", "warrantyExtension", "shippingFeeWaiver", "gift", "other"],
            body.GetProperty("enabledKinds").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal(0, body.GetProperty("userLimits").GetArrayLength());
        Assert.Equal($"\"{(await StoredPolicyAsync()).Version}\"", response.ETag());
        Assert.Equal(response.ETag(), $"\"{body.GetProperty("version").GetUInt32()}\"");
    }

    [Fact]
    public async Task Put_with_the_current_etag_saves_and_a_stale_or_malformed_one_is_412()
    {
        var admin = await AdminAsync();
        var agent = await app.CreateAgentAsync("Api Override");
        using var read = await admin.GetAsync(Policy, Ct);
        var etag = read.ETag()!;

        using var saved = await PutAsync(admin, PolicyBody("usd", 300m, [new { userId = agent.Id, limit = 2500.75m }]), etag);
        using var stale = await PutAsync(admin, PolicyBody(agentLimit: 1m), etag);
        using var malformed = await PutAsync(admin, PolicyBody(agentLimit: 2m), "W/\"1\"");

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var body = await saved.JsonAsync();
        Assert.NotEqual(etag, saved.ETag());
        Assert.Equal(("USD", 300m), (body.Str("currency"), body.GetProperty("agentLimit").GetDecimal()));
        var limit = body.GetProperty("userLimits")[0];
        Assert.Equal((agent.Id, "Api Override", 2500.75m), (limit.Str("userId"), limit.Str("displayName"), limit.GetProperty("limit").GetDecimal()));
        await stale.AssertProblemAsync(HttpStatusCode.PreconditionFailed, "/problems/precondition-failed");
        await malformed.AssertProblemAsync(HttpStatusCode.PreconditionFailed, "/problems/precondition-failed");
        var stored = await StoredPolicyAsync();
        Assert.Equal(("USD", 300m), (stored.Currency, stored.AgentLimit));
        Assert.Equal([CompensationKind.FullRefund, CompensationKind.PartialRefund, CompensationKind.Voucher], stored.EnabledKinds);

        // Without If-Match there is no check: the last save wins.
        using var unconditional = await PutAsync(admin, PolicyBody(agentLimit: 400m));
        Assert.Equal(HttpStatusCode.OK, unconditional.StatusCode);
        Assert.Equal(("TWD", 400m), ((await StoredPolicyAsync()).Currency, (await StoredPolicyAsync()).AgentLimit));
    }

    [Fact]
    public async Task A_version_in_the_body_is_ignored_only_if_match_counts()
    {
        var admin = await AdminAsync();
        var body = JsonNode.Parse(JsonSerializer.Serialize(PolicyBody(agentLimit: 700m)))!.AsObject();
        body["version"] = 1;
        body["expectedVersion"] = 1;

        using var response = await PutAsync(admin, body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(700m, (await StoredPolicyAsync()).AgentLimit);
    }

    [Fact]
    public async Task A_policy_that_breaks_a_rule_is_a_400_naming_the_field_in_camel_case()
    {
        var admin = await AdminAsync();
        var agent = await app.CreateAgentAsync();
        var adminUser = await app.CreateUserAsync("Not A Handler", Roles.Admin);

        using var noKinds = await PutAsync(admin, new { enabledKinds = Array.Empty<string>(), currency = "TWD", agentLimit = 1, supervisorLimit = 2, warningThreshold = 3 });
        using var badKind = await PutAsync(admin, new { enabledKinds = new[] { "cash" }, currency = "TWD", agentLimit = 1, supervisorLimit = 2, warningThreshold = 3 });
        using var currency = await PutAsync(admin, PolicyBody("Taiwan dollars"));
        using var cents = await PutAsync(admin, PolicyBody(agentLimit: 10.001m));
        using var negative = await PutAsync(admin, PolicyBody(agentLimit: -1m));
        using var below = await PutAsync(admin, PolicyBody(agentLimit: 20000.01m));
        using var notAHandler = await PutAsync(admin, PolicyBody(userLimits: [new { userId = adminUser.Id, limit = 10 }]));
        using var twice = await PutAsync(admin, PolicyBody(userLimits: [new { userId = agent.Id, limit = 10 }, new { userId = agent.Id, limit = 20 }]));
        using var absurd = await PutAsync(admin, PolicyBody(userLimits: [new { userId = agent.Id, limit = 1e20 }]));

        await noKinds.AssertFieldErrorAsync("enabledKinds");
        await badKind.AssertFieldErrorAsync("enabledKinds[0]");
        await currency.AssertFieldErrorAsync("currency");
        await cents.AssertFieldErrorAsync("agentLimit");
        await negative.AssertFieldErrorAsync("agentLimit");
        await below.AssertFieldErrorAsync("supervisorLimit");
        await notAHandler.AssertFieldErrorAsync("userLimits[0].userId");
        await twice.AssertFieldErrorAsync("userLimits[1].userId");
        await absurd.AssertFieldErrorAsync("userLimits[0].limit");
        Assert.Equal(1000m, (await StoredPolicyAsync()).AgentLimit);
    }

    [Fact]
    public async Task The_currency_is_refused_once_the_ledger_has_a_line_in_another()
    {
        var agent = await app.CreateAgentAsync();
        await _steps.GrantAsync(agent, CompensationKind.Voucher, 10m);
        var admin = await AdminAsync();

        using var response = await PutAsync(admin, PolicyBody("EUR"));

        var problem = await response.AssertFieldErrorAsync("currency");
        Assert.Contains("TWD", problem.GetProperty("errors").GetProperty("currency")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal("TWD", (await StoredPolicyAsync()).Currency);
    }

    [Fact]
    public async Task A_put_that_loses_a_race_without_if_match_is_409_and_changes_nothing()
    {
        var admin = await AdminAsync();
        await using var other = new NpgsqlConnection(app.ConnectionString);
        await other.OpenAsync(Ct);
        await using var transaction = await other.BeginTransactionAsync(Ct);
        await using (var hold = new NpgsqlCommand("SELECT 1 FROM \"CompensationPolicy\" WHERE \"Id\" = 1 FOR UPDATE", other, transaction))
        {
            await hold.ExecuteScalarAsync(Ct);
        }

        // The API reads the policy, then waits for the row; meanwhile the other session changes it and commits.
        var racing = PutAsync(admin, PolicyBody(agentLimit: 111m));
        await app.UntilASessionWaitsOnALockAsync(TimeSpan.FromSeconds(30));
        await using (var change = new NpgsqlCommand("UPDATE \"CompensationPolicy\" SET \"AgentLimit\" = 222 WHERE \"Id\" = 1", other, transaction))
        {
            await change.ExecuteNonQueryAsync(Ct);
        }
        await transaction.CommitAsync(Ct);
        using var lost = await racing;

        await lost.AssertProblemAsync(HttpStatusCode.Conflict, "/problems/concurrent-change");
        Assert.Equal(222m, (await StoredPolicyAsync()).AgentLimit);
    }

    public static TheoryData<string, string> Routes => new()
    {
        { "GET", Ledger },
        { "GET", Policy },
        { "PUT", Policy },
    };

    private static HttpRequestMessage Request(string method, string url) => new(new HttpMethod(method), url)
    {
        Content = method == "PUT" ? JsonContent.Create(PolicyBody(agentLimit: 0m)) : null,
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Without_a_token_the_answer_is_401(string method, string url)
    {
        using var response = await app.AnonymousClient().SendAsync(Request(method, url), Ct);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "/problems/unauthenticated");
    }

    [Fact]
    public async Task Agents_get_403_on_every_route_supervisors_on_the_policy_and_nothing_changes()
    {
        var agent = await app.ClientForAsync(await app.CreateAgentAsync());
        var supervisor = await SupervisorAsync();

        foreach (var (method, url) in new[] { ("GET", Ledger), ("GET", Policy), ("PUT", Policy) })
        {
            using var response = await agent.SendAsync(Request(method, url), Ct);
            await response.AssertProblemAsync(HttpStatusCode.Forbidden, "/problems/forbidden");
        }
        using var read = await supervisor.SendAsync(Request("GET", Policy), Ct);
        using var write = await supervisor.SendAsync(Request("PUT", Policy), Ct);
        using var ledger = await supervisor.SendAsync(Request("GET", Ledger), Ct);

        await read.AssertProblemAsync(HttpStatusCode.Forbidden, "/problems/forbidden");
        await write.AssertProblemAsync(HttpStatusCode.Forbidden, "/problems/forbidden");
        Assert.Equal(HttpStatusCode.OK, ledger.StatusCode);
        Assert.Equal(1000m, (await StoredPolicyAsync()).AgentLimit);
    }

    [Fact]
    public async Task The_openapi_document_lists_the_routes()
    {
        using var response = await app.AnonymousClient().GetAsync("/openapi/v1.json", Ct);

        var paths = (await response.JsonAsync()).GetProperty("paths");
        Assert.True(paths.GetProperty(Ledger).TryGetProperty("get", out _));
        Assert.True(paths.GetProperty(Policy).TryGetProperty("get", out _));
        Assert.True(paths.GetProperty(Policy).TryGetProperty("put", out _));
    }
}
