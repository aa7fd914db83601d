using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using ComplaintDesk.Application.Features.Compensation;
using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.Application.Identity;
using ComplaintDesk.Domain.Compensation;
using ComplaintDesk.Domain.Complaints;
using ComplaintDesk.IntegrationTests.Features.Compensation;
using ComplaintDesk.IntegrationTests.Features.Complaints;
using ComplaintDesk.IntegrationTests.Infrastructure;
using ComplaintDesk.IntegrationTests.Localization.WorkspacePages;
using Microsoft.EntityFrameworkCore;

namespace ComplaintDesk.IntegrationTests.Pages.Complaints;

/// <summary>
/// The case page's offers section: the offers with their options and history, the make-offer form beside the agent's
/// remaining authority, the customer's 12-month compensation (a warning above the threshold) and earlier complaints;
/// the forms to change the open offer, record the customer's answer (against the offer's version) and mark fulfilment —
/// each posting the API's command, with field errors where the fields are. Tests of this class share a database.
/// </summary>
public sealed class CasePageOffersTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    private readonly OfferSteps _offers = new(app);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Url(Guid id) => $"/Complaints/{id}";

    private static string Normalise(string? text) => string.Join(' ', (text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static string Text(IParentNode scope, string testId) => Normalise(scope.QuerySelector($"[data-testid={testId}]")?.TextContent);

    private static IElement Section(HtmlPage page) => page.TestId("offers") ?? throw new InvalidOperationException("The page has no offers section.");

    private static IReadOnlyList<IElement> OffersOn(HtmlPage page) => Section(page).QuerySelectorAll("[data-testid=offer]").ToList();

    private static IElement OfferOn(HtmlPage page, Guid offerId) =>
        Section(page).QuerySelectorAll("[data-testid=offer]").Single(o => o.GetAttribute("data-offer-id") == offerId.ToString());

    private static string Field(int row, string name, string form = "MakeOffer") => $"{form}.Options[{row}].{name}";

    private static Dictionary<string, string> Row(int row, string kind, string amount, string text, string note = "", string form = "MakeOffer") => new()
    {
        [Field(row, "Kind", form)] = kind, [Field(row, "Amount", form)] = amount, [Field(row, "CustomerText", form)] = text, [Field(row, "InternalNote", form)] = note,
    };

    private static Dictionary<string, string> Rows(params Dictionary<string, string>[] rows) =>
        rows.SelectMany(r => r).ToDictionary(kv => kv.Key, kv => kv.Value);

    /// <summary>Submits the form of <paramref name="button"/>, expects the redirect back to the case's offers (PRG) and follows it.</summary>
    private static async Task<HtmlPage> ClickAsync(PageSession session, HtmlPage page, string button, Dictionary<string, string>? fields = null)
    {
        using var response = await session.SubmitAsync(page, button, fields);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            var errors = (await HtmlPage.ReadAsync(response)).Document.QuerySelectorAll("[role=alert], .field-error").Select(e => Normalise(e.TextContent));
            Assert.Fail($"\"{button}\" answered {(int)response.StatusCode}: {string.Join(" | ", errors)}");
        }
        Assert.Equal($"{new Uri(page.Url).AbsolutePath}#offers", response.Headers.Location!.PathAndQueryOf());
        return await session.FollowAsync(response);
    }

    private static async Task<HtmlPage> RefusedAsync(PageSession session, HtmlPage page, string button, Dictionary<string, string>? fields = null)
    {
        using var response = await session.SubmitAsync(page, button, fields);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await HtmlPage.ReadAsync(response);
    }

    [Fact]
    public async Task An_open_case_shows_the_form_with_the_agents_authority_the_customers_compensation_and_earlier_complaints()
    {
        var agent = await app.CreateAgentAsync("Form Agent");
        var supervisor = await app.CreateSupervisorAsync();
        var email = $"generous.{Guid.NewGuid():N}@example.test";
        var earlier = await _offers.Complaints.LogAsync(agent, ComplaintSteps.NewComplaint("The first kettle leaked", email: email));
        var granted = await _offers.MakeAsync(supervisor, earlier.Id, 6000m);
        await _offers.AcceptAsync(agent, granted);
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        var complaint = await _offers.Complaints.LogAsync(agent, ComplaintSteps.NewComplaint("The second kettle leaked", email: email));
        using var session = await PageSession.SignInAsync(app, agent);

        var page = await session.GetPageAsync(Url(complaint.Id));

        var section = Section(page);
        Assert.Equal("Offers", Normalise(section.QuerySelector("h2")?.TextContent));
        Assert.Equal("No compensation has been offered on this complaint.", Text(section, "no-offers"));
        Assert.Equal("1,000.00 TWD (your limit 1,000.00 TWD, already offered or granted on this case 0.00 TWD)", Text(section, "remaining-authority"));
        Assert.Equal("6,000.00 TWD Above the warning threshold of 5,000.00 TWD", Text(section, "customer-compensation"));
        Assert.Equal("Above the warning threshold of 5,000.00 TWD", Text(section, "compensation-warning"));
        Assert.Equal("TWD", section.QuerySelector("[data-testid=remaining-authority] [translate=no]")?.TextContent);
        var earlierList = section.QuerySelector("[data-testid=earlier-complaints]")!;
        Assert.Equal("1", Text(earlierList, "earlier-complaint-count"));
        Assert.Equal($"{earlier.Reference} · The first kettle leaked · Received", Normalise(earlierList.QuerySelector("li")!.TextContent));
        Assert.Equal(Url(earlier.Id), earlierList.QuerySelector("li a")!.GetAttribute("href"));

        var form = page.Button("Make the offer").Form!;
        Assert.NotNull(form.QuerySelector("input[name=__RequestVerificationToken]"));
        Assert.Equal((await PageSteps.VersionAsync(app, complaint.Id)).ToString(CultureInfo.InvariantCulture),
            form.QuerySelector("input[name='MakeOffer.ExpectedVersion']")!.GetAttribute("value"));
        Assert.Equal(["Option 1", "Option 2 (optional)", "Option 3 (optional)"], form.QuerySelectorAll("legend").Select(l => Normalise(l.TextContent)));
        for (var row = 0; row < CompensationOffer.MaxOptions; row++)
        {
            foreach (var name in new[] { "Kind", "Amount", "CustomerText", "InternalNote" })
            {
                var control = form.QuerySelector($"[name='{Field(row, name)}']");
                Assert.NotNull(control);
                Assert.Equal("", page.FieldValue(Field(row, name)));
                Assert.NotNull(form.QuerySelector($"label[for='{control!.Id}']")); // every field has its label
            }
        }
        var kinds = (IHtmlSelectElement)form.QuerySelector($"[name='{Field(0, "Kind")}']")!;
        Assert.Equal(["Choose…", "Full refund", "Partial refund", "Replacement", "Voucher", "Free repair", "Warranty extension", "Shipping fee waiver", "Gift", "Other"],
            kinds.Options.Select(o => o.Text.Trim()));
        Assert.Equal(["", .. Enum.GetNames<CompensationKind>()], kinds.Options.Select(o => o.Value));
        Assert.Equal("Cost (TWD)", Normalise(form.QuerySelector($"label[for='{form.QuerySelector($"[name='{Field(0, "Amount")}']")!.Id}']")!.TextContent));
        Assert.Equal("0.01", form.QuerySelector($"[name='{Field(0, "Amount")}']")!.GetAttribute("step"));
    }

    [Fact]
    public async Task An_offer_within_authority_goes_to_the_customer_empty_options_left_out_and_the_page_shows_it()
    {
        var agent = await app.CreateAgentAsync("Quick Agent");
        var complaint = await PageSteps.LogAsync(app, agent, "Settle it quickly");
        using var session = await PageSession.SignInAsync(app, agent);
        var page = await session.GetPageAsync(Url(complaint.Id));

        page = await ClickAsync(session, page, "Make the offer", Rows(
            Row(0, "Partial refund", "300", "We refund 300 of the price.", "Dent on arrival."),
            Row(2, "Voucher", "450.50", "A voucher for your next order.")));

        var stored = Assert.Single(await _offers.OffersOfAsync(complaint.Id));
        Assert.Equal((OfferState.Offered, 1, agent.Id), (stored.State, stored.Version, stored.ProposedById));
        Assert.Equal([(1, CompensationKind.PartialRefund, 300m, "TWD", "We refund 300 of the price.", (string?)"Dent on arrival."),
                      (2, CompensationKind.Voucher, 450.50m, "TWD", "A voucher for your next order.", null)],
            stored.Options.OrderBy(o => o.Position).Select(o => (o.Position, o.Kind, o.Amount, o.Currency, o.CustomerText, o.InternalNote)));
        Assert.True((await _offers.Complaints.StoredAsync(complaint.Id)).WaitingOnCustomer);

        var offer = Assert.Single(OffersOn(page));
        Assert.Equal(("offered", "1"), (offer.GetAttribute("data-state"), offer.GetAttribute("data-version")));
        Assert.Equal("Offer 1 Offered version 1", Normalise(offer.QuerySelector("h3")!.TextContent));
        Assert.Equal(["1 Partial refund 300.00 TWD We refund 300 of the price. Dent on arrival.", "2 Voucher 450.50 TWD A voucher for your next order. —"],
            offer.QuerySelectorAll("[data-testid=offer-option]").Select(r => Normalise(r.TextContent)));
        Assert.Equal("450.50 TWD", Text(offer, "offer-max-cost"));
        Assert.StartsWith("by Quick Agent, 2026-", Text(offer, "offer-proposed"), StringComparison.Ordinal);
        Assert.Equal("Waiting on customer", Text(page.Document, "waiting"));
        var made = page.Document.QuerySelectorAll(".timeline li").Single(li => li.TextContent.Contains("Offer made", StringComparison.Ordinal));
        Assert.Equal("Offer version 1: Partial refund 300.00 TWD; Voucher 450.50 TWD — Offered", Normalise(made.QuerySelector("p.text")!.TextContent));
        // One open offer at a time: no second form, but the answer and change forms.
        Assert.DoesNotContain("Make the offer", page.Buttons);
        Assert.Contains("Record the answer", page.Buttons);
        Assert.Contains("Change the offer", page.Buttons);
        Assert.Equal("A new offer can be made once the open one is answered or decided.",
            Normalise(Section(page).QuerySelector(".offer-new > p.muted")!.TextContent));
    }

    [Fact]
    public async Task Three_options_above_the_agents_authority_await_a_supervisor_and_supervisors_are_pointed_to_the_inbox()
    {
        var agent = await app.CreateAgentAsync("Bold Agent");
        var supervisor = await app.CreateSupervisorAsync();
        var complaint = await PageSteps.LogAsync(app, agent, "Beyond my limit");
        using var session = await PageSession.SignInAsync(app, agent);
        var page = await session.GetPageAsync(Url(complaint.Id));

        page = await ClickAsync(session, page, "Make the offer", Rows(
            Row(0, "Full refund", "1500", "A full refund."),
            Row(1, "Replacement", "900", "A new kettle."),
            Row(2, "Voucher", "1000.01", "A voucher.")));

        var stored = Assert.Single(await _offers.OffersOfAsync(complaint.Id));
        Assert.Equal((OfferState.AwaitingApproval, 3), (stored.State, stored.Options.Count));
        var offer = Assert.Single(OffersOn(page));
        Assert.Equal("awaitingApproval", offer.GetAttribute("data-state"));
        Assert.Equal("Awaiting approval", Text(offer, "offer-state"));
        Assert.Contains("a supervisor other than the proposer approves or rejects it", Text(offer, "offer-awaiting-approval"), StringComparison.Ordinal);
        Assert.Null(offer.QuerySelector("[data-testid=offer-awaiting-approval] a")); // agents have no inbox
        Assert.DoesNotContain("Record the answer", page.Buttons);
        Assert.Equal("0.00 TWD (your limit 1,000.00 TWD, already offered or granted on this case 1,500.00 TWD)", Text(Section(page), "remaining-authority"));
        Assert.Null(page.TestId("waiting"));

        using var supervisorSession = await PageSession.SignInAsync(app, supervisor);
        var supervisorPage = await supervisorSession.GetPageAsync(Url(complaint.Id));
        Assert.Equal("/Approvals", OfferOn(supervisorPage, stored.Id).QuerySelector("[data-testid=offer-awaiting-approval] a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Field_errors_are_shown_at_their_option_with_what_was_typed_and_nothing_is_stored()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await PageSteps.LogAsync(app, agent, "Typos in the offer");
        using var session = await PageSession.SignInAsync(app, agent);
        var page = await session.GetPageAsync(Url(complaint.Id));

        var refused = await RefusedAsync(session, page, "Make the offer", Rows(
            Row(0, "Partial refund", "12.345", "", "Three decimals."),
            Row(1, "Voucher", "0", "A voucher.")));

        Assert.NotNull(refused.TestId("errors"));
        Assert.Contains("to the cent", refused.FieldError(Field(0, "Amount")), StringComparison.Ordinal);
        Assert.NotEqual("", refused.FieldError(Field(0, "CustomerText")));
        Assert.Contains("to the cent", refused.FieldError(Field(1, "Amount")), StringComparison.Ordinal);
        Assert.Equal("", refused.FieldError(Field(1, "CustomerText")));
        Assert.Equal("true", refused.Document.QuerySelector($"[name='{Field(0, "Amount")}']")!.GetAttribute("aria-invalid"));
        Assert.Equal(("12.345", "Three decimals.", "PartialRefund", "0", "Voucher"),
            (refused.FieldValue(Field(0, "Amount")), refused.FieldValue(Field(0, "InternalNote")), refused.FieldValue(Field(0, "Kind")),
             refused.FieldValue(Field(1, "Amount")), refused.FieldValue(Field(1, "Kind"))));
        Assert.Equal("", refused.FieldValue(Field(2, "Amount"))); // still three rows to fill

        var empty = await RefusedAsync(session, page, "Make the offer");
        Assert.Equal("An offer has one to 3 options.", empty.FieldError("MakeOffer.Options"));

        // A row left empty in the middle is dropped: the errors follow the rows as they are shown again.
        var gap = await RefusedAsync(session, page, "Make the offer", Rows(Row(0, "Gift", "100", "A gift."), Row(2, "Other", "", "Something else.")));
        Assert.Equal("Something else.", gap.FieldValue(Field(1, "CustomerText")));
        Assert.NotEqual("", gap.FieldError(Field(1, "Amount")));
        Assert.Equal("", gap.FieldValue(Field(2, "CustomerText")));

        var unreadable = await RefusedAsync(session, page, "Make the offer", Row(0, "Gift", "a lot", "A gift."));
        Assert.NotEqual("", unreadable.FieldError(Field(0, "Amount")));
        Assert.Equal("a lot", unreadable.FieldValue(Field(0, "Amount")));

        Assert.Empty(await _offers.OffersOfAsync(complaint.Id));
    }

    [Fact]
    public async Task An_offer_from_a_stale_page_says_someone_else_changed_the_case_and_makes_nothing()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await PageSteps.LogAsync(app, agent, "Changed meanwhile");
        using var session = await PageSession.SignInAsync(app, agent);
        var stale = await session.GetPageAsync(Url(complaint.Id));
        await app.SendAsync<TimelineEntry>(agent.Actor, new AddNoteCommand { ComplaintId = complaint.Id, Body = "Customer called.", Visibility = Domain.Complaints.Visibility.Internal });

        var refused = await RefusedAsync(session, stale, "Make the offer", Row(0, "Gift", "100", "A gift."));

        Assert.Contains("changed by someone else", Text(refused.Document, "errors"), StringComparison.Ordinal);
        Assert.Equal("A gift.", refused.FieldValue(Field(0, "CustomerText")));
        Assert.Empty(await _offers.OffersOfAsync(complaint.Id));
    }

    [Fact]
    public async Task Changing_the_open_offer_makes_a_new_version_checked_against_the_authority_again()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await _offers.CaseAsync(agent);
        var offer = await _offers.MakeAsync(agent, complaint.Id, 300m, 500m);
        using var session = await PageSession.SignInAsync(app, agent);
        var page = await session.GetPageAsync(Url(complaint.Id));
        Assert.Equal(("PartialRefund", "300.00", "500.00", ""),
            (page.FieldValue(Field(0, "Kind", "ReviseOffer")), page.FieldValue(Field(0, "Amount", "ReviseOffer")),
             page.FieldValue(Field(1, "Amount", "ReviseOffer")), page.FieldValue(Field(2, "Amount", "ReviseOffer"))));
        Assert.Null(page.Document.QuerySelector("details.offer-revise")!.GetAttribute("open"));

        var refused = await RefusedAsync(session, page, "Change the offer", new() { [Field(1, "CustomerText", "ReviseOffer")] = "" });
        Assert.NotNull(refused.Document.QuerySelector("details.offer-revise")!.GetAttribute("open"));
        Assert.NotEqual("", refused.FieldError(Field(1, "CustomerText", "ReviseOffer")));
        Assert.Equal(1, (await _offers.StoredAsync(offer.Id)).Version);

        page = await ClickAsync(session, page, "Change the offer", new() { [Field(1, "Amount", "ReviseOffer")] = "1200" });

        var stored = await _offers.StoredAsync(offer.Id);
        Assert.Equal((2, OfferState.AwaitingApproval, 1200m), (stored.Version, stored.State, stored.MaxCost));
        var shown = OfferOn(page, offer.Id);
        Assert.Equal(("awaitingApproval", "2"), (shown.GetAttribute("data-state"), shown.GetAttribute("data-version")));
        Assert.Contains("Offer version 2: Partial refund 300.00 TWD; Partial refund 1,200.00 TWD — Awaiting approval",
            page.Document.QuerySelectorAll(".timeline p.text").Select(p => Normalise(p.TextContent)));
    }

    [Fact]
    public async Task Recording_the_customers_choice_accepts_that_option_writes_the_ledger_and_offers_fulfilment()
    {
        var agent = await app.CreateAgentAsync("Answer Agent");
        var complaint = await _offers.CaseAsync(agent);
        var offer = await _offers.SendAsync(agent, new MakeOfferCommand
        {
            ComplaintId = complaint.Id,
            Options = [OfferSteps.Option(300m, CompensationKind.PartialRefund), OfferSteps.Option(450m, CompensationKind.Voucher, text: "A voucher of 450.")],
        });
        using var session = await PageSession.SignInAsync(app, agent);
        var page = await session.GetPageAsync(Url(complaint.Id));
        var answer = page.Button("Record the answer").Form!;
        Assert.Equal((offer.Id.ToString(), "1"), (answer.QuerySelector("input[name='AnswerOffer.OfferId']")!.GetAttribute("value"),
            answer.QuerySelector("input[name='AnswerOffer.OfferVersion']")!.GetAttribute("value")));
        Assert.Equal(["Chose option 1: Partial refund, 300.00 TWD", "Chose option 2: Voucher, 450.00 TWD", "Declined the offer"],
            answer.QuerySelectorAll("label.choice").Select(l => Normalise(l.TextContent)));

        page = await ClickAsync(session, page, "Record the answer", new() { ["AnswerChoice"] = offer.Options[1].Id.ToString() });

        var stored = await _offers.StoredAsync(offer.Id);
        Assert.Equal((OfferState.Accepted, offer.Options[1].Id), (stored.State, stored.AcceptedOptionId));
        var line = Assert.Single(await _offers.LedgerOfCaseAsync(complaint.Id));
        Assert.Equal((CompensationKind.Voucher, 450m, "TWD"), (line.Kind, line.Amount, line.Currency));
        Assert.False((await _offers.Complaints.StoredAsync(complaint.Id)).WaitingOnCustomer);
        var shown = OfferOn(page, offer.Id);
        Assert.Equal("Accepted", Text(shown, "offer-state"));
        Assert.Equal("2 chosen", Normalise(shown.QuerySelector("[data-testid=chosen-option]")!.ParentElement!.TextContent));
        Assert.Contains("Chose Voucher of 450.00 TWD: A voucher of 450.",
            page.Document.QuerySelectorAll(".timeline p.text").Select(p => Normalise(p.TextContent)));
        Assert.Equal("450.00 TWD", Normalise(Section(page).QuerySelector("[data-testid=customer-compensation]")!.TextContent));
        Assert.Contains("Mark fulfilled (offer 1)", page.Buttons);
        Assert.Contains("Make the offer", page.Buttons); // an accepted offer is no longer open
    }

    [Fact]
    public async Task An_answer_needs_a_choice_a_decline_needs_a_reason_and_a_declined_offer_makes_room_for_a_new_one()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await _offers.CaseAsync(agent);
        var offer = await _offers.MakeAsync(agent, complaint.Id, 200m);
        using var session = await PageSession.SignInAsync(app, agent);
        var page = await session.GetPageAsync(Url(complaint.Id));

        var noChoice = await RefusedAsync(session, page, "Record the answer");
        Assert.Equal("Choose an option, or decline the offer with a reason.", noChoice.FieldError("AnswerOffer.OptionId"));
        var noReason = await RefusedAsync(session, page, "Record the answer", new() { ["Declined the offer"] = "" });
        Assert.NotEqual("", noReason.FieldError("AnswerOffer.Reason"));
        Assert.True(((IHtmlInputElement)noReason.Document.QuerySelector("input[name=AnswerChoice][value=decline]")!).IsChecked);
        Assert.Equal(OfferState.Offered, (await _offers.StoredAsync(offer.Id)).State);

        page = await ClickAsync(session, page, "Record the answer", new()
        {
            ["Declined the offer"] = "", ["Why the customer declined (when they did)"] = "Wants a full refund, nothing less.",
        });

        var stored = await _offers.StoredAsync(offer.Id);
        Assert.Equal((OfferState.Declined, "Wants a full refund, nothing less."), (stored.State, stored.DeclineReason));
        Assert.Equal("Wants a full refund, nothing less.", Text(OfferOn(page, offer.Id), "offer-decline-reason"));
        Assert.Contains("Make the offer", page.Buttons);
        Assert.Empty(await _offers.LedgerOfCaseAsync(complaint.Id));
    }

    [Fact]
    public async Task An_answer_to_an_offer_changed_meanwhile_is_refused_and_the_current_version_is_shown()
    {
        var agent = await app.CreateAgentAsync();
        var colleague = await app.CreateAgentAsync("Quick Colleague");
        var complaint = await _offers.CaseAsync(agent);
        var offer = await _offers.MakeAsync(agent, complaint.Id, 200m, 300m);
        using var session = await PageSession.SignInAsync(app, agent);
        var stale = await session.GetPageAsync(Url(complaint.Id));
        var revised = await _offers.ReviseAsync(colleague, offer.Id, 250m, 350m);

        var page = await RefusedAsync(session, stale, "Record the answer", new() { ["AnswerChoice"] = offer.Options[0].Id.ToString() });

        Assert.Contains("The offer changed after you opened this page", Text(page.Document, "offer-stale"), StringComparison.Ordinal);
        Assert.Contains("This answer is for version 1 of the offer; the current version is 2.", Text(page.Document, "errors"), StringComparison.Ordinal);
        var shown = OfferOn(page, offer.Id);
        Assert.Equal("2", shown.GetAttribute("data-version"));
        Assert.Contains("250.00 TWD", Normalise(shown.TextContent), StringComparison.Ordinal);
        var form = page.Button("Record the answer").Form!;
        Assert.Equal("2", form.QuerySelector("input[name='AnswerOffer.OfferVersion']")!.GetAttribute("value"));
        Assert.Equal(revised.Options.Select(o => o.Id.ToString()).Append("decline"),
            form.QuerySelectorAll("input[name=AnswerChoice]").Select(i => i.GetAttribute("value")));
        var stored = await _offers.StoredAsync(offer.Id);
        Assert.Equal((OfferState.Offered, 2, (Guid?)null), (stored.State, stored.Version, stored.AcceptedOptionId));
        Assert.Empty(await _offers.LedgerOfCaseAsync(complaint.Id));

        page = await ClickAsync(session, page, "Record the answer", new() { ["AnswerChoice"] = revised.Options[1].Id.ToString() });
        Assert.Equal((OfferState.Accepted, revised.Options[1].Id), ((await _offers.StoredAsync(offer.Id)).State, (await _offers.StoredAsync(offer.Id)).AcceptedOptionId));
        Assert.Null(page.TestId("offer-stale"));
    }

    [Fact]
    public async Task Fulfilment_is_marked_with_a_reference_that_must_not_be_empty()
    {
        var agent = await app.CreateAgentAsync("Fulfil Agent");
        var complaint = await _offers.CaseAsync(agent);
        var offer = await _offers.MakeAsync(agent, complaint.Id, 320m);
        await _offers.AcceptAsync(agent, offer);
        using var session = await PageSession.SignInAsync(app, agent);
        var page = await session.GetPageAsync(Url(complaint.Id));

        var empty = await RefusedAsync(session, page, "Mark fulfilled (offer 1)");
        Assert.NotEqual("", empty.FieldError("FulfilOffer.Reference"));
        var field = empty.Document.QuerySelector("input[name='FulfilOffer.Reference']")!;
        Assert.Equal(("true", $"{field.Id}-error"), (field.GetAttribute("aria-invalid"), field.GetAttribute("aria-describedby")));
        Assert.Equal(OfferState.Accepted, (await _offers.StoredAsync(offer.Id)).State);

        page = await ClickAsync(session, page, "Mark fulfilled (offer 1)", new()
        {
            ["Fulfilment reference (refund, voucher code, shipment number…)"] = "REFUND-2026-0042",
        });

        var stored = await _offers.StoredAsync(offer.Id);
        Assert.Equal((OfferState.Fulfilled, "REFUND-2026-0042", "Fulfil Agent"), (stored.State, stored.FulfilmentReference, stored.FulfilledByName));
        Assert.NotNull((await _offers.LedgerOfCaseAsync(complaint.Id)).Single().FulfilledAt);
        Assert.StartsWith("reference REFUND-2026-0042 · Fulfil Agent, 2026-", Text(OfferOn(page, offer.Id), "offer-fulfilment"), StringComparison.Ordinal);
        Assert.DoesNotContain(page.Buttons, b => b.StartsWith("Mark fulfilled", StringComparison.Ordinal));
        Assert.Contains(page.Document.QuerySelectorAll(".timeline li"), li => li.TextContent.Contains("Offer fulfilled", StringComparison.Ordinal)
                                                                             && li.TextContent.Contains("REFUND-2026-0042", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_closed_case_shows_its_offers_but_takes_no_new_one_and_administrators_see_no_offers()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await _offers.CaseAsync(agent);
        var offer = await _offers.MakeAsync(agent, complaint.Id, 100m);
        await _offers.AcceptAsync(agent, offer);
        await _offers.Complaints.SendAsync(agent, new AcknowledgeComplaintCommand { ComplaintId = complaint.Id });
        await _offers.Complaints.SendAsync(agent, new StartResolvingCommand { ComplaintId = complaint.Id });
        await _offers.Complaints.SendAsync(agent, new ResolveComplaintCommand { ComplaintId = complaint.Id, Summary = "Refunded.", Outcome = ResolutionOutcome.Upheld });
        using var session = await PageSession.SignInAsync(app, agent);

        var page = await session.GetPageAsync(Url(complaint.Id));

        Assert.Single(OffersOn(page));
        Assert.DoesNotContain("Make the offer", page.Buttons);
        Assert.Equal("A closed complaint takes no new offers; reopen it first.", Normalise(Section(page).QuerySelector(".offer-new > p.muted")!.TextContent));

        using var admin = await PageSession.SignInAsync(app, await app.CreateUserAsync("Case Admin", Roles.Admin));
        var adminPage = await admin.GetPageAsync(Url(complaint.Id));
        Assert.Null(adminPage.TestId("offers"));
        Assert.Contains("Offer accepted", adminPage.Text, StringComparison.Ordinal); // the timeline still tells
    }

    /// <summary>Needs the offer section's translations merged into SharedResource.zh-Hant.resx.</summary>
    [Fact]
    public async Task The_offer_section_speaks_traditional_chinese_with_no_english_left()
    {
        var agent = await WorkspaceStaff.CreateAsync(app, "林志明", "zh-Hant", "Asia/Taipei", Roles.Agent);
        var supervisor = await WorkspaceStaff.CreateAsync(app, "陳淑芬", "zh-Hant", "Asia/Taipei", Roles.Supervisor);
        var email = $"chen.{Guid.NewGuid():N}@example.test";
        var earlier = await _offers.Complaints.LogAsync(agent, ComplaintSteps.NewComplaint("第一次熱水壺漏水", email: email, name: "陳小姐"));
        var generous = await _offers.SendAsync(supervisor, new MakeOfferCommand
        {
            ComplaintId = earlier.Id, Options = [OfferSteps.Option(5200m, CompensationKind.FullRefund, text: "全額退款。", note: "主管同意。")],
        });
        await _offers.AcceptAsync(agent, generous);
        await _offers.FulfilAsync(agent, generous.Id, "退款單 0042");
        var complaint = await _offers.Complaints.LogAsync(agent, ComplaintSteps.NewComplaint("第二次熱水壺漏水", email: email, name: "陳小姐"));
        var declined = await _offers.SendAsync(agent, new MakeOfferCommand
        {
            ComplaintId = complaint.Id, Options = [OfferSteps.Option(200m, CompensationKind.Voucher, text: "折價券 200 元。", note: null)],
        });
        await _offers.DeclineAsync(agent, declined, "顧客要求全額退款。");
        var open = await _offers.SendAsync(agent, new MakeOfferCommand
        {
            ComplaintId = complaint.Id,
            Options =
            [
                OfferSteps.Option(1500m, CompensationKind.FullRefund, text: "全額退款。", note: "超過我的權限。"),
                OfferSteps.Option(800m, CompensationKind.Replacement, text: "換新一台。", note: null),
            ],
        });
        await _offers.DecideAsync(supervisor, open.Id, approved: true, "同意，請盡快處理。");
        using var session = await PageSession.SignInAsync(app, agent);

        var page = await session.GetPageAsync(Url(complaint.Id));

        Assert.Equal("補償方案", Normalise(Section(page).QuerySelector("h2")!.TextContent));
        Assert.Contains("高於警示門檻", Text(Section(page), "compensation-warning"), StringComparison.Ordinal);
        Assert.Equal("5,200.00 TWD", Normalise(Section(page).QuerySelector("[data-testid=customer-compensation] .money")!.TextContent));
        // The offers section and the timeline (the rest of the page is checked by WorkspacePagesInChineseTests; the other
        // tests of this class leave staff with English names in the owner list).
        var shown = new HtmlParser().ParseDocument(
            $"<html><body>{Section(page).OuterHtml}{page.Document.QuerySelector("ol.timeline")!.OuterHtml}</body></html>");
        var leftovers = EnglishLeftovers.In(shown, "陳小姐", "第一次熱水壺漏水", "第二次熱水壺漏水");
        Assert.True(leftovers.Count == 0, $"English left on the page: {string.Join("; ", leftovers)}\n{EnglishLeftovers.TextOf(shown)}");
        Assert.Contains("方案第 1 版：全額退款 1,500.00 TWD；換貨 800.00 TWD——待核准",
            page.Document.QuerySelectorAll(".timeline p.text").Select(p => Normalise(p.TextContent)));
    }
}
