using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ComplaintDesk.Application.Identity;
using ComplaintDesk.Domain.Compensation;
using ComplaintDesk.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ComplaintDesk.IntegrationTests.Api;

/// <summary>
/// The offer routes of the contract: POST/GET /api/v1/complaints/{id}/offers, GET /api/v1/offers/pending-approval,
/// POST /api/v1/offers/{offerId}/decision|answer|fulfil, PUT /api/v1/offers/{offerId} — every success and error,
/// field paths as the JSON names them, and extra JSON fields (mass assignment) having no effect on the stored row.
/// Seeded policy: TWD, agents 1,000, supervisors 20,000.
/// </summary>
public sealed class OfferApiTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static object Option(decimal amount, string kind = "partialRefund") =>
        new { kind, amount, customerText = $"We refund {amount}.", internalNote = "Goodwill." };

    private static object Offer(params decimal[] amounts) => new { options = amounts.Select(a => Option(a)).ToArray() };

    private static Task<HttpResponseMessage> SendRawAsync(HttpClient client, HttpMethod method, string url, string json, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(method, url) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }
        return client.SendAsync(request, Ct);
    }

    /// <summary>A new complaint (by the client's user) and an offer on it, as the API answers them.</summary>
    private static async Task<(Guid CaseId, JsonElement Offer)> OfferAsync(HttpClient client, params decimal[] amounts)
    {
        var created = await client.CreateComplaintAsync();
        using var response = await client.PostJsonAsync($"/api/v1/complaints/{created.Id}/offers", Offer(amounts));
        var offer = await response.JsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, offer.GetRawText());
        return (created.Id, offer);
    }

    private static Guid IdOf(JsonElement element) => element.GetProperty("id").GetGuid();

    private static Guid OptionId(JsonElement offer, int index = 0) => offer.GetProperty("options")[index].GetProperty("id").GetGuid();

    private Task<CompensationOffer> StoredAsync(Guid offerId) =>
        app.QueryDbAsync(db => db.Offers.AsNoTracking().SingleAsync(o => o.Id == offerId, Ct));

    private Task<int> OffersOnAsync(Guid caseId) => app.QueryDbAsync(db => db.Offers.CountAsync(o => o.ComplaintId == caseId, Ct));

    private Task<List<LedgerLine>> LedgerAsync(Guid caseId) =>
        app.QueryDbAsync(db => db.Ledger.AsNoTracking().Where(l => l.ComplaintId == caseId).ToListAsync(Ct));

    // ---- POST /api/v1/complaints/{id}/offers ----

    [Fact]
    public async Task Making_an_offer_is_a_201_with_its_location_and_the_contracts_shape()
    {
        var agent = await app.CreateAgentAsync();
        var client = await app.ClientForAsync(agent);
        var created = await client.CreateComplaintAsync();

        using var response = await client.PostJsonAsync($"/api/v1/complaints/{created.Id}/offers", new
        {
            options = new object[]
            {
                new { kind = "partialRefund", amount = 350.50m, currency = "TWD", customerText = "We refund 350.50.", internalNote = "Dent." },
                new { kind = "shippingFeeWaiver", amount = 80m, customerText = "No shipping fee on your next order." },
            },
        }, created.ETag);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal($"/api/v1/complaints/{created.Id}/offers", response.Headers.Location?.OriginalString);
        var offer = await response.JsonAsync();
        Assert.Equal((1, "offered", created.Id), (offer.GetProperty("version").GetInt32(), offer.Str("state"), offer.GetProperty("complaintId").GetGuid()));
        var options = offer.GetProperty("options").EnumerateArray().ToList();
        Assert.Equal([("partialRefund", 350.50m, "TWD", "We refund 350.50."), ("shippingFeeWaiver", 80m, "TWD", "No shipping fee on your next order.")],
            options.Select(o => (o.Str("kind"), o.GetProperty("amount").GetDecimal(), o.Str("currency"), o.Str("customerText"))));
        Assert.All(options, o => Assert.NotEqual(Guid.Empty, o.GetProperty("id").GetGuid()));
        Assert.Equal(JsonValueKind.String, offer.GetProperty("answerBy").ValueKind);
        var proposedBy = offer.GetProperty("proposedBy");
        Assert.Equal((agent.Id, agent.DisplayName), (proposedBy.Str("id"), proposedBy.Str("name")));
        Assert.Equal(OfferState.Offered, (await StoredAsync(IdOf(offer))).State);
    }

    [Fact]
    public async Task An_offer_above_the_agents_limit_is_created_awaiting_approval()
    {
        var client = await app.ClientForAsync(await app.CreateAgentAsync());

        var (_, offer) = await OfferAsync(client, 1000.01m);

        Assert.Equal("awaitingApproval", offer.Str("state"));
        Assert.Equal(JsonValueKind.Null, offer.GetProperty("answerBy").ValueKind);
    }

    [Fact]
    public async Task A_stale_or_malformed_if_match_is_a_412_and_nothing_is_written()
    {
        var client = await app.ClientForAsync(await app.CreateAgentAsync());
        var created = await client.CreateComplaintAsync();
        using (var acknowledged = await client.PostJsonAsync($"/api/v1/complaints/{created.Id}/acknowledge"))
        {
            Assert.Equal(HttpStatusCode.OK, acknowledged.StatusCode);
        }

        using var stale = await client.PostJsonAsync($"/api/v1/complaints/{created.Id}/offers", Offer(100m), created.ETag);
        using var malformed = await client.PostJsonAsync($"/api/v1/complaints/{created.Id}/offers", Offer(100m), "not-an-etag");

        await stale.AssertProblemAsync(HttpStatusCode.PreconditionFailed, "/problems/precondition-failed");
        await malformed.AssertProblemAsync(HttpStatusCode.PreconditionFailed, "/problems/precondition-failed");
        Assert.Equal(0, await OffersOnAsync(created.Id));
    }

    [Theory]
    [InlineData("0", "options[0].amount")]
    [InlineData("-1", "options[0].amount")]
    [InlineData("12.345", "options[0].amount")]
    [InlineData("10000000.01", "options[0].amount")]
    [InlineData("1e30", "options[0].amount")]
    [InlineData("\"NaN\"", "options[0].amount")]
    [InlineData("NaN", "options[0].amount")]
    [InlineData("\"ten\"", "options[0].amount")]
    [InlineData("true", "options[0].amount")]
    [InlineData("null", "options[0].amount")]
    public async Task A_bad_amount_is_a_400_naming_the_option_and_nothing_is_written(string amount, string field)
    {
        var client = await app.ClientForAsync(await app.CreateAgentAsync());
        var created = await client.CreateComplaintAsync();

        using var response = await SendRawAsync(client, HttpMethod.Post, $"/api/v1/complaints/{created.Id}/offers",
            $$"""{"options": [{"kind": "voucher", "amount": {{amount}}, "customerText": "A voucher."}]}""");

        await response.AssertFieldErrorAsync(field);
        Assert.Equal(0, await OffersOnAsync(created.Id));
    }

    [Theory]
    [InlineData("""[{"kind": "voucher", "amount": 10, "customerText": "A."}, {"kind": "voucher", "amount": 10, "currency": "USD", "customerText": "B."}]""", "options[1].currency")]
    [InlineData("""[{"kind": "cash", "amount": 10, "customerText": "A."}]""", "options[0].kind")]
    [InlineData("""[{"kind": 3, "amount": 10, "customerText": "A."}]""", "options[0].kind")]
    [InlineData("""[{"kind": "voucher", "amount": 10}]""", "options[0].customerText")]
    [InlineData("""[]""", "options")]
    [InlineData("""[{"kind": "voucher", "amount": 1, "customerText": "A."}, {"kind": "voucher", "amount": 2, "customerText": "B."}, {"kind": "voucher", "amount": 3, "customerText": "C."}, {"kind": "voucher", "amount": 4, "customerText": "D."}]""", "options")]
    [InlineData("null", "options")]
    public async Task A_bad_option_list_is_a_400_naming_the_field_and_nothing_is_written(string options, string field)
    {
        var client = await app.ClientForAsync(await app.CreateAgentAsync());
        var created = await client.CreateComplaintAsync();

        using var response = await SendRawAsync(client, HttpMethod.Post, $"/api/v1/complaints/{created.Id}/offers", $$"""{"options": {{options}}}""");

        await response.AssertFieldErrorAsync(field);
        Assert.Equal(0, await OffersOnAsync(created.Id));
    }

    [Fact]
    public async Task A_kind_the_policy_disabled_is_a_400_on_the_options_kind()
    {
        var client = await app.ClientForAsync(await app.CreateAgentAsync());
        var created = await client.CreateComplaintAsync();
        await ChangeKindsAsync(Enum.GetValues<CompensationKind>().Where(k => k != CompensationKind.Gift));
        try
        {
            using var response = await client.PostJsonAsync($"/api/v1/complaints/{created.Id}/offers", new { options = new[] { Option(10m), Option(20m, "gift") } });

            await response.AssertFieldErrorAsync("options[1].kind");
            Assert.Equal(0, await OffersOnAsync(created.Id));
        }
        finally
        {
            await ChangeKindsAsync(Enum.GetValues<CompensationKind>());
        }
    }

    private Task ChangeKindsAsync(IEnumerable<CompensationKind> enabled) => app.QueryDbAsync(async db =>
    {
        var policy = await db.CompensationPolicies.SingleAsync(p => p.Id == CompensationPolicy.SingletonId, Ct);
        policy.Change(enabled, policy.Currency, policy.AgentLimit, policy.SupervisorLimit, policy.WarningThreshold, policy.UserLimits);
        return await db.SaveChangesAsync(Ct);
    });

    [Fact]
    public async Task A_second_open_offer_is_a_409_and_an_unknown_complaint_a_404()
    {
        var client = await app.ClientForAsync(await app.CreateAgentAsync());
        var (caseId, _) = await OfferAsync(client, 100m);

        using var second = await client.PostJsonAsync($"/api/v1/complaints/{caseId}/offers", Offer(50m));
        using var unknown = await client.PostJsonAsync($"/api/v1/complaints/{Guid.NewGuid()}/offers", Offer(50m));

        await second.AssertProblemAsync(HttpStatusCode.Conflict, "/problems/offer-already-open");
        await unknown.AssertProblemAsync(HttpStatusCode.NotFound, "/problems/not-found");
        Assert.Equal(1, await OffersOnAsync(caseId));
    }

    // ---- GET /api/v1/complaints/{id}/offers ----

    [Fact]
    public async Task The_cases_offers_are_listed_newest_first()
    {
        var client = await app.ClientForAsync(await app.CreateAgentAsync());
        var (caseId, first) = await OfferAsync(client, 100m);
        using (var declined = await client.PostJsonAsync($"/api/v1/offers/{IdOf(first)}/answer", new { offerVersion = 1, declined = true, reason = "No." }))
        {
            Assert.Equal(HttpStatusCode.OK, declined.StatusCode);
        }
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        using var made = await client.PostJsonAsync($"/api/v1/complaints/{caseId}/offers", Offer(200m, 300m));
        var second = await made.JsonAsync();

        using var response = await client.GetAsync($"/api/v1/complaints/{caseId}/offers", Ct);
        using var unknown = await client.GetAsync($"/api/v1/complaints/{Guid.NewGuid()}/offers", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var listed = (await response.JsonAsync()).EnumerateArray().ToList();
        Assert.Equal([IdOf(second), IdOf(first)], listed.Select(IdOf));
        Assert.Equal(["offered", "declined"], listed.Select(o => o.Str("state")));
        await unknown.AssertProblemAsync(HttpStatusCode.NotFound, "/problems/not-found");
    }

    // ---- GET /api/v1/offers/pending-approval ----

    [Fact]
    public async Task The_inbox_lists_what_awaits_approval_with_the_case_and_the_customer()
    {
        var agent = await app.ClientForAsync(await app.CreateAgentAsync());
        var supervisor = await app.ClientForAsync(await app.CreateSupervisorAsync());
        var (caseId, offer) = await OfferAsync(agent, 1500m);
        var complaint = await agent.GetComplaintAsync(caseId);

        using var response = await supervisor.GetAsync("/api/v1/offers/pending-approval", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var inbox = await response.JsonAsync();
        Assert.Equal(JsonValueKind.False, inbox.GetProperty("more").ValueKind);
        var item = Assert.Single(inbox.GetProperty("items").EnumerateArray(), i => IdOf(i.GetProperty("offer")) == IdOf(offer));
        Assert.Equal((caseId, complaint.Str("reference"), complaint.Str("subject"), "high", "productQuality", "Mia Customer"),
            (item.GetProperty("complaintId").GetGuid(), item.Str("reference"), item.Str("subject"), item.Str("severity"), item.Str("category"), item.Str("customerName")));
        Assert.Equal((0m, false, false), (item.GetProperty("customerCompensationLast12Months").GetDecimal(),
            item.GetProperty("aboveWarningThreshold").GetBoolean(), item.GetProperty("proposedByYou").GetBoolean()));
        Assert.Equal("awaitingApproval", item.GetProperty("offer").Str("state"));
        Assert.Equal(offer.GetProperty("proposedBy").Str("id"), item.GetProperty("proposedBy").Str("id"));
    }

    // ---- POST /api/v1/offers/{offerId}/decision ----

    [Fact]
    public async Task A_supervisor_decides_an_offer_awaiting_approval()
    {
        var agent = await app.ClientForAsync(await app.CreateAgentAsync());
        var supervisorUser = await app.CreateSupervisorAsync();
        var supervisor = await app.ClientForAsync(supervisorUser);
        var (_, offer) = await OfferAsync(agent, 1500m);

        using var response = await supervisor.PostJsonAsync($"/api/v1/offers/{IdOf(offer)}/decision", new { approved = true, comment = "Fair." });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var decided = await response.JsonAsync();
        Assert.Equal(("offered", supervisorUser.Id, "Fair."), (decided.Str("state"), decided.GetProperty("decidedBy").Str("id"), decided.Str("decisionComment")));
        Assert.Equal(JsonValueKind.String, decided.GetProperty("answerBy").ValueKind);
    }

    [Fact]
    public async Task Decision_errors_400_404_409_and_the_proposer_403()
    {
        var agent = await app.ClientForAsync(await app.CreateAgentAsync());
        var supervisor = await app.ClientForAsync(await app.CreateSupervisorAsync());
        var (_, waiting) = await OfferAsync(agent, 1500m);
        var (_, offered) = await OfferAsync(agent, 100m);
        var (_, own) = await OfferAsync(supervisor, 25000m);

        using var noComment = await supervisor.PostJsonAsync($"/api/v1/offers/{IdOf(waiting)}/decision", new { approved = true });
        using var notJson = await supervisor.PostRawJsonAsync($"/api/v1/offers/{IdOf(waiting)}/decision", """{"approved": "perhaps", "comment": "?"}""");
        using var unknown = await supervisor.PostJsonAsync($"/api/v1/offers/{Guid.NewGuid()}/decision", new { approved = true, comment = "Fine." });
        using var notSubmitted = await supervisor.PostJsonAsync($"/api/v1/offers/{IdOf(offered)}/decision", new { approved = true, comment = "Fine." });
        using var ownOffer = await supervisor.PostJsonAsync($"/api/v1/offers/{IdOf(own)}/decision", new { approved = true, comment = "Mine." });

        await noComment.AssertFieldErrorAsync("comment");
        await notJson.AssertFieldErrorAsync("approved");
        await unknown.AssertProblemAsync(HttpStatusCode.NotFound, "/problems/not-found");
        await notSubmitted.AssertProblemAsync(HttpStatusCode.Conflict, "/problems/offer-state-not-allowed");
        await ownOffer.AssertProblemAsync(HttpStatusCode.Forbidden, "/problems/forbidden");
        Assert.Equal(OfferState.AwaitingApproval, (await StoredAsync(IdOf(waiting))).State);
        Assert.Equal(OfferState.AwaitingApproval, (await StoredAsync(IdOf(own))).State);
        Assert.Null((await StoredAsync(IdOf(offered))).DecidedById);
    }

    // ---- POST /api/v1/offers/{offerId}/answer ----

    [Fact]
    public async Task Recording_the_customers_choice_is_a_200_with_the_accepted_offer()
    {
        var client = await app.ClientForAsync(await app.CreateAgentAsync());
        var (caseId, offer) = await OfferAsync(client, 120m, 240m);

        using var response = await client.PostJsonAsync($"/api/v1/offers/{IdOf(offer)}/answer", new { offerVersion = 1, optionId = OptionId(offer, 1) });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answered = await response.JsonAsync();
        Assert.Equal(("accepted", OptionId(offer, 1)), (answered.Str("state"), answered.GetProperty("acceptedOptionId").GetGuid()));
        Assert.Equal(240m, Assert.Single(await LedgerAsync(caseId)).Amount);
    }

    [Fact]
    public async Task A_decline_with_a_reason_is_a_200()
    {
        var client = await app.ClientForAsync(await app.CreateAgentAsync());
        var (caseId, offer) = await OfferAsync(client, 120m);

        using var response = await client.PostJsonAsync($"/api/v1/offers/{IdOf(offer)}/answer", new { offerVersion = 1, declined = true, reason = "Not enough." });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answered = await response.JsonAsync();
        Assert.Equal(("declined", "Not enough."), (answered.Str("state"), answered.Str("declineReason")));
        Assert.Empty(await LedgerAsync(caseId));
    }

    [Fact]
    public async Task An_answer_to_an_old_version_is_a_409_that_shows_the_current_offer()
    {
        var client = await app.ClientForAsync(await app.CreateAgentAsync());
        var (caseId, offer) = await OfferAsync(client, 900m);
        using (var revised = await client.PutAsJsonAsync($"/api/v1/offers/{IdOf(offer)}", Offer(400m, 500m), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, revised.StatusCode);
        }

        using var response = await client.PostJsonAsync($"/api/v1/offers/{IdOf(offer)}/answer", new { offerVersion = 1, optionId = OptionId(offer) });

        var problem = await response.AssertProblemAsync(HttpStatusCode.Conflict, "/problems/offer-version-stale");
        Assert.Contains("current version is 2", problem.Str("detail"), StringComparison.Ordinal);
        var current = problem.GetProperty("currentOffer");
        Assert.Equal((IdOf(offer), 2, "offered"), (IdOf(current), current.GetProperty("version").GetInt32(), current.Str("state")));
        Assert.Equal([400m, 500m], current.GetProperty("options").EnumerateArray().Select(o => o.GetProperty("amount").GetDecimal()));
        Assert.True(problem.TryGetProperty("traceId", out _));
        Assert.Empty(await LedgerAsync(caseId));
    }

    [Fact]
    public async Task Answer_errors_400_404_and_409_for_a_second_answer_or_one_before_approval()
    {
        var client = await app.ClientForAsync(await app.CreateAgentAsync());
        var (caseId, offer) = await OfferAsync(client, 120m);
        var (_, waiting) = await OfferAsync(client, 1500m);
        var url = $"/api/v1/offers/{IdOf(offer)}/answer";

        using var noVersion = await client.PostJsonAsync(url, new { optionId = OptionId(offer) });
        using var nothingChosen = await client.PostJsonAsync(url, new { offerVersion = 1 });
        using var noReason = await client.PostJsonAsync(url, new { offerVersion = 1, declined = true });
        using var badOption = await client.PostRawJsonAsync(url, """{"offerVersion": 1, "optionId": "not-a-guid"}""");
        using var unknown = await client.PostJsonAsync($"/api/v1/offers/{Guid.NewGuid()}/answer", new { offerVersion = 1, optionId = OptionId(offer) });
        using var beforeApproval = await client.PostJsonAsync($"/api/v1/offers/{IdOf(waiting)}/answer", new { offerVersion = 1, optionId = OptionId(waiting) });
        using var first = await client.PostJsonAsync(url, new { offerVersion = 1, optionId = OptionId(offer) });
        using var second = await client.PostJsonAsync(url, new { offerVersion = 1, declined = true, reason = "Changed my mind." });

        await noVersion.AssertFieldErrorAsync("offerVersion");
        await nothingChosen.AssertFieldErrorAsync("optionId");
        await noReason.AssertFieldErrorAsync("reason");
        await badOption.AssertFieldErrorAsync("optionId");
        await unknown.AssertProblemAsync(HttpStatusCode.NotFound, "/problems/not-found");
        await beforeApproval.AssertProblemAsync(HttpStatusCode.Conflict, "/problems/offer-state-not-allowed");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        await second.AssertProblemAsync(HttpStatusCode.Conflict, "/problems/offer-state-not-allowed");
        Assert.Equal(OfferState.Accepted, (await StoredAsync(IdOf(offer))).State);
        Assert.Single(await LedgerAsync(caseId));
    }

    // ---- POST /api/v1/offers/{offerId}/fulfil ----

    [Fact]
    public async Task Fulfilment_is_a_200_once_accepted_and_409_otherwise()
    {
        var agentUser = await app.CreateAgentAsync();
        var client = await app.ClientForAsync(agentUser);
        var (_, offer) = await OfferAsync(client, 120m);
        var url = $"/api/v1/offers/{IdOf(offer)}/fulfil";

        using var tooEarly = await client.PostJsonAsync(url, new { reference = "R-1" });
        using (var accepted = await client.PostJsonAsync($"/api/v1/offers/{IdOf(offer)}/answer", new { offerVersion = 1, optionId = OptionId(offer) }))
        {
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        }
        using var noReference = await client.PostJsonAsync(url, new { reference = "" });
        using var unknown = await client.PostJsonAsync($"/api/v1/offers/{Guid.NewGuid()}/fulfil", new { reference = "R-1" });
        using var done = await client.PostJsonAsync(url, new { reference = "R-1" });
        using var again = await client.PostJsonAsync(url, new { reference = "R-2" });

        await tooEarly.AssertProblemAsync(HttpStatusCode.Conflict, "/problems/offer-state-not-allowed");
        await noReference.AssertFieldErrorAsync("reference");
        await unknown.AssertProblemAsync(HttpStatusCode.NotFound, "/problems/not-found");
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        var fulfilled = await done.JsonAsync();
        Assert.Equal(("fulfilled", "R-1", agentUser.DisplayName), (fulfilled.Str("state"), fulfilled.Str("fulfilmentReference"), fulfilled.Str("fulfilledBy")));
        await again.AssertProblemAsync(HttpStatusCode.Conflict, "/problems/offer-state-not-allowed");
    }

    // ---- PUT /api/v1/offers/{offerId} ----

    [Fact]
    public async Task Revising_is_a_200_with_a_new_version_and_errors_as_making()
    {
        var client = await app.ClientForAsync(await app.CreateAgentAsync());
        var (_, offer) = await OfferAsync(client, 300m);
        var (_, answered) = await OfferAsync(client, 300m);
        using (var accepted = await client.PostJsonAsync($"/api/v1/offers/{IdOf(answered)}/answer", new { offerVersion = 1, optionId = OptionId(answered) }))
        {
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        }

        using var revised = await client.PutAsJsonAsync($"/api/v1/offers/{IdOf(offer)}", Offer(250m, 350m), Ct);
        using var badAmount = await SendRawAsync(client, HttpMethod.Put, $"/api/v1/offers/{IdOf(offer)}",
            """{"options": [{"kind": "voucher", "amount": 1.005, "customerText": "A."}]}""");
        using var unknown = await client.PutAsJsonAsync($"/api/v1/offers/{Guid.NewGuid()}", Offer(10m), Ct);
        using var afterAnswer = await client.PutAsJsonAsync($"/api/v1/offers/{IdOf(answered)}", Offer(10m), Ct);

        Assert.Equal(HttpStatusCode.OK, revised.StatusCode);
        var body = await revised.JsonAsync();
        Assert.Equal((IdOf(offer), 2, "offered"), (IdOf(body), body.GetProperty("version").GetInt32(), body.Str("state")));
        await badAmount.AssertFieldErrorAsync("options[0].amount");
        await unknown.AssertProblemAsync(HttpStatusCode.NotFound, "/problems/not-found");
        await afterAnswer.AssertProblemAsync(HttpStatusCode.Conflict, "/problems/offer-state-not-allowed");
        Assert.Equal(2, (await StoredAsync(IdOf(offer))).Version);
    }

    // ---- the case around the offers ----

    [Fact]
    public async Task Resolving_with_an_offer_awaiting_approval_is_a_409()
    {
        var client = await app.ClientForAsync(await app.CreateAgentAsync());
        var (caseId, _) = await OfferAsync(client, 1500m);
        foreach (var step in new[] { "acknowledge", "start-resolving" })
        {
            using var moved = await client.PostJsonAsync($"/api/v1/complaints/{caseId}/{step}");
            Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        }

        using var response = await client.PostJsonAsync($"/api/v1/complaints/{caseId}/resolve", new { summary = "Settled.", outcome = "upheld" });

        await response.AssertProblemAsync(HttpStatusCode.Conflict, "/problems/offer-awaiting-approval");
        Assert.Equal("resolving", (await client.GetComplaintAsync(caseId)).Str("state"));
    }

    [Fact]
    public async Task The_customers_12_month_compensation_on_the_complaint_and_the_customer_rises_after_an_accept()
    {
        var client = await app.ClientForAsync(await app.CreateAgentAsync());
        var (caseId, offer) = await OfferAsync(client, 199.99m);
        var customerId = (await client.GetComplaintAsync(caseId)).GetProperty("customer").GetProperty("id").GetGuid();
        Assert.Equal(0m, (await client.GetComplaintAsync(caseId)).GetProperty("customer").GetProperty("compensationLast12Months").GetDecimal());

        using (var accepted = await client.PostJsonAsync($"/api/v1/offers/{IdOf(offer)}/answer", new { offerVersion = 1, optionId = OptionId(offer) }))
        {
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        }

        Assert.Equal(199.99m, (await client.GetComplaintAsync(caseId)).GetProperty("customer").GetProperty("compensationLast12Months").GetDecimal());
        using var customer = await client.GetAsync($"/api/v1/customers/{customerId}", Ct);
        Assert.Equal(199.99m, (await customer.JsonAsync()).GetProperty("compensationLast12Months").GetDecimal());
    }

    // ---- mass assignment: fields a body must not set ----

    [Fact]
    public async Task Making_an_offer_ignores_state_approver_version_and_ids_in_the_body()
    {
        var agent = await app.CreateAgentAsync();
        var supervisor = await app.CreateSupervisorAsync();
        var client = await app.ClientForAsync(agent);
        var created = await client.CreateComplaintAsync();
        var other = await client.CreateComplaintAsync();
        var sentId = Guid.NewGuid();

        using var response = await SendRawAsync(client, HttpMethod.Post, $"/api/v1/complaints/{created.Id}/offers", $$"""
            {"id": "{{sentId}}", "complaintId": "{{other.Id}}", "state": "accepted", "status": "offered", "approvedBy": "{{supervisor.Id}}",
             "decidedBy": "{{supervisor.Id}}", "decidedById": "{{supervisor.Id}}", "proposedById": "{{supervisor.Id}}", "version": 7, "amount": 1,
             "expectedVersion": 1, "acceptedOptionId": "{{Guid.NewGuid()}}",
             "options": [{"id": "{{sentId}}", "kind": "fullRefund", "amount": 1500, "currency": "TWD", "customerText": "All of it.",
                          "position": 9, "state": "offered", "approvedBy": "{{supervisor.Id}}"}]}
            """);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var stored = await StoredAsync(IdOf(await response.JsonAsync()));
        Assert.NotEqual(sentId, stored.Id);
        Assert.Equal((created.Id, OfferState.AwaitingApproval, 1, agent.Id, (string?)null, (Guid?)null),
            (stored.ComplaintId, stored.State, stored.Version, stored.ProposedById, stored.DecidedById, stored.AcceptedOptionId));
        var option = Assert.Single(stored.Options);
        Assert.Equal((1, 1500m), (option.Position, option.Amount));
        Assert.NotEqual(sentId, option.Id);
        Assert.Equal(0, await OffersOnAsync(other.Id));
    }

    [Fact]
    public async Task A_decision_ignores_state_approver_version_and_amount_in_the_body()
    {
        var agent = await app.CreateAgentAsync();
        var supervisor = await app.CreateSupervisorAsync();
        var client = await app.ClientForAsync(agent);
        var supervisorClient = await app.ClientForAsync(supervisor);
        var (_, offer) = await OfferAsync(client, 1500m);

        using var response = await SendRawAsync(supervisorClient, HttpMethod.Post, $"/api/v1/offers/{IdOf(offer)}/decision", $$"""
            {"approved": true, "comment": "Fine.", "offerId": "{{Guid.NewGuid()}}", "state": "fulfilled", "status": "accepted",
             "approvedBy": "{{agent.Id}}", "decidedBy": "{{agent.Id}}", "version": 5, "amount": 1, "options": [{"amount": 1}]}
            """);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stored = await StoredAsync(IdOf(offer));
        Assert.Equal((OfferState.Offered, 1, supervisor.Id, 1500m), (stored.State, stored.Version, stored.DecidedById, Assert.Single(stored.Options).Amount));
    }

    [Fact]
    public async Task An_answer_ignores_state_approver_version_and_amount_in_the_body()
    {
        var agent = await app.CreateAgentAsync();
        var supervisor = await app.CreateSupervisorAsync();
        var client = await app.ClientForAsync(agent);
        var (caseId, offer) = await OfferAsync(client, 480m);

        using var response = await SendRawAsync(client, HttpMethod.Post, $"/api/v1/offers/{IdOf(offer)}/answer", $$"""
            {"offerVersion": 1, "optionId": "{{OptionId(offer)}}", "offerId": "{{Guid.NewGuid()}}", "state": "fulfilled", "status": "fulfilled",
             "approvedBy": "{{supervisor.Id}}", "decidedBy": "{{supervisor.Id}}", "version": 9, "amount": 0.01, "currency": "USD"}
            """);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stored = await StoredAsync(IdOf(offer));
        Assert.Equal((OfferState.Accepted, 1, (string?)null, 480m), (stored.State, stored.Version, stored.DecidedById, stored.AcceptedOption!.Amount));
        var line = Assert.Single(await LedgerAsync(caseId));
        Assert.Equal((480m, "TWD"), (line.Amount, line.Currency));
    }

    [Fact]
    public async Task A_fulfilment_ignores_state_version_amount_and_who_in_the_body()
    {
        var agent = await app.CreateAgentAsync();
        var client = await app.ClientForAsync(agent);
        var (caseId, offer) = await OfferAsync(client, 75m);
        using (var accepted = await client.PostJsonAsync($"/api/v1/offers/{IdOf(offer)}/answer", new { offerVersion = 1, optionId = OptionId(offer) }))
        {
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        }

        using var response = await SendRawAsync(client, HttpMethod.Post, $"/api/v1/offers/{IdOf(offer)}/fulfil", """
            {"reference": "R-9", "state": "accepted", "status": "accepted", "version": 3, "amount": 5000, "fulfilledBy": "Someone Else",
             "approvedBy": "x", "decidedBy": "x"}
            """);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stored = await StoredAsync(IdOf(offer));
        Assert.Equal((OfferState.Fulfilled, 1, agent.DisplayName, (string?)null, 75m),
            (stored.State, stored.Version, stored.FulfilledByName, stored.DecidedById, stored.AcceptedOption!.Amount));
        Assert.Equal(75m, Assert.Single(await LedgerAsync(caseId)).Amount);
    }

    [Fact]
    public async Task A_revision_ignores_state_approver_and_version_in_the_body()
    {
        var agent = await app.CreateAgentAsync();
        var supervisor = await app.CreateSupervisorAsync();
        var client = await app.ClientForAsync(agent);
        var (_, offer) = await OfferAsync(client, 300m);

        using var response = await SendRawAsync(client, HttpMethod.Put, $"/api/v1/offers/{IdOf(offer)}", $$"""
            {"offerId": "{{Guid.NewGuid()}}", "state": "offered", "status": "offered", "approvedBy": "{{supervisor.Id}}", "decidedBy": "{{supervisor.Id}}",
             "version": 1, "amount": 10,
             "options": [{"kind": "fullRefund", "amount": 2500, "customerText": "All of it.", "state": "offered", "approvedBy": "{{supervisor.Id}}"}]}
            """);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stored = await StoredAsync(IdOf(offer));
        Assert.Equal((OfferState.AwaitingApproval, 2, (string?)null, 2500m), (stored.State, stored.Version, stored.DecidedById, Assert.Single(stored.Options).Amount));
    }

    // ---- who may call what ----

    [Fact]
    public async Task An_agent_calling_the_supervisor_routes_is_refused_with_403()
    {
        var agent = await app.ClientForAsync(await app.CreateAgentAsync());
        var (_, offer) = await OfferAsync(agent, 1500m);

        using var inbox = await agent.GetAsync("/api/v1/offers/pending-approval", Ct);
        using var decision = await agent.PostJsonAsync($"/api/v1/offers/{IdOf(offer)}/decision", new { approved = true, comment = "Approving my own." });

        await inbox.AssertProblemAsync(HttpStatusCode.Forbidden, "/problems/forbidden");
        await decision.AssertProblemAsync(HttpStatusCode.Forbidden, "/problems/forbidden");
        Assert.Equal(OfferState.AwaitingApproval, (await StoredAsync(IdOf(offer))).State);
    }

    [Fact]
    public async Task Administrators_get_403_and_anonymous_callers_401_on_every_offer_route()
    {
        var agent = await app.ClientForAsync(await app.CreateAgentAsync());
        var admin = await app.ClientForAsync(await app.CreateUserAsync("Ada Admin", Roles.Admin));
        var anonymous = app.AnonymousClient();
        var (caseId, offer) = await OfferAsync(agent, 100m);
        var offerId = IdOf(offer);
        (HttpMethod Method, string Url, object? Body)[] routes =
        [
            (HttpMethod.Post, $"/api/v1/complaints/{caseId}/offers", Offer(10m)),
            (HttpMethod.Get, $"/api/v1/complaints/{caseId}/offers", null),
            (HttpMethod.Get, "/api/v1/offers/pending-approval", null),
            (HttpMethod.Post, $"/api/v1/offers/{offerId}/decision", new { approved = true, comment = "Fine." }),
            (HttpMethod.Post, $"/api/v1/offers/{offerId}/answer", new { offerVersion = 1, optionId = OptionId(offer) }),
            (HttpMethod.Post, $"/api/v1/offers/{offerId}/fulfil", new { reference = "R-1" }),
            (HttpMethod.Put, $"/api/v1/offers/{offerId}", Offer(10m)),
        ];
        var before = await StoredAsync(offerId);

        foreach (var (method, url, body) in routes)
        {
            foreach (var (client, status) in new[] { (admin, HttpStatusCode.Forbidden), (anonymous, HttpStatusCode.Unauthorized) })
            {
                using var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
                using var response = await client.SendAsync(request, Ct);
                Assert.True(response.StatusCode == status, $"{method} {url}: expected {(int)status}, got {(int)response.StatusCode}");
            }
        }

        var after = await StoredAsync(offerId);
        Assert.Equal((before.State, before.Version, before.RowVersion), (after.State, after.Version, after.RowVersion));
        Assert.Equal(1, await OffersOnAsync(caseId));
    }

    [Fact]
    public void Every_offer_route_is_bearer_only_for_case_handlers_and_deciding_is_for_supervisors()
    {
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } route
                && (route.StartsWith("/api/v1/offers", StringComparison.Ordinal) || route.EndsWith("/offers", StringComparison.Ordinal)))
            .ToList();

        Assert.Equal(7, endpoints.Count);
        static IEnumerable<string[]> Roles(RouteEndpoint e) => e.Metadata.GetOrderedMetadata<AuthorizationPolicy>()
            .SelectMany(p => p.Requirements.OfType<RolesAuthorizationRequirement>()).Select(r => r.AllowedRoles.ToArray());
        Assert.All(endpoints, e =>
        {
            Assert.Null(e.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAllowAnonymous>());
            var policies = e.Metadata.GetOrderedMetadata<AuthorizationPolicy>();
            Assert.NotEmpty(policies);
            Assert.All(policies, p => Assert.Equal([IdentityConstants.BearerScheme], p.AuthenticationSchemes));
            Assert.Contains(Roles(e), r => r.Order().SequenceEqual(["Agent", "Supervisor"]));
            Assert.DoesNotContain(Roles(e), r => r.Contains("Admin"));
        });
        var supervisorOnly = endpoints.Where(e => e.RoutePattern.RawText!.EndsWith("/decision", StringComparison.Ordinal)
            || e.RoutePattern.RawText!.EndsWith("/pending-approval", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, supervisorOnly.Count);
        Assert.All(supervisorOnly, e => Assert.Contains(Roles(e), r => r.SequenceEqual(["Supervisor"])));
    }

    [Fact]
    public async Task The_openapi_document_lists_the_offer_routes()
    {
        using var response = await app.AnonymousClient().GetAsync("/openapi/v1.json", Ct);

        var paths = (await response.JsonAsync()).GetProperty("paths");
        foreach (var (path, method) in new[]
                 {
                     ("/api/v1/complaints/{id}/offers", "post"), ("/api/v1/complaints/{id}/offers", "get"),
                     ("/api/v1/offers/pending-approval", "get"), ("/api/v1/offers/{offerId}/decision", "post"),
                     ("/api/v1/offers/{offerId}/answer", "post"), ("/api/v1/offers/{offerId}/fulfil", "post"),
                     ("/api/v1/offers/{offerId}", "put"),
                 })
        {
            Assert.True(paths.TryGetProperty(path, out var item) && item.TryGetProperty(method, out _), $"{method} {path} is not in the document");
        }
    }
}
