using System.Net;
using System.Text.RegularExpressions;
using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.Application.Features.Replies;
using ComplaintDesk.Application.Features.StatusLinks;
using ComplaintDesk.Application.Persistence;
using ComplaintDesk.Domain.Complaints;
using ComplaintDesk.Domain.StatusLinks;
using ComplaintDesk.IntegrationTests.Features.StatusLinks;
using ComplaintDesk.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ComplaintDesk.IntegrationTests.Security;

/// <summary>
/// The capability-URL rules of the customer's status link (issue 6, quality bars), one test each: the token is
/// unguessable and never stored, every wrong token looks the same, nothing about /s/ breaks or leaks, and the link
/// stops working when it should — on every instance at once.
/// </summary>
public sealed partial class StatusLinkCapabilityTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    private readonly StatusLinkSteps _steps = new(app);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [GeneratedRegex("^[A-Za-z0-9_-]{43,}$")]
    private static partial Regex UrlSafeToken();

    [Fact]
    public async Task Ten_thousand_issued_tokens_are_distinct_url_safe_and_never_stored_raw()
    {
        var agent = await app.CreateAgentAsync();
        var cases = new List<LinkedCase>();
        for (var i = 0; i < 3; i++)
        {
            cases.Add(await _steps.AcknowledgedAsync(agent, subject: $"Case {i} of the token test"));
        }
        // Messages to the customer carry fresh links of their own, kept (encrypted) in the outbox.
        await app.SendAsync<ReplyView>(agent.Actor, new ReplyToComplaintCommand { ComplaintId = cases[0].Id, Body = "We are on it." });
        await app.SendAsync<ComplaintView>(agent.Actor, new RequestInformationCommand { ComplaintId = cases[1].Id, Message = "Your order number, please." });
        var messageLinks = new List<string>();
        foreach (var linked in cases)
        {
            messageLinks.AddRange(await _steps.OutboxLinksAsync(linked.Id));
        }

        var urls = new List<string>();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ComplaintDeskDbContext>();
            var issuer = scope.ServiceProvider.GetRequiredService<StatusLinkIssuer>();
            for (var i = 0; i < 10_000; i++)
            {
                urls.Add(issuer.Issue(db, cases[i % cases.Count].Id));
            }
            await db.SaveChangesAsync(Ct);
        }

        var tokens = urls.Select(StatusLinkSteps.TokenOf).ToList();
        Assert.All(urls, url => Assert.StartsWith("http://localhost/s/", url, StringComparison.Ordinal));
        Assert.Equal(10_000, tokens.Distinct(StringComparer.Ordinal).Count());
        Assert.All(tokens, token => Assert.Matches(UrlSafeToken(), token));
        // Every link a response or a message carried (the acknowledgement e-mail carries the answer's own link).
        var carried = cases.Select(c => c.Token).Concat(messageLinks.Select(StatusLinkSteps.TokenOf)).Distinct().ToList();
        Assert.True(carried.Count >= cases.Count + 2, $"Only {carried.Count} links carried.");
        var ids = cases.Select(c => c.Id).ToList();
        var stored = await app.QueryDbAsync(db => db.StatusLinks.AsNoTracking().Where(l => ids.Contains(l.ComplaintId))
            .Select(l => l.TokenHash).ToListAsync(Ct));
        Assert.Equal(10_000 + carried.Count, stored.Count);
        Assert.Equal(stored.Count, stored.Select(Convert.ToHexString).Distinct().Count());
        Assert.All(carried.Concat(tokens.Take(100)), token => Assert.Contains(stored, hash => hash.AsSpan().SequenceEqual(StatusLinkToken.Hash(token))));

        // No table holds any of the tokens (a sample of the 10,000, and every link carried): not the links, not the
        // outbox (its links are encrypted), not the timeline.
        var sample = tokens.Where((_, i) => i % 20 == 0).Concat(carried).ToList();
        Assert.Empty(await _steps.RowsContainingAsync(sample));
        // The scan does find what is there (a reference, the hash of a token as its hex would not be stored as text).
        Assert.NotEmpty(await _steps.RowsContainingAsync([cases[0].Complaint.Reference]));
    }

    [Fact]
    public async Task A_thousand_random_tokens_and_a_thousand_near_misses_of_a_real_one_get_the_same_404()
    {
        var agent = await app.CreateAgentAsync();
        var real = await _steps.AcknowledgedAsync(agent);
        using var client = StatusLinkSteps.Client(app);
        using (var open = await client.GetAsync(real.Path, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, open.StatusCode);
        }

        var random = Enumerable.Range(0, 1000).Select(_ => StatusLinkToken.New()).ToList();
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        var nearMisses = new HashSet<string>(StringComparer.Ordinal);
        var rng = new Random(6);
        while (nearMisses.Count < 1000)
        {
            var chars = real.Token.ToCharArray();
            var at = rng.Next(chars.Length);
            var replacement = alphabet[rng.Next(alphabet.Length)];
            if (replacement == chars[at])
            {
                continue;
            }
            chars[at] = replacement;
            nearMisses.Add(new string(chars));
        }

        var prints = await StatusLinkSteps.InBatchesAsync(random.Concat(nearMisses), async token =>
        {
            using var response = await client.GetAsync("/s/" + token, Ct);
            return await ResponsePrint.ReadAsync(response);
        });

        Assert.Equal(2000, prints.Count);
        var first = prints[0];
        Assert.Equal(404, first.Status);
        Assert.All(prints, print => Assert.Equal(first, print));
        // Nothing in the answer echoes the guess or the real case.
        Assert.DoesNotContain(real.Complaint.Reference, first.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(random[0], first.Body, StringComparison.Ordinal);
    }

    public static TheoryData<string> MalformedPaths => new()
    {
        "/s/",
        "/s",
        "/s/" + new string('A', 10_000),
        "/s/" + new string('x', 44),
        "/s/..%2F",
        "/s/..%2F..%2FAccount%2FLogin",
        "/s/%2e%2e%2f",
        "/s/%E4%BB%A4%E7%89%8C%E4%BB%A4%E7%89%8C",
        "/s/" + Uri.EscapeDataString("令牌令牌令牌令牌令牌令牌令牌令牌令牌令牌令牌令牌令牌令牌令牌令牌令牌令牌令牌令牌令牌令"),
        "/s/a%20b",
        "/s/%20",
        "/s/%FF%FE",
        "/s/%",
        "/s/x/y/z/w",
        "/s/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/no-such-handler",
        "/s/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA?handler=message",
        "/s/%3Cscript%3E",
    };

    [Theory]
    [MemberData(nameof(MalformedPaths))]
    public async Task Malformed_tokens_are_refused_with_400_or_404_never_500(string path)
    {
        var agent = await app.CreateAgentAsync();
        var live = await _steps.AcknowledgedAsync(agent);
        using var visitor = StatusVisitor.On(app);
        await visitor.OpenAsync(live.Path); // a valid anti-forgery cookie and token: the POST is refused for its path, not for forgery

        using var get = await visitor.Client.GetAsync(path, Ct);
        using var post = await visitor.PostAsync(path, ("message", "hello"));

        Assert.True(get.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest, $"GET {path[..Math.Min(path.Length, 80)]} → {(int)get.StatusCode}");
        Assert.True(post.StatusCode == HttpStatusCode.NotFound, $"POST {path[..Math.Min(path.Length, 80)]} → {(int)post.StatusCode}");
    }

    [Fact]
    public async Task Every_form_posted_with_a_valid_anti_forgery_token_to_a_link_that_opens_nothing_answers_404_or_410_and_changes_nothing()
    {
        var agent = await app.CreateAgentAsync();
        var live = await _steps.AcknowledgedAsync(agent);
        var revoked = await _steps.AcknowledgedAsync(agent, subject: "Revoked case");
        await app.SendAsync<ComplaintView>(agent.Actor, new RevokeStatusLinkCommand { ComplaintId = revoked.Id });
        var expired = await _steps.AcknowledgedAsync(agent, resolving: true, subject: "Expired case");
        await app.SendAsync<ComplaintView>(agent.Actor, new ResolveComplaintCommand
        {
            ComplaintId = expired.Id, Summary = "Refunded.", Outcome = ResolutionOutcome.Upheld,
        });
        app.Clock.Advance(TimeSpan.FromDays(91));
        using var visitor = StatusVisitor.On(app);
        await visitor.OpenAsync(live.Path); // also sets up whatever a first visit legitimately sets up once
        var before = await _steps.DatabasePrintAsync();

        var targets = new (string What, string Path, HttpStatusCode Expected)[]
        {
            ("malformed", "/s/short", HttpStatusCode.NotFound),
            ("malformed", "/s/" + new string('x', 44), HttpStatusCode.NotFound),
            ("unknown", "/s/" + StatusLinkToken.New(), HttpStatusCode.NotFound),
            ("revoked", revoked.Path, HttpStatusCode.NotFound),
            ("expired", expired.Path, HttpStatusCode.Gone),
        };
        var forms = new (string Handler, (string, string)[] Fields)[]
        {
            ("message", [("message", "Hello?")]),
            ("offer", [("offerVersion", "1"), ("optionId", Guid.NewGuid().ToString()), ("offerId", Guid.NewGuid().ToString())]),
            ("followup", [("satisfied", "true"), ("score", "5")]),
        };
        foreach (var (what, path, expected) in targets)
        {
            foreach (var (handler, fields) in forms)
            {
                using var response = await visitor.PostAsync($"{path}/{handler}", fields);
                Assert.True(response.StatusCode == expected, $"POST {what} /{handler} → {(int)response.StatusCode}, expected {(int)expected}");
            }
        }

        var after = await _steps.DatabasePrintAsync();
        Assert.Equal(before.Count, after.Count);
        Assert.All(before, table => Assert.True(after[table.Key] == table.Value, $"{table.Key} changed: {table.Value} → {after[table.Key]}"));
    }

    [Theory]
    [InlineData("/s/../")]
    [InlineData("/s/../Account/Login")]
    [InlineData("/s/./")]
    [InlineData("/s/\0")] // what the server sees of %00 (the test client refuses to send it; Kestrel answers 400 itself)
    [InlineData("/s/abc\0def")]
    [InlineData("/s/..%2F")]
    [InlineData("/s/令牌")]
    [InlineData("/s/a b")]
    [InlineData("/s/\u202Eabc")]
    public async Task Raw_paths_a_browser_would_normalise_are_refused_too(string path)
    {
        foreach (var method in new[] { "GET", "POST" })
        {
            var context = await StatusLinkSteps.RawAsync(app, method, path);
            Assert.True(context.Response.StatusCode is 400 or 404, $"{method} {path} → {context.Response.StatusCode}");
        }
    }

    [Fact]
    public async Task One_client_past_its_budget_gets_429_with_retry_after_while_another_client_is_served()
    {
        await using var limited = app.WithWebHostBuilder(b => b.UseSetting("StatusLink:RequestsPerMinute", "5"));
        var agent = await app.CreateAgentAsync();
        var linked = await _steps.AcknowledgedAsync(agent);
        const string client = "203.0.113.7";

        var statuses = new List<int>();
        for (var i = 0; i < 5; i++)
        {
            // GETs and POSTs, real and guessed tokens: all count against the same budget.
            var context = await StatusLinkSteps.RawAsync(limited, i % 2 == 0 ? "GET" : "POST",
                i == 0 ? linked.Path : "/s/" + StatusLinkToken.New(), client);
            statuses.Add(context.Response.StatusCode);
        }
        var sixth = await StatusLinkSteps.RawAsync(limited, "GET", linked.Path, client);
        var seventh = await StatusLinkSteps.RawAsync(limited, "POST", linked.Path + "/message", client);
        var otherClient = await StatusLinkSteps.RawAsync(limited, "GET", linked.Path, "198.51.100.23");

        Assert.Equal(200, statuses[0]);
        Assert.DoesNotContain(429, statuses);
        Assert.Equal(429, sixth.Response.StatusCode);
        Assert.Equal(429, seventh.Response.StatusCode);
        var retryAfter = int.Parse(sixth.Response.Headers.RetryAfter.ToString(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 60);
        Assert.Equal(200, otherClient.Response.StatusCode);
    }

    [Fact]
    public async Task The_link_answers_410_once_the_case_has_been_closed_for_good_for_ninety_days()
    {
        var agent = await app.CreateAgentAsync();
        var linked = await _steps.AcknowledgedAsync(agent);
        await app.SendAsync<ComplaintView>(agent.Actor, new StartResolvingCommand { ComplaintId = linked.Id });
        await app.SendAsync<ComplaintView>(agent.Actor, new ResolveComplaintCommand
        {
            ComplaintId = linked.Id, Summary = "Replacement kettle sent.", Outcome = ResolutionOutcome.Upheld,
        });
        app.Clock.Advance(TimeSpan.FromDays(1));
        await app.SendAsync<ComplaintView>(agent.Actor, new StartFollowUpCommand { ComplaintId = linked.Id });
        app.Clock.Advance(TimeSpan.FromDays(1));
        await app.SendAsync<ComplaintView>(agent.Actor, new ConfirmSatisfiedCommand { ComplaintId = linked.Id, Score = 5 });
        var closed = await app.QueryDbAsync(db => db.Complaints.AsNoTracking().SingleAsync(c => c.Id == linked.Id, Ct));
        Assert.Equal(ComplaintState.Closed, closed.State);
        using var visitor = StatusVisitor.On(app);
        var client = visitor.Client;

        app.Clock.SetUtcNow(closed.ClosedAt!.Value + TimeSpan.FromDays(90) - TimeSpan.FromMinutes(1));
        await visitor.OpenAsync(linked.Path); // 200, and the page's anti-forgery token for the POST below
        app.Clock.SetUtcNow(closed.ClosedAt!.Value + TimeSpan.FromDays(90));
        using var after = await client.GetAsync(linked.Path, Ct);
        using var afterPost = await visitor.PostAsync(linked.Path + "/message", ("message", "Hello?"));

        Assert.Equal(HttpStatusCode.Gone, after.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, afterPost.StatusCode);
        Assert.DoesNotContain(linked.Complaint.Reference, await after.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_revoked_link_answers_404_on_every_instance_from_the_next_request_on()
    {
        var agent = await app.CreateAgentAsync();
        var linked = await _steps.AcknowledgedAsync(agent);
        await using var second = app.AnotherInstance();
        using var onFirst = StatusLinkSteps.Client(app);
        using var onSecond = StatusLinkSteps.Client(second);
        using var unknown = await onFirst.GetAsync("/s/" + StatusLinkToken.New(), Ct);
        var unknownPrint = await ResponsePrint.ReadAsync(unknown);

        using (var open1 = await onFirst.GetAsync(linked.Path, Ct))
        using (var open2 = await onSecond.GetAsync(linked.Path, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, open1.StatusCode);
            Assert.Equal(HttpStatusCode.OK, open2.StatusCode);
        }

        await second.SendOnAsync<ComplaintView>(agent.Actor, new RevokeStatusLinkCommand { ComplaintId = linked.Id });

        using var after1 = await onFirst.GetAsync(linked.Path, Ct);
        using var after2 = await onSecond.GetAsync(linked.Path, Ct);
        Assert.Equal(HttpStatusCode.NotFound, after1.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, after2.StatusCode);
        // A revoked link is indistinguishable from one that never existed.
        Assert.Equal(unknownPrint, await ResponsePrint.ReadAsync(after1));
    }

    [Fact]
    public async Task Following_every_link_in_the_customers_messages_ten_times_changes_nothing()
    {
        var agent = await app.CreateAgentAsync();
        var linked = await _steps.AcknowledgedAsync(agent);
        await app.SendAsync<ReplyView>(agent.Actor, new ReplyToComplaintCommand { ComplaintId = linked.Id, Body = "We have ordered a replacement." });
        await app.SendAsync<ComplaintView>(agent.Actor, new RequestInformationCommand { ComplaintId = linked.Id, Message = "Which colour was it?" });
        await app.SendAsync<ComplaintView>(agent.Actor, new RecordCustomerMessageCommand { ComplaintId = linked.Id, Message = "Red." });
        await app.SendAsync<ComplaintView>(agent.Actor, new StartResolvingCommand { ComplaintId = linked.Id });
        await app.SendAsync<ComplaintView>(agent.Actor, new ResolveComplaintCommand
        {
            ComplaintId = linked.Id, Summary = "Replacement kettle sent.", Outcome = ResolutionOutcome.Upheld,
        });
        await app.SendAsync<ComplaintView>(agent.Actor, new StartFollowUpCommand { ComplaintId = linked.Id });
        var links = (await _steps.OutboxLinksAsync(linked.Id)).Prepend(linked.Url).Distinct().ToList();
        Assert.True(links.Count >= 5, $"Only {links.Count} links in the customer's messages.");
        using var client = StatusLinkSteps.Client(app, cookies: true);
        // One visit first: whatever a first visit legitimately sets up once (a data-protection key) exists before the print.
        using (var warm = await client.GetAsync(new Uri(links[0]).PathAndQuery, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, warm.StatusCode);
        }
        var before = await _steps.DatabasePrintAsync();

        foreach (var link in links)
        {
            var path = new Uri(link).AbsolutePath;
            foreach (var url in new[] { path, path + "?lang=zh-Hant", path + "?lang=zh-Hans" })
            {
                for (var i = 0; i < 10; i++)
                {
                    using var response = await client.GetAsync(url, Ct);
                    Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                }
            }
        }

        var after = await _steps.DatabasePrintAsync();
        Assert.Equal(before.Count, after.Count);
        Assert.All(before, table => Assert.True(after[table.Key] == table.Value, $"{table.Key} changed: {table.Value} → {after[table.Key]}"));
    }

    [Fact]
    public async Task Every_answer_under_s_carries_the_capability_headers_and_robots_txt_keeps_crawlers_out()
    {
        var agent = await app.CreateAgentAsync();
        var live = await _steps.AcknowledgedAsync(agent);
        var expired = await _steps.AcknowledgedAsync(agent, subject: "Expired case");
        await app.SendAsync<ComplaintView>(agent.Actor, new StartResolvingCommand { ComplaintId = expired.Id });
        await app.SendAsync<ComplaintView>(agent.Actor, new ResolveComplaintCommand
        {
            ComplaintId = expired.Id, Summary = "Refunded.", Outcome = ResolutionOutcome.Upheld,
        });
        await app.SendAsync<ComplaintView>(agent.Actor, new StartFollowUpCommand { ComplaintId = expired.Id });
        await app.SendAsync<ComplaintView>(agent.Actor, new ConfirmSatisfiedCommand { ComplaintId = expired.Id });
        app.Clock.Advance(TimeSpan.FromDays(91));
        await using var limited = app.WithWebHostBuilder(b => b.UseSetting("StatusLink:RequestsPerMinute", "1"));
        using var client = StatusLinkSteps.Client(app);
        using var limitedClient = StatusLinkSteps.Client(limited);

        var answers = new List<(string What, HttpResponseMessage Response, HttpStatusCode Expected)>
        {
            ("GET live", await client.GetAsync(live.Path, Ct), HttpStatusCode.OK),
            ("GET live in Chinese", await client.GetAsync(live.Path + "?lang=zh-Hant", Ct), HttpStatusCode.OK),
            ("GET unknown", await client.GetAsync("/s/" + StatusLinkToken.New(), Ct), HttpStatusCode.NotFound),
            ("GET malformed", await client.GetAsync("/s/..%2F", Ct), HttpStatusCode.NotFound),
            ("GET expired", await client.GetAsync(expired.Path, Ct), HttpStatusCode.Gone),
            ("POST without anti-forgery", await client.PostAsync(live.Path + "/message",
                new FormUrlEncodedContent([new("Message", "Hello")]), Ct), HttpStatusCode.BadRequest),
            ("GET first on a limited host", await limitedClient.GetAsync(live.Path, Ct), HttpStatusCode.OK),
            ("GET over the limit", await limitedClient.GetAsync(live.Path, Ct), HttpStatusCode.TooManyRequests),
        };
        try
        {
            foreach (var (what, response, expected) in answers)
            {
                Assert.True(response.StatusCode == expected, $"{what}: {(int)response.StatusCode}, expected {(int)expected}");
                StatusLinkSteps.AssertCapabilityHeaders(response, what);
            }
            var page = await answers[0].Response.Content.ReadAsStringAsync(Ct);
            Assert.Contains("<meta name=\"robots\" content=\"noindex", page, StringComparison.Ordinal);
            Assert.DoesNotContain("http://", page.Replace("http://www.w3.org", "", StringComparison.Ordinal), StringComparison.Ordinal);
            Assert.DoesNotContain("https://", page, StringComparison.Ordinal);
        }
        finally
        {
            foreach (var (_, response, _) in answers)
            {
                response.Dispose();
            }
        }

        using var robots = await client.GetAsync("/robots.txt", Ct);
        Assert.Equal(HttpStatusCode.OK, robots.StatusCode);
        var rules = (await robots.Content.ReadAsStringAsync(Ct)).Split('\n', StringSplitOptions.TrimEntries);
        Assert.Contains("User-agent: *", rules);
        Assert.Contains("Disallow: /s/", rules);
    }

    [Fact]
    public async Task An_unexpected_error_under_s_still_answers_with_the_capability_headers()
    {
        var agent = await app.CreateAgentAsync();
        var linked = await _steps.AcknowledgedAsync(agent);
        await using var failing = app.AnotherInstance(new FailingSave());
        using var visitor = StatusVisitor.On(failing);
        await visitor.OpenAsync(linked.Path);

        using var response = await visitor.PostAsync(linked.Path + "/message", ("message", "Hello?"));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        StatusLinkSteps.AssertCapabilityHeaders(response, "POST failing with 500");
    }

    /// <summary>Every save on this instance fails as if the database had gone away.</summary>
    private sealed class FailingSave : Microsoft.EntityFrameworkCore.Diagnostics.SaveChangesInterceptor
    {
        public override ValueTask<Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<int>> SavingChangesAsync(
            Microsoft.EntityFrameworkCore.Diagnostics.DbContextEventData eventData,
            Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<int> result, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("The database is gone.");
    }

    [Fact]
    public async Task No_staff_route_accepts_a_customer_token_as_bearer_or_cookie()
    {
        var agent = await app.CreateAgentAsync();
        var linked = await _steps.AcknowledgedAsync(agent);
        var endpoints = app.Services.GetRequiredService<Microsoft.AspNetCore.Routing.EndpointDataSource>().Endpoints
            .OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>().ToList();
        // A value each parameter's constraint accepts, so every request reaches the endpoint (and its authorization).
        string Fill(string template) => RouteParameter().Replace(template, m => m.Groups["name"].Value switch
        {
            _ when m.Value.Contains(":int", StringComparison.Ordinal) || m.Value.Contains(":long", StringComparison.Ordinal) => "1",
            "id" => linked.Id.ToString(),
            _ when m.Value.Contains(":guid", StringComparison.Ordinal) => Guid.NewGuid().ToString(),
            _ => "x",
        });
        // Every API route that does not say it is public, not only the complaints'.
        var api = endpoints
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api/", StringComparison.Ordinal)
                && e.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAllowAnonymous>() is null)
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IHttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(method => (Method: method, Path: Fill(e.RoutePattern.RawText!),
                    Accepts: e.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata>()?.ContentTypes.FirstOrDefault() ?? "application/json")))
            .Distinct().ToList();
        var pages = endpoints
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.Abstractions.ActionDescriptor>() is Microsoft.AspNetCore.Mvc.RazorPages.PageActionDescriptor
                && e.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAllowAnonymous>() is null)
            .Select(e => Fill("/" + e.RoutePattern.RawText!.TrimStart('/')))
            .Distinct().ToList();
        Assert.True(api.Count >= 40, $"Only {api.Count} staff API routes found.");
        Assert.Contains(api, r => r.Path.StartsWith("/api/v1/complaints/", StringComparison.Ordinal));
        Assert.Contains(api, r => !r.Path.StartsWith("/api/v1/complaints", StringComparison.Ordinal));
        Assert.True(pages.Count >= 5, $"Only {pages.Count} staff pages found.");

        foreach (var (scheme, configure) in new (string, Action<HttpRequestMessage>)[]
        {
            ("bearer", r => r.Headers.Authorization = StatusLinkSteps.Bearer(linked.Token)),
            ("bearer URL", r => r.Headers.Authorization = StatusLinkSteps.Bearer(linked.Url)),
            ("cookie", r => r.Headers.Add("Cookie", $"ComplaintDesk.Auth={linked.Token}")),
            ("both", r =>
            {
                r.Headers.Authorization = StatusLinkSteps.Bearer(linked.Token);
                r.Headers.Add("Cookie", $"ComplaintDesk.Auth={linked.Token}; .AspNetCore.Identity.Application={linked.Token}");
            }),
        })
        {
            using var client = StatusLinkSteps.Client(app);
            foreach (var (method, path, accepts) in api)
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), path);
                if (method is "POST" or "PUT" or "PATCH")
                {
                    request.Content = accepts.StartsWith("multipart/", StringComparison.Ordinal)
                        ? new MultipartFormDataContent { { new StringContent("x"), "file", "x.txt" } }
                        : new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
                }
                configure(request);
                using var response = await client.SendAsync(request, Ct);
                Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{scheme}: {method} {path} → {(int)response.StatusCode}");
            }
            foreach (var path in pages)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, path);
                configure(request);
                using var response = await client.SendAsync(request, Ct);
                Assert.True(response.StatusCode == HttpStatusCode.Redirect
                    && response.Headers.Location?.OriginalString.Contains("/Account/Login", StringComparison.Ordinal) == true,
                    $"{scheme}: GET {path} → {(int)response.StatusCode} {response.Headers.Location}");
            }
        }
    }

    [Fact]
    public async Task A_link_for_one_complaint_never_shows_or_changes_another()
    {
        var agent = await app.CreateAgentAsync();
        var a = await _steps.AcknowledgedAsync(agent, name: "Ann Alphason", subject: "Kettle alpha leaks");
        var b = await _steps.AcknowledgedAsync(agent, name: "Bob Bravoson", subject: "Toaster bravo burns");
        await app.SendAsync<ComplaintView>(agent.Actor, new StartResolvingCommand { ComplaintId = b.Id });
        await app.SendAsync<ComplaintView>(agent.Actor, new ResolveComplaintCommand
        {
            ComplaintId = b.Id, Summary = "Toaster replaced.", Outcome = ResolutionOutcome.Upheld,
        });
        await app.SendAsync<ComplaintView>(agent.Actor, new StartFollowUpCommand { ComplaintId = b.Id });
        var bBefore = await BSnapshotAsync(b.Id);
        using var visitor = StatusVisitor.On(app);

        var page = await visitor.OpenAsync(a.Path);
        Assert.Contains(a.Complaint.Reference, page, StringComparison.Ordinal);
        foreach (var secret in new[] { b.Complaint.Reference, "Toaster bravo", "Bob", "Bravoson", "Toaster replaced", b.Id.ToString(), b.Token })
        {
            Assert.DoesNotContain(secret, page, StringComparison.Ordinal);
        }

        // A form that names B (every name a binder might take) still speaks for A only.
        using var message = await visitor.PostAsync(a.Path + "/message", ("message", "Written through A's link."),
            ("complaintId", b.Id.ToString()), ("ComplaintId", b.Id.ToString()), ("id", b.Id.ToString()), ("token", b.Token));
        Assert.Equal(HttpStatusCode.SeeOther, message.StatusCode);
        using var followUp = await visitor.PostAsync(a.Path + "/followup", ("satisfied", "true"), ("score", "5"),
            ("complaintId", b.Id.ToString()), ("ComplaintId", b.Id.ToString()), ("id", b.Id.ToString()), ("token", b.Token));
        Assert.NotEqual(HttpStatusCode.SeeOther, followUp.StatusCode); // A is not in follow-up: refused, not redirected to B
        Assert.True(followUp.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.BadRequest, $"follow-up → {(int)followUp.StatusCode}");

        Assert.Equal(bBefore, await BSnapshotAsync(b.Id));
        var aEvents = await app.QueryDbAsync(db => db.TimelineEvents.AsNoTracking()
            .Where(e => e.ComplaintId == a.Id && e.Kind == TimelineEventKind.CustomerMessage).Select(e => e.Text).ToListAsync(Ct));
        Assert.Equal(["Written through A's link."], aEvents);
        var bPage = await visitor.OpenAsync(b.Path);
        Assert.DoesNotContain("Written through A", bPage, StringComparison.Ordinal);
        Assert.DoesNotContain(a.Complaint.Reference, bPage, StringComparison.Ordinal);
    }

    private Task<string> BSnapshotAsync(Guid id) => app.QueryDbAsync(async db =>
    {
        var complaint = await db.Complaints.AsNoTracking().SingleAsync(c => c.Id == id, Ct);
        var events = await db.TimelineEvents.CountAsync(e => e.ComplaintId == id, Ct);
        var attachments = await db.Attachments.CountAsync(e => e.ComplaintId == id, Ct);
        return $"{complaint.State} v{complaint.Version} events {events} attachments {attachments} satisfied {complaint.SatisfactionScore} closed {complaint.ClosedAt:O}";
    });

    [GeneratedRegex(@"\{(?<name>[A-Za-z]+)(:[^}]*)?\??\}")]
    private static partial Regex RouteParameter();
}
