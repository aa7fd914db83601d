using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using ComplaintDesk.Application.Features.Compensation;
using ComplaintDesk.Domain.Compensation;
using ComplaintDesk.Domain.Complaints;
using ComplaintDesk.IntegrationTests.Features.Compensation;
using ComplaintDesk.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ComplaintDesk.IntegrationTests.Api;

/// <summary>
/// The customer's answer is recorded exactly once, however many answers arrive at once: 50 accepts and 50 declines
/// on one offer, all in flight together over HTTP, 20 rounds. Each round exactly one 200, 99 × 409, the offer's state
/// is the winner's, and the ledger has one line for an accepted offer (none for a declined one).
/// </summary>
public sealed class OfferRaceTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    private const int Rounds = 20;
    private const int EachSide = 50;

    /// <summary>
    /// Database connections the racing instance may hold. The 100 requests are all in flight at once in the app; they
    /// queue for the pool's connections as they would in production behind a bounded pool. The shared test server
    /// (max_connections, default 100) also serves the other test classes running at the same time, so this instance
    /// must not take it all.
    /// </summary>
    private const int PoolSize = 40;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Fifty_accepts_and_fifty_declines_at_once_one_answer_wins_each_round()
    {
        var watch = Stopwatch.StartNew();
        var serverConnections = await app.QueryDbAsync(async db =>
            int.Parse((await db.Database.SqlQueryRaw<string>("SELECT current_setting('max_connections') AS \"Value\"").ToListAsync(Ct)).Single(), System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(serverConnections >= PoolSize + 20, $"The test server allows {serverConnections} connections; the race needs {PoolSize} and room for others.");
        // One more instance on the same database and clock, with a bounded pool of its own.
        await using var racing = app.WithWebHostBuilder(builder => builder
            .UseSetting("ConnectionStrings:ComplaintDesk", new NpgsqlConnectionStringBuilder(app.ConnectionString) { MaxPoolSize = PoolSize }.ConnectionString)
            // 2,000 requests: their routine log lines (two per request) would cost more than the requests.
            .UseSetting("Serilog:MinimumLevel:Default", "Warning"));

        var agent = await app.CreateAgentAsync();
        var colleague = await app.CreateAgentAsync("Colin Colleague");
        var offers = new OfferSteps(app);
        // One token per person for the whole test; one HttpClient each (safe for concurrent requests).
        var acceptor = await ClientAsync(racing, agent);
        var decliner = await ClientAsync(racing, colleague);

        var winners = new List<string>();
        for (var round = 0; round < Rounds; round++)
        {
            var complaint = await offers.CaseAsync(agent);
            var offer = await offers.MakeAsync(agent, complaint.Id, 100m, 250m);
            Assert.Equal(OfferState.Offered, offer.State);
            var url = $"/api/v1/offers/{offer.Id}/answer";

            // Every request is built first, then all are released together.
            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var attempts = Enumerable.Range(0, 2 * EachSide).Select(i => Task.Run(async () =>
            {
                var accept = i % 2 == 0;
                object body = accept
                    ? new { offerVersion = offer.Version, optionId = offer.Options[i / 2 % 2].Id }
                    : new { offerVersion = offer.Version, declined = true, reason = $"Decline {i}." };
                await start.Task;
                using var response = await (accept ? acceptor : decliner).PostAsJsonAsync(url, body, Ct);
                var problemType = response.StatusCode == HttpStatusCode.OK ? null : (await response.JsonAsync()).Str("type");
                return (Accept: accept, Option: accept ? offer.Options[i / 2 % 2].Id : (Guid?)null, response.StatusCode, ProblemType: problemType,
                    MediaType: response.Content.Headers.ContentType?.MediaType);
            }, Ct)).ToList();
            start.SetResult();
            var outcomes = await Task.WhenAll(attempts);

            var won = Assert.Single(outcomes, o => o.StatusCode == HttpStatusCode.OK);
            var lost = outcomes.Where(o => o.StatusCode != HttpStatusCode.OK).ToList();
            Assert.Equal(2 * EachSide - 1, lost.Count);
            Assert.All(lost, o =>
            {
                Assert.Equal(HttpStatusCode.Conflict, o.StatusCode);
                Assert.Equal(ApiKit.ProblemJson, o.MediaType);
                Assert.Contains(o.ProblemType, new[] { "/problems/offer-state-not-allowed", "/problems/concurrent-change" });
            });

            var stored = await offers.StoredAsync(offer.Id);
            var ledger = await offers.LedgerOfCaseAsync(complaint.Id);
            var answers = (await offers.Complaints.EventsAsync(complaint.Id))
                .Count(e => e.Kind is TimelineEventKind.OfferAccepted or TimelineEventKind.OfferDeclined);
            Assert.Equal(1, answers);
            if (won.Accept)
            {
                Assert.Equal((OfferState.Accepted, won.Option), (stored.State, stored.AcceptedOptionId));
                var line = Assert.Single(ledger);
                Assert.Equal((offer.Id, won.Option!.Value, stored.AcceptedOption!.Amount), (line.OfferId, line.OptionId, line.Amount));
            }
            else
            {
                Assert.Equal((OfferState.Declined, (Guid?)null), (stored.State, stored.AcceptedOptionId));
                Assert.StartsWith("Decline ", stored.DeclineReason);
                Assert.Empty(ledger);
            }
            winners.Add(won.Accept ? "accept" : "decline");
        }

        // Across all rounds: one ledger line per accepted offer, never more.
        var lines = await app.QueryDbAsync(db => db.Ledger.GroupBy(l => l.OfferId).Select(g => g.Count()).ToListAsync(Ct));
        Assert.All(lines, count => Assert.Equal(1, count));
        Assert.Equal(winners.Count(w => w == "accept"), lines.Count);
        TestContext.Current.SendDiagnosticMessage(
            $"Offer race: {Rounds} rounds × {2 * EachSide} requests in {watch.Elapsed.TotalSeconds:0.0} s; winners {string.Join(",", winners)}; " +
            $"max_connections {serverConnections}, pool {PoolSize}.");
    }

    private static async Task<HttpClient> ClientAsync(WebApplicationFactory<Program> instance, TestUser user)
    {
        var client = instance.CreateDefaultClient(new NoServerErrorsHandler());
        using var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { email = user.Email, password = ComplaintDeskApp.Password }, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await response.JsonAsync()).Str("accessToken"));
        return client;
    }
}
