using System.Net;
using System.Text.Json;
using ComplaintDesk.IntegrationTests.Infrastructure;

namespace ComplaintDesk.IntegrationTests.Api;

public sealed class ComplaintListApiTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string NewTag() => "tag" + Guid.NewGuid().ToString("N")[..10];

    private async Task<ApiKit.Created> CreateLaterAsync(HttpClient client, string subject, Action<Dictionary<string, object?>>? change = null)
    {
        app.Clock.Advance(TimeSpan.FromSeconds(1)); // distinct received times: one right order
        var body = ApiKit.NewComplaintBody(subject);
        change?.Invoke(body);
        return await client.CreateComplaintAsync(body);
    }

    private static async Task<List<Guid>> IdsAsync(HttpClient client, string query)
    {
        using var response = await client.GetAsync("/api/v1/complaints?" + query, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.JsonAsync()).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToList();
    }

    [Fact]
    public async Task Filters_in_camel_case_narrow_the_list()
    {
        var agent = await app.CreateAgentAsync();
        var owner = await app.CreateAgentAsync("List Owner");
        var client = await app.ClientForAsync(agent);
        var tag = NewTag();
        var billing = await CreateLaterAsync(client, $"Charged twice {tag}", b =>
        {
            b["category"] = "billing"; b["channel"] = "phone"; b["severity"] = "low";
        });
        var chat = await CreateLaterAsync(client, $"Rude reply {tag}", b =>
        {
            b["category"] = "serviceAttitude"; b["channel"] = "chat"; b["severity"] = "critical";
        });
        var social = await CreateLaterAsync(client, $"Late parcel {tag}", b =>
        {
            b["category"] = "logistics"; b["channel"] = "socialMedia"; b["severity"] = "medium";
        });
        using (var acknowledged = await client.PostJsonAsync($"/api/v1/complaints/{chat.Id}/acknowledge"))
        {
            Assert.Equal(HttpStatusCode.OK, acknowledged.StatusCode);
        }
        using (var assigned = await client.PostJsonAsync($"/api/v1/complaints/{social.Id}/assign", new { ownerId = owner.Id }))
        {
            Assert.Equal(HttpStatusCode.OK, assigned.StatusCode);
        }

        Assert.Equal([social.Id, chat.Id, billing.Id], await IdsAsync(client, $"q={tag}"));
        Assert.Equal([chat.Id], await IdsAsync(client, $"q={tag}&state=acknowledged"));
        Assert.Equal([social.Id, billing.Id], await IdsAsync(client, $"q={tag}&state=received"));
        Assert.Equal([billing.Id], await IdsAsync(client, $"q={tag}&category=billing"));
        Assert.Equal([chat.Id], await IdsAsync(client, $"q={tag}&severity=critical"));
        Assert.Equal([social.Id], await IdsAsync(client, $"q={tag}&channel=socialMedia"));
        Assert.Equal([social.Id], await IdsAsync(client, $"ownerId={owner.Id}"));
        Assert.Equal([chat.Id], await IdsAsync(client, $"q={chat.Body.Str("reference")}"));
        Assert.Empty(await IdsAsync(client, $"q={tag}&channel=phone&severity=critical"));

        using var response = await client.GetAsync($"/api/v1/complaints?q={tag}&channel=chat", Ct);
        var item = Assert.Single((await response.JsonAsync()).GetProperty("items").EnumerateArray());
        Assert.Equal("acknowledged", item.Str("state"));
        Assert.Equal("chat", item.Str("channel"));
        Assert.Equal("critical", item.Str("severity"));
        Assert.Equal("serviceAttitude", item.Str("category"));
        Assert.Equal("Mia Customer", item.Str("customerName"));
        Assert.Equal(chat.Body.Str("reference"), item.Str("reference"));
    }

    [Fact]
    public async Task Next_cursor_walks_the_whole_list_once()
    {
        var client = await app.ClientForAsync(await app.CreateAgentAsync());
        var tag = NewTag();
        var created = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            created.Add((await client.CreateComplaintAsync(ApiKit.NewComplaintBody($"Cursor {tag} {i}"))).Id);
        }

        var seen = new List<Guid>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var url = $"/api/v1/complaints?q={tag}&limit=2" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}");
            using var response = await client.GetAsync(url, Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await response.JsonAsync();
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));
            var next = page.GetProperty("nextCursor");
            cursor = next.ValueKind == JsonValueKind.Null ? null : next.GetString();
            pages++;
            Assert.True(pages <= 3, "The cursor did not come to an end.");
        }
        while (cursor is not null);

        Assert.Equal(3, pages);
        Assert.Equal(created.Order(), seen.Order());
    }

    [Theory]
    [InlineData("state=bogus", "state")]
    [InlineData("state=1", "state")]
    [InlineData("channel=fax", "channel")]
    [InlineData("severity=extreme", "severity")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=101", "limit")]
    [InlineData("limit=abc", "limit")]
    [InlineData("limit=99999999999", "limit")]
    [InlineData("cursor=garbage", "cursor")]
    [InlineData("view=everything", "view")]
    [InlineData("sort=dueTime", "sort")]
    [InlineData("repeat=maybe", "repeat")]
    [InlineData("risk=2", "risk")]
    public async Task A_bad_query_value_is_a_400_naming_the_field(string query, string field)
    {
        var client = await app.ClientForAsync(await app.CreateAgentAsync());

        using var response = await client.GetAsync("/api/v1/complaints?" + query, Ct);

        await response.AssertFieldErrorAsync(field);
    }

    [Fact]
    public async Task Enum_values_are_accepted_in_any_case()
    {
        var client = await app.ClientForAsync(await app.CreateAgentAsync());
        var tag = NewTag();
        var created = await client.CreateComplaintAsync(ApiKit.NewComplaintBody($"Case {tag}"));

        Assert.Equal([created.Id], await IdsAsync(client, $"q={tag}&state=RECEIVED&channel=webform"));
    }

    [Fact]
    public async Task Views_sorts_and_the_repeat_and_risk_filters_work_from_the_query_string()
    {
        var agent = await app.CreateAgentAsync();
        var client = await app.ClientForAsync(agent);
        var tag = NewTag();
        var low = await CreateLaterAsync(client, $"Low {tag}", b => b["severity"] = "low");
        var critical = await CreateLaterAsync(client, $"Critical {tag}", b => b["severity"] = "critical");
        var repeat = await CreateLaterAsync(client, $"Repeat {tag}", b =>
        {
            b["severity"] = "medium";
            ((Dictionary<string, object?>)b["customer"]!)["email"] = low.Body.GetProperty("customer").Str("email");
        });
        using (var taken = await client.PostJsonAsync($"/api/v1/complaints/{critical.Id}/assign", new { ownerId = agent.Id }))
        {
            Assert.Equal(HttpStatusCode.OK, taken.StatusCode);
        }

        Assert.Equal([critical.Id], await IdsAsync(client, $"q={tag}&view=mine"));
        Assert.Equal([repeat.Id, low.Id], await IdsAsync(client, $"q={tag}&view=unassigned"));
        Assert.Empty(await IdsAsync(client, $"q={tag}&view=CLOSED"));
        Assert.Equal([low.Id, critical.Id, repeat.Id], await IdsAsync(client, $"q={tag}&sort=oldest"));
        Assert.Equal([critical.Id, repeat.Id, low.Id], await IdsAsync(client, $"q={tag}&sort=severity"));
        Assert.Equal([repeat.Id, low.Id], await IdsAsync(client, $"q={tag}&repeat=true"));
        Assert.Equal([critical.Id], await IdsAsync(client, $"q={tag}&repeat=false"));
        Assert.Empty(await IdsAsync(client, $"q={tag}&risk=true"));

        using var response = await client.GetAsync($"/api/v1/complaints?q={tag}&repeat=true&limit=1", Ct);
        var item = (await response.JsonAsync()).GetProperty("items")[0];
        Assert.True(item.GetProperty("repeatCustomer").GetBoolean());
        Assert.False(item.GetProperty("riskFlag").GetBoolean());
        Assert.True(item.GetProperty("version").GetUInt32() > 0);
    }

    [Fact]
    public async Task Counts_answer_every_view_under_the_filters()
    {
        var agent = await app.CreateAgentAsync();
        var client = await app.ClientForAsync(agent);
        var tag = NewTag();
        var mine = await CreateLaterAsync(client, $"Counted {tag}");
        await CreateLaterAsync(client, $"Counted {tag}");
        await CreateLaterAsync(client, $"Counted {tag}", b => b["channel"] = "phone");
        using (var taken = await client.PostJsonAsync($"/api/v1/complaints/{mine.Id}/assign", new { ownerId = agent.Id }))
        {
            Assert.Equal(HttpStatusCode.OK, taken.StatusCode);
        }

        using var all = await client.GetAsync($"/api/v1/complaints/counts?q={tag}", Ct);
        using var byPhone = await client.GetAsync($"/api/v1/complaints/counts?q={tag}&channel=phone", Ct);
        using var bad = await client.GetAsync("/api/v1/complaints/counts?severity=extreme", Ct);

        Assert.Equal(HttpStatusCode.OK, all.StatusCode);
        Assert.Equal(
            """[{"view":"mine","count":1,"capped":false},{"view":"unassigned","count":2,"capped":false},{"view":"open","count":3,"capped":false},{"view":"escalated","count":0,"capped":false},{"view":"closed","count":0,"capped":false}]""",
            (await all.JsonAsync()).GetRawText());
        var phoneCounts = (await byPhone.JsonAsync()).EnumerateArray().ToDictionary(c => c.Str("view"), c => c.GetProperty("count").GetInt32());
        Assert.Equal((0, 1, 1), (phoneCounts["mine"], phoneCounts["unassigned"], phoneCounts["open"]));
        await bad.AssertFieldErrorAsync("severity");
    }
}
