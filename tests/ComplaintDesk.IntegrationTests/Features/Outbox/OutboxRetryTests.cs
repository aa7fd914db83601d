using System.Net;
using System.Net.Http.Json;
using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.Application.Identity;
using ComplaintDesk.Domain.Notifications;
using ComplaintDesk.IntegrationTests.Api;
using ComplaintDesk.IntegrationTests.Features.Complaints;
using ComplaintDesk.IntegrationTests.Features.StatusLinks;
using ComplaintDesk.IntegrationTests.Infrastructure;
using ComplaintDesk.IntegrationTests.Pages;

namespace ComplaintDesk.IntegrationTests.Features.Outbox;

/// <summary>
/// A message that cannot be delivered is tried again with a growing pause (1, 2, 4 … minutes, at most an hour), is a
/// dead letter after the last attempt, and an administrator sends it again (API and page); only administrators may.
/// </summary>
public sealed class OutboxRetryTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task With_smtp_down_attempts_back_off_until_dead_and_an_admin_retry_delivers_once_smtp_is_up()
    {
        var address = $"patient.{Guid.NewGuid():N}@example.test";
        var agent = await app.CreateAgentAsync();
        var steps = new ComplaintSteps(app);
        var logged = await steps.LogAsync(agent, ComplaintSteps.NewComplaint(email: address));
        await steps.SendAsync(agent, new AcknowledgeComplaintCommand { ComplaintId = logged.Id });
        var id = Assert.Single(await app.OutboxAsync(), m => m.RecipientAddress == address).Id;
        await using var down = app.WithSmtp(SmtpCatcher.FreePort()); // nothing listens there

        var delays = new List<TimeSpan>();
        for (var attempt = 1; attempt <= 8; attempt++)
        {
            var before = app.Clock.GetUtcNow();
            await down.DispatchAsync();
            var row = await app.OutboxRowAsync(id);
            Assert.Equal(attempt, row.Attempts);
            Assert.NotNull(row.LastError);
            Assert.DoesNotContain("/s/", row.LastError); // never the link
            if (attempt < 8)
            {
                Assert.Equal(OutboxState.Pending, row.State);
                delays.Add(row.NextAttemptAt - before);
                Assert.Equal(0, await down.DispatchAsync()); // not due before its time
                app.Clock.Advance(row.NextAttemptAt - before);
            }
            else
            {
                Assert.Equal(OutboxState.Dead, row.State);
            }
        }
        Assert.Equal(new[] { 1, 2, 4, 8, 16, 32, 60 }.Select(m => TimeSpan.FromMinutes(m)), delays);
        Assert.NotNull((await app.OutboxRowAsync(id)).ProtectedLink); // kept for the retry

        var admin = await app.CreateUserAsync("Olive Outbox", Roles.Admin);
        var adminApi = await app.ClientForAsync(admin);
        var agentApi = await app.ClientForAsync(agent);
        var dead = await (await adminApi.GetAsync("/api/v1/outbox?state=dead", Ct)).JsonAsync();
        Assert.Contains(dead.GetProperty("items").EnumerateArray(), i => i.Str("id") == id.ToString() && i.Str("state") == "dead");
        using (var refused = await agentApi.PostAsync($"/api/v1/outbox/{id}/retry", null, Ct))
        {
            await refused.AssertProblemAsync(HttpStatusCode.Forbidden);
        }
        using (var unknown = await adminApi.PostAsync($"/api/v1/outbox/{Guid.NewGuid()}/retry", null, Ct))
        {
            await unknown.AssertProblemAsync(HttpStatusCode.NotFound);
        }
        Assert.Equal(OutboxState.Dead, (await app.OutboxRowAsync(id)).State);

        using (var retried = await adminApi.PostAsync($"/api/v1/outbox/{id}/retry", null, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
            var item = await retried.JsonAsync();
            Assert.Equal(("pending", 0), (item.Str("state"), item.GetProperty("attempts").GetInt32()));
        }
        using (var again = await adminApi.PostAsync($"/api/v1/outbox/{id}/retry", null, Ct))
        {
            await again.AssertProblemAsync(HttpStatusCode.Conflict);
        }

        await using var smtp = await SmtpCatcher.StartAsync();
        await using var up = app.WithSmtp(smtp.Port);
        await up.DispatchAsync();
        await up.DispatchAsync();
        var message = Assert.Single(smtp.MessagesTo(address));
        Assert.NotNull(StatusLinkSteps.LinkIn(message.TextBody));
        var sent = await app.OutboxRowAsync(id);
        Assert.Equal((OutboxState.Sent, 1, (string?)null), (sent.State, sent.Attempts, sent.LastError));
    }

    [Fact]
    public async Task The_outbox_list_filters_by_state_pages_newest_first_and_is_for_administrators_only()
    {
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            ids.AddRange(await app.AddPendingAsync(1, _ => $"list.{i}@example.test", subject: "Listed"));
            app.Clock.Advance(TimeSpan.FromSeconds(1)); // ids follow time (version 7): a later row has a larger id
        }
        var admin = await app.ClientForAsync(await app.CreateUserAsync("Lister Admin", Roles.Admin));

        var first = await (await admin.GetAsync("/api/v1/outbox?state=Pending&limit=2", Ct)).JsonAsync();
        var firstIds = first.GetProperty("items").EnumerateArray().Select(i => Guid.Parse(i.Str("id"))).ToList();
        Assert.Equal(2, firstIds.Count);
        var next = first.Str("nextAfter");
        var second = await (await admin.GetAsync($"/api/v1/outbox?state=pending&limit=2&after={next}", Ct)).JsonAsync();
        var secondIds = second.GetProperty("items").EnumerateArray().Select(i => Guid.Parse(i.Str("id"))).ToList();
        var all = firstIds.Concat(secondIds).ToList();
        Assert.Equal(all.Distinct().Count(), all.Count);
        Assert.True(ids.All(all.Contains));
        Assert.Equal(ids[2], firstIds[0]); // newest first
        Assert.All(first.GetProperty("items").EnumerateArray(), i => Assert.False(i.TryGetProperty("textBody", out _)));
        var sent = (await (await admin.GetAsync("/api/v1/outbox?state=sent", Ct)).JsonAsync()).GetProperty("items").EnumerateArray().ToList();
        Assert.All(sent, i => Assert.Equal("sent", i.Str("state")));
        Assert.DoesNotContain(sent, i => ids.Contains(Guid.Parse(i.Str("id"))));

        using (var bad = await admin.GetAsync("/api/v1/outbox?state=lost", Ct))
        {
            await bad.AssertProblemAsync(HttpStatusCode.BadRequest);
        }
        using (var tooMany = await admin.GetAsync("/api/v1/outbox?limit=100000", Ct))
        {
            await tooMany.AssertProblemAsync(HttpStatusCode.BadRequest);
        }
        var supervisor = await app.ClientForAsync(await app.CreateSupervisorAsync());
        using (var refused = await supervisor.GetAsync("/api/v1/outbox", Ct))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }
        using (var anonymous = await app.AnonymousClient().GetAsync("/api/v1/outbox", Ct))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        }
    }

    [Fact]
    public async Task The_outbox_page_shows_dead_letters_with_their_error_and_sends_one_again_and_is_denied_to_others()
    {
        await using var down = app.WithSmtp(SmtpCatcher.FreePort(), settings: ("Outbox:MaxAttempts", "1"));
        var id = (await app.AddPendingAsync(1, _ => $"page.{Guid.NewGuid():N}@example.test", subject: "Dead on the page"))[0];
        await down.DispatchAsync();
        Assert.Equal(OutboxState.Dead, (await app.OutboxRowAsync(id)).State);

        using var admin = await PageSession.SignInAsync(app, await app.CreateUserAsync("Page Outbox Admin", Roles.Admin));
        var page = await admin.GetPageAsync("/Admin/Outbox");
        var row = Assert.Single(page.Document.QuerySelectorAll("[data-testid=outbox-row]"), r => r.GetAttribute("data-id") == id.ToString());
        Assert.Contains("Dead on the page", row.TextContent);
        Assert.False(string.IsNullOrWhiteSpace(row.QuerySelector("[data-testid=last-error]")?.TextContent));
        Assert.NotNull(row.QuerySelector("[data-testid=retry]"));

        // The row's own form, posted where it posts (other tests of this class leave dead letters too, each with its "Send again").
        var form = row.QuerySelector("[data-testid=retry]")!.Closest("form")!;
        var token = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var action = form.GetAttribute("action")!;
        using var retried = await admin.PostAsync(action, [new("__RequestVerificationToken", token)]);
        var after = await admin.FollowAsync(retried);
        Assert.NotNull(after.TestId("status"));
        Assert.Equal(OutboxState.Pending, (await app.OutboxRowAsync(id)).State);
        var pending = await admin.GetPageAsync("/Admin/Outbox?state=pending");
        Assert.Contains(pending.Document.QuerySelectorAll("[data-testid=outbox-row]"), r => r.GetAttribute("data-id") == id.ToString());

        using var agent = await PageSession.SignInAsync(app, await app.CreateAgentAsync());
        using var denied = await agent.GetAsync("/Admin/Outbox");
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", denied.Headers.Location!.OriginalString.Replace("http://localhost", "", StringComparison.Ordinal));
    }
}
