using System.Net;
using ComplaintDesk.Application.Features.Compensation;
using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.Application.Features.Replies;
using ComplaintDesk.Domain.Compensation;
using ComplaintDesk.Domain.Complaints;
using ComplaintDesk.Domain.Notifications;
using ComplaintDesk.IntegrationTests.Features.Compensation;
using ComplaintDesk.IntegrationTests.Features.Evidence;
using ComplaintDesk.IntegrationTests.Features.StatusLinks;
using ComplaintDesk.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Severity = ComplaintDesk.Domain.Complaints.Severity;

namespace ComplaintDesk.IntegrationTests.Pages;

/// <summary>The customer's status page, through HTTP as a phone browser without any sign-in would use it.</summary>
public sealed class StatusPageTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    private readonly StatusLinkSteps _steps = new(app);
    private readonly OfferSteps _offers = new(app);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Stage(HtmlPage page) => page.TestId("stage")?.TextContent.Trim() ?? "";

    private static string Lang(HtmlPage page) => page.Document.DocumentElement.GetAttribute("lang") ?? "";

    [Fact]
    public async Task The_page_shows_the_reference_the_stage_in_words_and_the_next_step_with_a_time()
    {
        var agent = await app.CreateAgentAsync();
        var linked = await _steps.AcknowledgedAsync(agent, resolving: true);
        using var customer = PageSession.Anonymous(app);

        var page = await customer.GetPageAsync(linked.Path);

        Assert.Equal(linked.Reference, page.TestId("reference")?.TextContent.Trim());
        Assert.Equal("en", Lang(page));
        Assert.Equal("We are working on it", Stage(page));
        var next = page.TestId("next-step")!.TextContent;
        Assert.Contains("We are looking into it", next);
        Assert.Matches(@"By \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC", next);
        Assert.Equal(["Send"], page.Buttons); // no offer, no follow-up question: only the message form
    }

    [Theory]
    [InlineData(ComplaintState.Acknowledged, "en", "We are working on it")]
    [InlineData(ComplaintState.Escalated, "en", "A senior colleague is looking at it")]
    [InlineData(ComplaintState.Closed, "en", "Resolved")]
    [InlineData(ComplaintState.FollowUp, "en", "We'd like to know if you are satisfied")]
    [InlineData(ComplaintState.Acknowledged, "zh-Hant", "我們正在處理")]
    [InlineData(ComplaintState.Escalated, "zh-Hant", "資深同事正在處理")]
    [InlineData(ComplaintState.Closed, "zh-Hant", "已解決")]
    [InlineData(ComplaintState.FollowUp, "zh-Hant", "我們想知道您是否滿意")]
    public async Task The_stage_is_in_the_customers_language(ComplaintState state, string language, string words)
    {
        var agent = await app.CreateAgentAsync();
        var linked = await _steps.AcknowledgedAsync(agent, language, resolving: state != ComplaintState.Acknowledged);
        switch (state)
        {
            case ComplaintState.Escalated:
                await _steps.Complaints.SendAsync(agent, new EscalateComplaintCommand { ComplaintId = linked.Id, Reason = "Needs a senior." });
                break;
            case ComplaintState.Closed:
                await _steps.Complaints.SendAsync(agent, new ResolveComplaintCommand { ComplaintId = linked.Id, Summary = "Done.", Outcome = ResolutionOutcome.Upheld });
                break;
            case ComplaintState.FollowUp:
                await _steps.ToFollowUpAsync(agent, linked.Id);
                break;
        }
        using var customer = PageSession.Anonymous(app);

        var page = await customer.GetPageAsync(linked.Path);

        Assert.Equal(language, Lang(page));
        Assert.Equal(words, Stage(page));
    }

    [Fact]
    public async Task The_language_switch_changes_the_words_and_nothing_else()
    {
        var agent = await app.CreateAgentAsync();
        var linked = await _steps.AcknowledgedAsync(agent, "zh-Hant", resolving: true);
        using var customer = PageSession.Anonymous(app);
        var before = await _steps.Complaints.SnapshotAsync(linked.Id);

        var page = await customer.GetPageAsync(linked.Path);
        var links = page.Document.QuerySelectorAll("[data-testid=language-switch] a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal([$"{linked.Path}?lang=en", $"{linked.Path}?lang=zh-Hant", $"{linked.Path}?lang=zh-Hans"], links);

        var english = await customer.GetPageAsync(linked.Path + "?lang=en");
        Assert.Equal("en", Lang(english));
        Assert.Equal("We are working on it", Stage(english));
        Assert.All(english.Document.QuerySelectorAll("input[name=lang]"), i => Assert.Equal("en", i.GetAttribute("value")));
        var simplified = await customer.GetPageAsync(linked.Path + "?lang=zh-Hans");
        Assert.Equal("zh-Hans", Lang(simplified));
        var unknown = await customer.GetPageAsync(linked.Path + "?lang=fr");
        Assert.Equal("zh-Hant", Lang(unknown)); // not offered: the customer's own language

        Assert.Equal(before, await _steps.Complaints.SnapshotAsync(linked.Id));
        Assert.Equal("zh-Hant", (await _steps.Complaints.StoredAsync(linked.Id)).Customer.PreferredLanguage);
    }

    [Fact]
    public async Task Only_public_events_reach_the_page_and_staff_only_by_first_name()
    {
        var agent = await app.CreateAgentAsync("Alice Whitfield");
        var linked = await _steps.AcknowledgedAsync(agent, resolving: true);
        await app.SendAsync<TimelineEntry>(agent.Actor, new AddNoteCommand
        {
            ComplaintId = linked.Id, Body = "Internal: customer tried this before, be firm.", Visibility = Visibility.Internal,
        });
        await app.SendAsync<ReplyView>(agent.Actor, new ReplyToComplaintCommand { ComplaintId = linked.Id, Body = "We sent a courier for the kettle." });
        var other = await _steps.AcknowledgedAsync(agent, name: "Bob Otherperson");
        await _steps.Complaints.SendAsync(agent, new RecordCustomerMessageCommand { ComplaintId = other.Id, Message = "Bob's private words." });
        using var customer = PageSession.Anonymous(app);

        var page = await customer.GetPageAsync(linked.Path);
        var html = page.Document.DocumentElement.OuterHtml;

        Assert.Contains("We are on it.", page.Text); // the acknowledgement message
        Assert.Contains("We sent a courier for the kettle.", page.Text);
        Assert.Contains("Alice", page.Text);
        Assert.DoesNotContain("Whitfield", html);
        Assert.DoesNotContain("Internal: customer tried this before", html);
        Assert.DoesNotContain("Bob", html);
        Assert.DoesNotContain("@example.test", html); // no e-mail address, not even the customer's own
        Assert.DoesNotContain(agent.Id, html);
        Assert.DoesNotContain("High", html); // no severity
    }

    [Fact]
    public async Task A_message_is_recorded_as_the_customers_clears_waiting_runs_the_keyword_rules_and_notifies_the_owner()
    {
        var agent = await app.CreateAgentAsync();
        var linked = await _steps.AcknowledgedAsync(agent, resolving: true);
        await _steps.Complaints.SendAsync(agent, new RequestInformationCommand { ComplaintId = linked.Id, Message = "Please send the receipt." });
        using var customer = PageSession.Anonymous(app);
        var page = await customer.GetPageAsync(linked.Path);
        Assert.Equal("We are waiting for your answer", Stage(page));

        var response = await customer.SubmitAsync(page, "Send", new() { ["message"] = "  The kettle burst and I was injured.  " });

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal($"{linked.Path}?lang=en&sent=message", response.Headers.Location!.PathAndQueryOf());
        var after = await customer.FollowAsync(response);
        Assert.Equal("Thank you, we have your message.", after.TestId("confirmation")?.TextContent.Trim());
        Assert.Contains("The kettle burst and I was injured.", after.Text);

        var events = await _steps.Complaints.EventsAsync(linked.Id);
        var message = Assert.Single(events, e => e.Kind == TimelineEventKind.CustomerMessage);
        Assert.Null(message.ActorId);
        Assert.Equal("Ann", message.ActorName);
        Assert.Equal("The kettle burst and I was injured.", message.Text);
        Assert.Equal(Visibility.Public, message.Visibility);
        var stored = await _steps.Complaints.StoredAsync(linked.Id);
        Assert.False(stored.WaitingOnCustomer);
        Assert.Equal(Severity.Critical, stored.Severity); // "injured"
        Assert.Contains(events, e => e.Kind == TimelineEventKind.KeywordAlert);
        var notified = await app.QueryDbAsync(db => db.Notifications.AsNoTracking()
            .Where(n => n.ComplaintId == linked.Id && n.Kind == NotificationKind.CustomerMessage).Select(n => n.UserId).ToListAsync(Ct));
        Assert.Equal([agent.Id], notified);
    }

    [Fact]
    public async Task An_empty_message_is_refused_on_its_field_and_nothing_is_saved()
    {
        var agent = await app.CreateAgentAsync();
        var linked = await _steps.AcknowledgedAsync(agent, resolving: true);
        using var customer = PageSession.Anonymous(app);
        var page = await customer.GetPageAsync(linked.Path);
        var before = await _steps.Complaints.SnapshotAsync(linked.Id);

        using var response = await customer.SubmitAsync(page, "Send", new() { ["message"] = "   " });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var shown = await HtmlPage.ReadAsync(response);
        Assert.Equal("Write a message or choose a photo.", shown.FieldError("message"));
        Assert.Equal(before, await _steps.Complaints.SnapshotAsync(linked.Id));
    }

    [Fact]
    public async Task A_photo_is_added_as_the_customers_evidence_and_a_renamed_non_image_is_refused_on_its_field()
    {
        var agent = await app.CreateAgentAsync();
        var linked = await _steps.AcknowledgedAsync(agent, resolving: true);
        using var customer = PageSession.Anonymous(app);

        var page = await customer.GetPageAsync(linked.Path);
        var fake = await customer.SubmitAsync(page, "Send", new() { ["message"] = "Here is the photo." },
            [new UploadFile("photo", "photo.png", EvidenceSamples.Text, "image/png")]);
        Assert.Equal(HttpStatusCode.BadRequest, fake.StatusCode);
        var refused = await HtmlPage.ReadAsync(fake);
        Assert.Contains("JPEG, PNG or WebP", refused.FieldError("photo"));
        Assert.Equal("Here is the photo.", refused.FieldValue("message")); // kept for the next try
        Assert.Empty(await app.AttachmentRowsAsync(linked.Id));
        Assert.DoesNotContain(await _steps.Complaints.EventsAsync(linked.Id), e => e.Kind == TimelineEventKind.CustomerMessage);

        page = await customer.GetPageAsync(linked.Path);
        var real = await customer.SubmitAsync(page, "Send", new() { ["message"] = "" },
            [new UploadFile("photo", "kettle.png", EvidenceSamples.Png, "image/png")]);
        Assert.Equal(HttpStatusCode.SeeOther, real.StatusCode);
        Assert.EndsWith("sent=photo", real.Headers.Location!.OriginalString);
        var attachment = Assert.Single(await app.AttachmentRowsAsync(linked.Id));
        Assert.Equal("kettle.png", attachment.FileName);
        Assert.Equal("image/png", attachment.ContentType);
        Assert.Null(attachment.UploadedById);
        Assert.Equal("Ann", attachment.UploadedByName);
    }

    private async Task<(LinkedCase Linked, OfferView Offer)> OfferedAsync(TestUser agent, string name = "Ann Customer")
    {
        var linked = await _steps.AcknowledgedAsync(agent, name: name, resolving: true);
        var offer = await app.SendAsync<OfferView>(agent.Actor, new MakeOfferCommand
        {
            ComplaintId = linked.Id,
            Options = [OfferSteps.Option(300m, text: "We refund 300."), OfferSteps.Option(500m, CompensationKind.Voucher, text: "A voucher of 500.", note: "Costs us 100.")],
        });
        return (linked, offer);
    }

    [Fact]
    public async Task Choosing_an_option_accepts_the_offer_and_writes_the_ledger_line()
    {
        var agent = await app.CreateAgentAsync();
        var (linked, offer) = await OfferedAsync(agent);
        using var customer = PageSession.Anonymous(app);
        var page = await customer.GetPageAsync(linked.Path);
        Assert.Contains("A voucher of 500.", page.Text);
        Assert.DoesNotContain("Costs us 100.", page.Document.DocumentElement.OuterHtml);

        var response = await customer.SubmitAsync(page, "Choose this option", new() { ["optionId"] = offer.Options[1].Id.ToString() });

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        var after = await customer.FollowAsync(response);
        Assert.Equal("Thank you, we have your answer to our offer.", after.TestId("confirmation")?.TextContent.Trim());
        Assert.Null(after.TestId("offer"));
        var stored = await _offers.StoredAsync(offer.Id);
        Assert.Equal(OfferState.Accepted, stored.State);
        Assert.Equal(offer.Options[1].Id, stored.AcceptedOptionId);
        Assert.Equal("Ann", stored.AnsweredByName);
        var line = Assert.Single(await _offers.LedgerOfCaseAsync(linked.Id));
        Assert.Equal(500m, line.Amount);
    }

    [Fact]
    public async Task Declining_with_a_reason_declines_the_offer()
    {
        var agent = await app.CreateAgentAsync();
        var (linked, offer) = await OfferedAsync(agent);
        using var customer = PageSession.Anonymous(app);
        var page = await customer.GetPageAsync(linked.Path);

        var response = await customer.SubmitAsync(page, "Decline the offer", new() { ["reason"] = "I want a full refund." });

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        var stored = await _offers.StoredAsync(offer.Id);
        Assert.Equal(OfferState.Declined, stored.State);
        Assert.Equal("I want a full refund.", stored.DeclineReason);
        Assert.Empty(await _offers.LedgerOfCaseAsync(linked.Id));
    }

    [Fact]
    public async Task Declining_without_a_reason_is_refused_on_its_field()
    {
        var agent = await app.CreateAgentAsync();
        var (linked, _) = await OfferedAsync(agent);
        using var customer = PageSession.Anonymous(app);
        var page = await customer.GetPageAsync(linked.Path);
        var before = await _offers.SnapshotAsync(linked.Id);

        using var response = await customer.SubmitAsync(page, "Decline the offer", new() { ["reason"] = "" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotEmpty((await HtmlPage.ReadAsync(response)).FieldError("reason"));
        Assert.Equal(before, await _offers.SnapshotAsync(linked.Id));
    }

    [Fact]
    public async Task An_answer_to_a_stale_version_shows_the_current_offer_and_changes_nothing()
    {
        var agent = await app.CreateAgentAsync();
        var (linked, offer) = await OfferedAsync(agent);
        using var customer = PageSession.Anonymous(app);
        var page = await customer.GetPageAsync(linked.Path);
        var revised = await _offers.ReviseAsync(agent, offer.Id, 400m);
        var before = await _offers.SnapshotAsync(linked.Id);

        using var response = await customer.SubmitAsync(page, "Choose this option", new() { ["optionId"] = offer.Options[0].Id.ToString() });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var shown = await HtmlPage.ReadAsync(response);
        Assert.NotEmpty(shown.TestId("form-error")!.TextContent.Trim());
        Assert.Equal(revised.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            shown.Button("Choose this option").Form!.QuerySelector("input[name=offerVersion]")!.GetAttribute("value"));
        Assert.Contains(revised.Options[0].Id.ToString(), shown.Document.DocumentElement.OuterHtml);
        Assert.Equal(before, await _offers.SnapshotAsync(linked.Id));
    }

    [Fact]
    public async Task One_link_can_never_answer_another_complaints_offer()
    {
        var agent = await app.CreateAgentAsync();
        var (a, offerA) = await OfferedAsync(agent);
        var (b, offerB) = await OfferedAsync(agent, "Bob Other");
        var quiet = await _steps.AcknowledgedAsync(agent, resolving: true); // no offer at all
        using var customer = PageSession.Anonymous(app);
        var beforeA = await _offers.SnapshotAsync(a.Id);
        var beforeB = await _offers.SnapshotAsync(b.Id);

        // B's option posted through A's link (A's own version): A's open offer has no such option.
        var pageA = await customer.GetPageAsync(a.Path);
        using var throughA = await customer.SubmitAsync(pageA, "Choose this option", new() { ["optionId"] = offerB.Options[0].Id.ToString() });
        Assert.Equal(HttpStatusCode.Conflict, throughA.StatusCode);
        // And through a link whose case has no offer: nothing to answer, whatever the form says.
        var pageQuiet = await customer.GetPageAsync(quiet.Path);
        var token = pageQuiet.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var throughQuiet = await customer.PostAsync($"{quiet.Path}/offer", [
            new("__RequestVerificationToken", token), new("offerVersion", "1"), new("optionId", offerB.Options[0].Id.ToString()),
            new("offerId", offerB.Id.ToString()),
        ]);
        Assert.Equal(HttpStatusCode.Conflict, throughQuiet.StatusCode);

        Assert.Equal(beforeA, await _offers.SnapshotAsync(a.Id));
        Assert.Equal(beforeB, await _offers.SnapshotAsync(b.Id));
        Assert.Equal(OfferState.Offered, (await _offers.StoredAsync(offerB.Id)).State);
        Assert.Equal(OfferState.Offered, (await _offers.StoredAsync(offerA.Id)).State);
    }

    [Fact]
    public async Task Satisfied_closes_the_case_with_the_score()
    {
        var agent = await app.CreateAgentAsync();
        var linked = await _steps.InFollowUpAsync(agent);
        using var customer = PageSession.Anonymous(app);
        var page = await customer.GetPageAsync(linked.Path);
        Assert.Contains("Are you satisfied with how we handled this?", page.Text);

        var response = await customer.SubmitAsync(page, "Send my answer", new() { ["satisfied"] = "true", ["score"] = "5", ["comment"] = "Great service." });

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        var stored = await _steps.Complaints.StoredAsync(linked.Id);
        Assert.Equal(ComplaintState.Closed, stored.State);
        Assert.Equal(5, stored.SatisfactionScore);
        var after = await customer.FollowAsync(response);
        Assert.Null(after.TestId("follow-up"));
        Assert.Equal("Resolved", Stage(after));
    }

    [Fact]
    public async Task Not_satisfied_reopens_with_the_reason_and_the_second_time_escalates()
    {
        var agent = await app.CreateAgentAsync();
        var linked = await _steps.InFollowUpAsync(agent);
        using var customer = PageSession.Anonymous(app);

        var page = await customer.GetPageAsync(linked.Path);
        var first = await customer.SubmitAsync(page, "Send my answer", new() { ["satisfied"] = "false", ["score"] = "2", ["comment"] = "Still leaking." });
        Assert.Equal(HttpStatusCode.SeeOther, first.StatusCode);
        Assert.Equal(ComplaintState.Resolving, (await _steps.Complaints.StoredAsync(linked.Id)).State);
        var reopened = (await _steps.Complaints.EventsAsync(linked.Id))[^1];
        Assert.Equal(TimelineEventKind.Reopened, reopened.Kind);
        Assert.Equal("Still leaking.", reopened.Text);
        Assert.Equal("We are working on it", Stage(await customer.FollowAsync(first)));

        await _steps.ToFollowUpAsync(agent, linked.Id);
        page = await customer.GetPageAsync(linked.Path);
        var second = await customer.SubmitAsync(page, "Send my answer", new() { ["satisfied"] = "false", ["score"] = "1", ["comment"] = "Leaking again." });
        Assert.Equal(HttpStatusCode.SeeOther, second.StatusCode);
        Assert.Equal(ComplaintState.Escalated, (await _steps.Complaints.StoredAsync(linked.Id)).State);
        Assert.Equal("A senior colleague is looking at it", Stage(await customer.FollowAsync(second)));
    }

    [Fact]
    public async Task Not_satisfied_without_a_comment_is_refused_on_its_field()
    {
        var agent = await app.CreateAgentAsync();
        var linked = await _steps.InFollowUpAsync(agent);
        using var customer = PageSession.Anonymous(app);
        var page = await customer.GetPageAsync(linked.Path);
        var before = await _steps.Complaints.SnapshotAsync(linked.Id);

        using var response = await customer.SubmitAsync(page, "Send my answer", new() { ["satisfied"] = "false", ["score"] = "2" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var shown = await HtmlPage.ReadAsync(response);
        Assert.NotEmpty(shown.FieldError("comment"));
        Assert.Equal(before, await _steps.Complaints.SnapshotAsync(linked.Id));
    }

    [Fact]
    public async Task A_post_without_the_anti_forgery_token_is_refused_with_400_and_saves_nothing()
    {
        var agent = await app.CreateAgentAsync();
        var linked = await _steps.InFollowUpAsync(agent);
        using var customer = PageSession.Anonymous(app);
        await customer.GetPageAsync(linked.Path); // the anti-forgery cookie is set; the form field is what is missing
        var before = await _steps.Complaints.SnapshotAsync(linked.Id);

        using var message = await customer.PostAsync($"{linked.Path}/message", [new("message", "Forged.")]);
        using var followUp = await customer.PostAsync($"{linked.Path}/followup", [new("satisfied", "true"), new("score", "5")]);

        Assert.Equal(HttpStatusCode.BadRequest, message.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, followUp.StatusCode);
        Assert.Equal(before, await _steps.Complaints.SnapshotAsync(linked.Id));
    }

    [Fact]
    public async Task An_offer_answer_without_the_anti_forgery_token_is_refused_with_400_and_changes_nothing()
    {
        var agent = await app.CreateAgentAsync();
        var (linked, offer) = await OfferedAsync(agent);
        using var customer = PageSession.Anonymous(app);
        var page = await customer.GetPageAsync(linked.Path); // the anti-forgery cookie is set; the form field is what is missing
        var offerVersion = page.Button("Choose this option").Form!.QuerySelector("input[name=offerVersion]")!.GetAttribute("value")!;
        var before = await _offers.SnapshotAsync(linked.Id);
        var complaintBefore = await _steps.Complaints.SnapshotAsync(linked.Id);

        using var chosen = await customer.PostAsync($"{linked.Path}/offer", [new("offerVersion", offerVersion), new("optionId", offer.Options[0].Id.ToString())]);
        using var declined = await customer.PostAsync($"{linked.Path}/offer", [new("offerVersion", offerVersion), new("declined", "true"), new("reason", "Forged.")]);

        Assert.Equal(HttpStatusCode.BadRequest, chosen.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, declined.StatusCode);
        Assert.Equal(before, await _offers.SnapshotAsync(linked.Id));
        Assert.Equal(complaintBefore, await _steps.Complaints.SnapshotAsync(linked.Id));
        Assert.Equal(OfferState.Offered, (await _offers.StoredAsync(offer.Id)).State);
    }

    [Fact]
    public async Task Links_that_open_nothing_answer_one_identical_404_and_an_expired_link_410()
    {
        var agent = await app.CreateAgentAsync();
        var revoked = await _steps.AcknowledgedAsync(agent);
        await _steps.Complaints.SendAsync(agent, new ComplaintDesk.Application.Features.StatusLinks.RevokeStatusLinkCommand { ComplaintId = revoked.Id });
        var closed = await _steps.AcknowledgedAsync(agent, resolving: true);
        await _steps.Complaints.SendAsync(agent, new ResolveComplaintCommand { ComplaintId = closed.Id, Summary = "Done.", Outcome = ResolutionOutcome.Upheld });
        using var customer = PageSession.Anonymous(app);

        var bodies = new List<string>();
        foreach (var path in new[] { revoked.Path, $"/s/{Domain.StatusLinks.StatusLinkToken.New()}", "/s/short", revoked.Path + "x" })
        {
            using var response = await customer.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            bodies.Add(await response.Content.ReadAsStringAsync(Ct));
        }
        Assert.Single(bodies.Distinct());
        Assert.Contains("Link not found", bodies[0]);
        Assert.DoesNotContain(revoked.Token, bodies[0]);

        app.Clock.Advance(TimeSpan.FromDays(91));
        using var gone = await customer.GetAsync(closed.Path);
        Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
        Assert.Contains("This link has expired", await gone.Content.ReadAsStringAsync(Ct));
    }
}
