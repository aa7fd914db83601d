using System.Net;
using System.Text.Json;
using ComplaintDesk.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ComplaintDesk.IntegrationTests.Api;

/// <summary>GET /api/v1/complaints?sort=due: the next deadline first, paged by cursor, each item with its deadline summary.</summary>
public sealed class QueueDueSortApiTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string NewTag() => "due" + Guid.NewGuid().ToString("N")[..10];

    private async Task<ApiKit.Created> CreateLaterAsync(HttpClient client, string subject, string severity)
    {
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        var body = ApiKit.NewComplaintBody(subject);
        body["severity"] = severity;
        return await client.CreateComplaintAsync(body);
    }

    private static async Task CloseAsync(HttpClient client, Guid id)
    {
        foreach (var (route, body) in new (string, object?)[]
                 {
                     ("acknowledge", null), ("start-resolving", null), ("resolve", new { summary = "Refunded.", outcome = "upheld" }),
                 })
        {
            using var moved = await client.PostJsonAsync($"/api/v1/complaints/{id}/{route}", body);
            Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        }
    }

    [Fact]
    public async Task Next_cursor_walks_the_due_order_across_the_cases_without_a_deadline()
    {
        var client = await app.ClientForAsync(await app.CreateAgentAsync());
        var tag = NewTag();
        var low = await CreateLaterAsync(client, $"Low {tag}", "low");
        var closedFirst = await CreateLaterAsync(client, $"Closed {tag} 1", "medium");
        var critical = await CreateLaterAsync(client, $"Critical {tag}", "critical");
        var closedSecond = await CreateLaterAsync(client, $"Closed {tag} 2", "high");
        await CloseAsync(client, closedFirst.Id);
        await CloseAsync(client, closedSecond.Id);
        var dueOf = await app.QueryDbAsync(db => db.Complaints.AsNoTracking().Where(c => c.Subject.Contains(tag))
            .ToDictionaryAsync(c => c.Id, c => c.NextDueAt, Ct));
        Assert.True(dueOf[critical.Id] < dueOf[low.Id]);

        var seen = new List<JsonElement>();
        var url = $"/api/v1/complaints?q={tag}&sort=due&limit=1";
        string? cursor = null;
        do
        {
            using var response = await client.GetAsync(cursor is null ? url : $"{url}&cursor={Uri.EscapeDataString(cursor)}", Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await response.JsonAsync();
            seen.AddRange(page.GetProperty("items").EnumerateArray());
            cursor = page.GetProperty("nextCursor").ValueKind == JsonValueKind.Null ? null : page.Str("nextCursor");
            Assert.True(seen.Count <= 10, "Paging did not end.");
        }
        while (cursor is not null);

        Assert.Equal([critical.Id, low.Id, closedSecond.Id, closedFirst.Id], seen.Select(i => i.GetProperty("id").GetGuid()));
        var first = seen[0];
        Assert.Equal(dueOf[critical.Id], first.GetProperty("nextDueAt").GetDateTimeOffset());
        Assert.Equal(dueOf[critical.Id]!.Value.AddMinutes(-15), first.GetProperty("atRiskFrom").GetDateTimeOffset()); // 75 % of one hour
        Assert.False(first.GetProperty("overdue").GetBoolean());
        Assert.Equal(JsonValueKind.Null, seen[3].GetProperty("nextDueAt").ValueKind);
        Assert.Equal(JsonValueKind.Null, seen[3].GetProperty("atRiskFrom").ValueKind);
        Assert.False(seen[3].GetProperty("overdue").GetBoolean());
    }

    [Fact]
    public async Task Sort_due_in_any_case_is_accepted_and_a_cursor_of_another_sort_is_400()
    {
        var client = await app.ClientForAsync(await app.CreateAgentAsync());
        var tag = NewTag();
        await CreateLaterAsync(client, $"One {tag}", "medium");
        await CreateLaterAsync(client, $"Two {tag}", "medium");
        using var newest = await client.GetAsync($"/api/v1/complaints?q={tag}&limit=1", Ct);
        var newestCursor = (await newest.JsonAsync()).Str("nextCursor");

        using var upper = await client.GetAsync($"/api/v1/complaints?q={tag}&sort=DUE", Ct);
        using var mixed = await client.GetAsync($"/api/v1/complaints?q={tag}&sort=due&cursor={Uri.EscapeDataString(newestCursor)}", Ct);

        Assert.Equal(HttpStatusCode.OK, upper.StatusCode);
        Assert.Equal(2, (await upper.JsonAsync()).GetProperty("items").GetArrayLength());
        await mixed.AssertFieldErrorAsync("cursor");
    }
}
