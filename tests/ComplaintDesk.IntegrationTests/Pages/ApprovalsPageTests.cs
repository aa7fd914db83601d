using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using ComplaintDesk.Application.Features.Compensation;
using ComplaintDesk.Application.Identity;
using ComplaintDesk.Domain.Compensation;
using ComplaintDesk.Domain.Complaints;
using ComplaintDesk.IntegrationTests.Features.Compensation;
using ComplaintDesk.IntegrationTests.Features.Complaints;
using ComplaintDesk.IntegrationTests.Infrastructure;
using ComplaintDesk.IntegrationTests.Localization.WorkspacePages;
using Microsoft.EntityFrameworkCore;

namespace ComplaintDesk.IntegrationTests.Pages;

/// <summary>
/// /Approvals, the supervisors' inbox: every offer awaiting approval, oldest first, with its case, the customer's
/// 12-month compensation (a warning above the threshold), the proposer, the options and the most it costs; a decision
/// form per offer posting the same DecideOfferCommand as the API. Four eyes: the proposer gets no form, and a decision
/// they post anyway is refused on the page. Tests of this class share a database, so each looks only at its own offers.
/// </summary>
public sealed class ApprovalsPageTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    private readonly OfferSteps _offers = new(app);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Normalise(string? text) => string.Join(' ', (text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static string Text(IParentNode scope, string testId) => Normalise(scope.QuerySelector($"[data-testid={testId}]")?.TextContent);

    private static IReadOnlyList<IElement> Items(HtmlPage page) => page.Document.QuerySelectorAll("[data-testid=pending-approval]").ToList();

    private static IElement? ItemOn(HtmlPage page, Guid offerId) =>
        Items(page).SingleOrDefault(i => i.GetAttribute("data-offer-id") == offerId.ToString());

    /// <summary>A case of its own customer with an offer of <paramref name="amounts"/> by <paramref name="by"/>, above their authority.</summary>
    private async Task<(Guid ComplaintId, string Reference, OfferView Offer)> AwaitingAsync(TestUser by, string email = "", params decimal[] amounts)
    {
        var complaint = await _offers.CaseAsync(by, email);
        var offer = await _offers.MakeAsync(by, complaint.Id, amounts.Length == 0 ? [1500m] : amounts);
        Assert.Equal(OfferState.AwaitingApproval, offer.State);
        return (complaint.Id, complaint.Reference, offer);
    }

    [Fact]
    public async Task A_supervisor_sees_each_waiting_offer_oldest_first_with_case_customer_proposer_options_and_cost()
    {
        var agent = await app.CreateAgentAsync("Inbox Agent");
        var supervisor = await app.CreateSupervisorAsync("Inbox Supervisor");
        var email = $"squeaky.{Guid.NewGuid():N}@example.test";
        var earlier = await _offers.CaseAsync(agent, email);
        var granted = await _offers.MakeAsync(supervisor, earlier.Id, 5500m);
        await _offers.AcceptAsync(agent, granted);
        var first = await AwaitingAsync(agent, email, 1500m, 800m, 1200.5m);
        app.Clock.Advance(TimeSpan.FromMinutes(3));
        var second = await AwaitingAsync(agent);
        using var session = await PageSession.SignInAsync(app, supervisor);

        var page = await session.GetPageAsync("/Approvals");

        Assert.Equal("Approvals", page.Heading);
        var mine = Items(page).Where(i => i.GetAttribute("data-offer-id") == first.Offer.Id.ToString() || i.GetAttribute("data-offer-id") == second.Offer.Id.ToString());
        Assert.Equal([first.Reference, second.Reference], mine.Select(i => i.GetAttribute("data-reference")));
        var item = ItemOn(page, first.Offer.Id)!;
        Assert.Equal($"/Complaints/{first.ComplaintId}#offers", item.QuerySelector("h2 a")!.GetAttribute("href"));
        Assert.Equal(first.Reference, Normalise(item.QuerySelector("h2 a")!.TextContent));
        Assert.Equal("Ann Customer · compensation in the last 12 months: 5,500.00 TWD Above the warning threshold", Text(item, "customer"));
        Assert.StartsWith("by Inbox Agent, 2026-", Text(item, "proposer"), StringComparison.Ordinal);
        Assert.Equal("1,500.00 TWD", Text(item, "max-cost"));
        Assert.Equal(
        [
            "1 Partial refund 1,500.00 TWD We refund part of the price. Goodwill.",
            "2 Partial refund 800.00 TWD We refund part of the price. Goodwill.",
            "3 Partial refund 1,200.50 TWD We refund part of the price. Goodwill.",
        ], item.QuerySelectorAll("[data-testid=offer-option]").Select(r => Normalise(r.TextContent)));
        Assert.Null(ItemOn(page, second.Offer.Id)!.QuerySelector("[data-testid=compensation-warning]"));
        var form = page.Button($"Decide the offer {first.Reference}").Form!;
        Assert.Equal(first.Offer.Id.ToString(), form.QuerySelector("input[name='Decide.OfferId']")!.GetAttribute("value"));
        Assert.NotNull(form.QuerySelector("input[name=__RequestVerificationToken]"));
        Assert.Equal(["Approve", "Reject"], form.QuerySelectorAll("label.choice").Select(l => Normalise(l.TextContent)));
        Assert.Null(page.TestId("proposed-by-you"));
    }

    [Fact]
    public async Task Approving_sends_the_offer_to_the_customer_and_takes_it_out_of_the_inbox()
    {
        var agent = await app.CreateAgentAsync();
        var supervisor = await app.CreateSupervisorAsync("Approving Supervisor");
        var waiting = await AwaitingAsync(agent);
        var other = await AwaitingAsync(agent);
        using var session = await PageSession.SignInAsync(app, supervisor);
        var page = await session.GetPageAsync("/Approvals");

        using var response = await session.SubmitAsync(page, $"Decide the offer {waiting.Reference}", new()
        {
            ["Approve"] = "", ["Decision comment"] = "Fair: the kettle was faulty twice.",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Approvals", response.Headers.Location!.PathAndQueryOf());
        var after = await session.FollowAsync(response);
        Assert.Equal($"{waiting.Reference}: offer approved.", Text(after.Document, "decided"));
        Assert.Null(ItemOn(after, waiting.Offer.Id));
        Assert.NotNull(ItemOn(after, other.Offer.Id));
        var stored = await _offers.StoredAsync(waiting.Offer.Id);
        Assert.Equal((OfferState.Offered, supervisor.Id, "Fair: the kettle was faulty twice."), (stored.State, stored.DecidedById, stored.DecisionComment));
        Assert.True((await _offers.Complaints.StoredAsync(waiting.ComplaintId)).WaitingOnCustomer);
    }

    [Fact]
    public async Task Rejecting_says_so_and_the_agent_may_make_a_new_offer()
    {
        var agent = await app.CreateAgentAsync();
        var supervisor = await app.CreateSupervisorAsync();
        var waiting = await AwaitingAsync(agent);
        using var session = await PageSession.SignInAsync(app, supervisor);
        var page = await session.GetPageAsync("/Approvals");

        using var response = await session.SubmitAsync(page, $"Decide the offer {waiting.Reference}", new()
        {
            ["Reject"] = "", ["Decision comment"] = "Offer the replacement instead.",
        });

        var after = await session.FollowAsync(response);
        Assert.Equal($"{waiting.Reference}: offer rejected.", Text(after.Document, "decided"));
        var stored = await _offers.StoredAsync(waiting.Offer.Id);
        Assert.Equal((OfferState.Rejected, "Offer the replacement instead."), (stored.State, stored.DecisionComment));
        Assert.False((await _offers.Complaints.StoredAsync(waiting.ComplaintId)).OfferAwaitingApproval);
        using var agentSession = await PageSession.SignInAsync(app, agent);
        var casePage = await agentSession.GetPageAsync($"/Complaints/{waiting.ComplaintId}");
        Assert.Contains("Make the offer", casePage.Buttons);
    }

    [Fact]
    public async Task A_decision_without_a_choice_or_comment_shows_the_errors_in_the_form_of_that_offer()
    {
        var agent = await app.CreateAgentAsync();
        var supervisor = await app.CreateSupervisorAsync();
        var waiting = await AwaitingAsync(agent);
        var neighbour = await AwaitingAsync(agent);
        using var session = await PageSession.SignInAsync(app, supervisor);
        var page = await session.GetPageAsync("/Approvals");

        using var response = await session.SubmitAsync(page, $"Decide the offer {waiting.Reference}", new() { ["Decision comment"] = "  " });
        var again = await HtmlPage.ReadAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var item = ItemOn(again, waiting.Offer.Id)!;
        Assert.NotNull(item.QuerySelector("[role=alert]"));
        Assert.NotEqual("", Normalise(item.QuerySelector("[data-valmsg-for='Decide.Approved']")!.TextContent));
        Assert.NotEqual("", Normalise(item.QuerySelector("[data-valmsg-for='Decide.Comment']")!.TextContent));
        var neighbourItem = ItemOn(again, neighbour.Offer.Id)!;
        Assert.Null(neighbourItem.QuerySelector("[role=alert]"));
        Assert.Empty(neighbourItem.QuerySelectorAll("[data-valmsg-for]"));
        Assert.Equal(OfferState.AwaitingApproval, (await _offers.StoredAsync(waiting.Offer.Id)).State);

        using var kept = await session.SubmitAsync(again, $"Decide the offer {waiting.Reference}", new() { ["Approve"] = "", ["Decision comment"] = "" });
        var third = await HtmlPage.ReadAsync(kept);
        var form = third.Button($"Decide the offer {waiting.Reference}").Form!;
        Assert.True(form.QuerySelector("input[name='Decide.Approved'][value=true]")!.HasAttribute("checked"));
    }

    [Fact]
    public async Task Four_eyes_the_proposer_gets_no_form_and_a_decision_they_post_anyway_is_refused_on_the_page()
    {
        var proposer = await app.CreateSupervisorAsync("Proposing Supervisor");
        var waiting = await AwaitingAsync(proposer, "", 25000m); // beyond a supervisor's 20,000
        using var session = await PageSession.SignInAsync(app, proposer);
        var page = await session.GetPageAsync("/Approvals");

        var item = ItemOn(page, waiting.Offer.Id)!;
        Assert.Equal("You proposed this offer: another supervisor approves or rejects it.", Text(item, "proposed-by-you"));
        Assert.Null(item.QuerySelector("form"));

        using var response = await session.PostAsync("/Approvals?handler=Decide",
        [
            new("Decide.OfferId", waiting.Offer.Id.ToString()), new("Decide.Approved", "true"), new("Decide.Comment", "I approve my own offer."),
            new("__RequestVerificationToken", page.AntiforgeryToken("Sign out")),
        ]);
        var refused = await HtmlPage.ReadAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("An offer needs a second person: its proposer cannot approve or reject it.",
            Normalise(ItemOn(refused, waiting.Offer.Id)!.QuerySelector("[role=alert]")!.TextContent));
        var stored = await _offers.StoredAsync(waiting.Offer.Id);
        Assert.Equal((OfferState.AwaitingApproval, (string?)null), (stored.State, stored.DecidedById));
    }

    [Fact]
    public async Task A_decision_on_an_offer_changed_meanwhile_is_refused_at_the_top()
    {
        var agent = await app.CreateAgentAsync();
        var supervisor = await app.CreateSupervisorAsync();
        var colleague = await app.CreateSupervisorAsync("Quicker Supervisor");
        var waiting = await AwaitingAsync(agent);
        using var session = await PageSession.SignInAsync(app, supervisor);
        var stale = await session.GetPageAsync("/Approvals");
        await _offers.DecideAsync(colleague, waiting.Offer.Id, approved: false, "Handled.");

        using var response = await session.SubmitAsync(stale, $"Decide the offer {waiting.Reference}", new() { ["Approve"] = "", ["Decision comment"] = "Go." });
        var page = await HtmlPage.ReadAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(ItemOn(page, waiting.Offer.Id));
        Assert.Contains("Only an offer awaiting approval can be decided; this one is Rejected.", Text(page.Document, "errors"), StringComparison.Ordinal);
        Assert.Equal(OfferState.Rejected, (await _offers.StoredAsync(waiting.Offer.Id)).State);
    }

    [Fact]
    public async Task Agents_and_administrators_get_403_and_cannot_post_a_decision()
    {
        var agent = await app.CreateAgentAsync();
        var waiting = await AwaitingAsync(agent);
        foreach (var user in new[] { agent, await app.CreateUserAsync("Inbox Admin", Roles.Admin) })
        {
            using var session = await PageSession.SignInAsync(app, user);
            using var response = await session.GetAsync("/Approvals");
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQueryOf());
            using var denied = await session.GetAsync(response.Headers.Location!.PathAndQueryOf());
            Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        }
        using var anonymous = PageSession.Anonymous(app);
        using var signIn = await anonymous.GetAsync("/Approvals");
        Assert.StartsWith("/Account/Login", signIn.Headers.Location!.PathAndQueryOf());

        using var agentSession = await PageSession.SignInAsync(app, agent);
        var queue = await agentSession.GetPageAsync("/Complaints");
        using var post = await agentSession.PostAsync("/Approvals?handler=Decide",
        [
            new("Decide.OfferId", waiting.Offer.Id.ToString()), new("Decide.Approved", "true"), new("Decide.Comment", "I approve."),
            new("__RequestVerificationToken", queue.AntiforgeryToken("Sign out")),
        ]);
        Assert.StartsWith("/Account/AccessDenied", post.Headers.Location!.PathAndQueryOf());
        Assert.Equal(OfferState.AwaitingApproval, (await _offers.StoredAsync(waiting.Offer.Id)).State);
        Assert.DoesNotContain(queue.Document.QuerySelectorAll("nav[aria-label=Main] a"), a => a.TextContent.Contains("Approvals", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_approvals_link_leads_supervisors_to_the_inbox_with_the_count_of_waiting_offers()
    {
        var agent = await app.CreateAgentAsync();
        using var supervisor = await PageSession.SignInAsync(app, await app.CreateSupervisorAsync());
        await AwaitingAsync(agent);
        var waiting = await app.QueryDbAsync(db => db.Offers.CountAsync(o => o.State == OfferState.AwaitingApproval, Ct));

        var inbox = await supervisor.GetPageAsync("/Approvals");
        var queue = await supervisor.GetPageAsync("/Complaints");

        var link = inbox.Document.QuerySelectorAll("nav[aria-label=Main] a").Single(a => a.GetAttribute("href") == "/Approvals");
        Assert.Equal("page", link.GetAttribute("aria-current"));
        Assert.Single(inbox.Document.QuerySelectorAll("nav[aria-label=Main] [aria-current]"));
        Assert.Equal($"Approvals {waiting} awaiting approval", Normalise(link.TextContent));
        Assert.Equal(waiting.ToString(System.Globalization.CultureInfo.InvariantCulture), Text(link, "pending-approvals"));
        var queueLink = queue.Document.QuerySelectorAll("nav[aria-label=Main] a").Single(a => a.GetAttribute("href") == "/Approvals");
        Assert.Null(queueLink.GetAttribute("aria-current"));
    }

    /// <summary>Needs the inbox's translations merged into SharedResource.zh-Hant.resx.</summary>
    [Fact]
    public async Task The_inbox_speaks_traditional_chinese_with_no_english_left()
    {
        var agent = await WorkspaceStaff.CreateAsync(app, "林志明", "zh-Hant", "Asia/Taipei", Roles.Agent);
        var supervisor = await WorkspaceStaff.CreateAsync(app, "陳淑芬", "zh-Hant", "Asia/Taipei", Roles.Supervisor);
        var complaint = await _offers.Complaints.LogAsync(agent, ComplaintSteps.NewComplaint("熱水壺漏水", name: "陳小姐"));
        var offer = await _offers.SendAsync(agent, new MakeOfferCommand
        {
            ComplaintId = complaint.Id,
            Options = [OfferSteps.Option(1500m, CompensationKind.FullRefund, text: "全額退款。", note: "超過我的權限。"), OfferSteps.Option(700m, CompensationKind.Gift, text: "贈品一份。", note: null)],
        });
        using var session = await PageSession.SignInAsync(app, supervisor);

        var page = await session.GetPageAsync("/Approvals");

        Assert.Equal("待核准方案", page.Heading);
        Assert.Matches(@"^待核准方案 \d+件待核准$", Normalise(page.Document.QuerySelectorAll("nav.main-nav a").Single(a => a.GetAttribute("href") == "/Approvals").TextContent));
        var item = ItemOn(page, offer.Id)!;
        Assert.Equal(["1 全額退款 1,500.00 TWD 全額退款。 超過我的權限。", "2 贈品 700.00 TWD 贈品一份。 —"],
            item.QuerySelectorAll("[data-testid=offer-option]").Select(r => Normalise(r.TextContent)));
        // The heading, the introduction and this offer (the other tests of this class leave offers of English-named staff).
        var shown = new HtmlParser().ParseDocument(
            $"<html><body>{page.Document.QuerySelector("h1")!.OuterHtml}{page.Document.QuerySelector("main > p.muted")!.OuterHtml}{item.OuterHtml}</body></html>");
        var leftovers = EnglishLeftovers.In(shown, "陳小姐", "熱水壺漏水");
        Assert.True(leftovers.Count == 0, $"English left on the page: {string.Join("; ", leftovers)}\n{EnglishLeftovers.TextOf(shown)}");
    }
}
