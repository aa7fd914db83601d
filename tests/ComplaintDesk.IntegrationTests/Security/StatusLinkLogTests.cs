using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.Domain.StatusLinks;
using ComplaintDesk.IntegrationTests.Features.Complaints;
using ComplaintDesk.IntegrationTests.Features.StatusLinks;
using ComplaintDesk.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Json;

namespace ComplaintDesk.IntegrationTests.Security;

/// <summary>
/// The token never reaches a log. The app's own Serilog pipeline (ReadFrom.Services) gets one more sink that keeps
/// every event; each is rendered with its message, every property (the hosting scope's RequestPath included) and its
/// exception, and searched for the raw tokens.
/// </summary>
public sealed class StatusLinkLogTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("as configured")]
    [InlineData("everything at debug level")]
    public async Task A_visit_is_logged_by_the_links_log_id_never_by_its_token(string levels)
    {
        var sink = new KeepingSink();
        await using var host = app.WithWebHostBuilder(builder =>
        {
            if (levels != "as configured")
            {
                builder.UseSetting("Serilog:MinimumLevel:Default", "Debug");
                builder.UseSetting("Serilog:MinimumLevel:Override:Microsoft.AspNetCore", "Debug");
                builder.UseSetting("Serilog:MinimumLevel:Override:Microsoft.EntityFrameworkCore", "Debug");
            }
            builder.ConfigureTestServices(services => services.AddSingleton<ILogEventSink>(sink));
        });
        var agent = await app.CreateAgentAsync();
        var logged = await app.SendAsync<ComplaintView>(agent.Actor, ComplaintSteps.NewComplaint());
        using var api = StatusLinkSteps.Client(host);
        using (var signIn = await api.PostAsJsonAsync("/api/v1/auth/token", new { email = agent.Email, password = ComplaintDeskApp.Password }, Ct))
        {
            var bearer = await signIn.Content.ReadFromJsonAsync<TokenAnswer>(Ct);
            api.DefaultRequestHeaders.Authorization = StatusLinkSteps.Bearer(bearer!.AccessToken);
        }

        // Issued through the API on this host (the answer carries it), then re-issued: both tokens must stay out of the logs.
        using var acknowledged = await api.PostAsync($"/api/v1/complaints/{logged.Id}/acknowledge", null, Ct);
        Assert.Equal(HttpStatusCode.OK, acknowledged.StatusCode);
        var first = StatusLinkSteps.TokenOf((await acknowledged.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(Ct)).GetProperty("statusLink").GetString()!);
        using var reissued = await api.PostAsync($"/api/v1/complaints/{logged.Id}/status-link", null, Ct);
        Assert.Equal(HttpStatusCode.OK, reissued.StatusCode);
        var token = StatusLinkSteps.TokenOf((await reissued.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(Ct)).GetProperty("statusLink").GetString()!);
        var nearMiss = (token[0] == 'A' ? 'B' : 'A') + token[1..];

        using var visitor = StatusVisitor.On(host);
        await visitor.OpenAsync("/s/" + token);
        await visitor.OpenAsync("/s/" + token + "?lang=zh-Hant");
        using (var message = await visitor.PostAsync("/s/" + token + "/message", ("message", "Is there any news?")))
        {
            Assert.Equal(HttpStatusCode.SeeOther, message.StatusCode);
        }
        using (var forged = await visitor.Client.PostAsync("/s/" + token + "/message", new FormUrlEncodedContent([new("message", "no token")]), Ct))
        {
            Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        }
        foreach (var path in new[] { "/s/" + first, "/s/" + nearMiss })
        {
            using var refused = await visitor.Client.GetAsync(path, Ct);
            Assert.True(refused.StatusCode == HttpStatusCode.NotFound, $"{path} → {(int)refused.StatusCode}");
        }
        using (var odd = await visitor.Client.GetAsync("/s/" + token + "/no-such-handler?x=1", Ct))
        {
            Assert.True((int)odd.StatusCode < 500, $"an unknown handler → {(int)odd.StatusCode}");
        }

        var log = sink.Render();
        Assert.DoesNotContain(token, log, StringComparison.Ordinal);
        Assert.DoesNotContain(first, log, StringComparison.Ordinal);
        Assert.DoesNotContain(nearMiss, log, StringComparison.Ordinal);
        // The visit is logged all the same, under the link's log id: support can correlate a customer's report.
        Assert.Contains($"/s/{StatusLinkToken.LogId(token)}", log, StringComparison.Ordinal);
        Assert.Contains($"/s/{StatusLinkToken.LogId(token)}/message", log, StringComparison.Ordinal);
        Assert.Contains($"/s/{StatusLinkToken.LogId(nearMiss)}", log, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/s/abcDEF_-0123456789abcDEF_-0123456789abcDE", "/s/{0}")]
    [InlineData("GET http://localhost/s/abcDEF_-0123456789abcDEF_-0123456789abcDE/message?lang=en", "GET http://localhost/s/{0}/message?lang=en")]
    [InlineData("/S/abcDEF_-0123456789abcDEF_-0123456789abcDE", "/s/{0}")]
    public void The_redactor_replaces_the_token_segment_by_its_log_id(string text, string expected)
    {
        const string token = "abcDEF_-0123456789abcDEF_-0123456789abcDE";

        var redacted = Web.Hosting.StatusLinkLogRedactor.Redact(text);

        Assert.Equal(string.Format(System.Globalization.CultureInfo.InvariantCulture, expected, StatusLinkToken.LogId(token)), redacted);
        // Redacting twice changes nothing: the request event is redacted at the source and again by the enricher.
        Assert.Equal(redacted, Web.Hosting.StatusLinkLogRedactor.Redact(redacted));
    }

    private sealed record TokenAnswer(string AccessToken, long ExpiresIn);

    /// <summary>Keeps every event the app's logger writes.</summary>
    private sealed class KeepingSink : ILogEventSink
    {
        private readonly ConcurrentQueue<LogEvent> _events = new();

        public void Emit(LogEvent logEvent) => _events.Enqueue(logEvent);

        public string Render()
        {
            var formatter = new JsonFormatter(renderMessage: true);
            using var writer = new StringWriter();
            foreach (var logEvent in _events)
            {
                formatter.Format(logEvent, writer);
                writer.WriteLine(logEvent.Exception?.ToString());
            }
            Assert.True(_events.Count > 10, $"Only {_events.Count} events captured: is the sink in the app's pipeline?");
            return writer.ToString();
        }
    }
}
