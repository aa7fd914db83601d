using System.Data.Common;
using ComplaintDesk.Application.Common;
using ComplaintDesk.Application.Features.Compensation;
using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.Application.Features.Outbox;
using ComplaintDesk.Application.Features.Replies;
using ComplaintDesk.Application.Features.StatusLinks;
using ComplaintDesk.Application.Persistence;
using ComplaintDesk.Domain.Complaints;
using ComplaintDesk.Domain.Customers;
using ComplaintDesk.Domain.Notifications;
using ComplaintDesk.Domain.Sla;
using ComplaintDesk.Domain.StatusLinks;
using ComplaintDesk.IntegrationTests.Features.Compensation;
using ComplaintDesk.IntegrationTests.Features.Complaints;
using ComplaintDesk.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace ComplaintDesk.IntegrationTests.Features.Outbox;

/// <summary>
/// The outbox is written by the change that causes each message, in the same transaction: one message of the right
/// kind per customer-facing happening, in the customer's language, with its own working (encrypted) status link; one
/// e-mail per staff notification in the recipient's language. A save that fails writes neither message nor link.
/// </summary>
public sealed class OutboxWritingTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    private readonly ComplaintSteps _complaints = new(app);
    private readonly OfferSteps _offers = new(app);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<ComplaintView> LogAsync(TestUser agent, string language = Languages.English, bool email = true)
    {
        var command = ComplaintSteps.NewComplaint();
        return await _complaints.LogAsync(agent, command with
        {
            Customer = command.Customer with
            {
                PreferredLanguage = language,
                Email = email ? command.Customer.Email : null,
                Phone = email ? null : $"+8869{Random.Shared.Next(10_000_000, 99_999_999)}",
            },
        });
    }

    private async Task<ComplaintView> AcknowledgedAsync(TestUser agent, string language = Languages.English, string? message = null)
    {
        var complaint = await LogAsync(agent, language);
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        return await _complaints.SendAsync(agent, new AcknowledgeComplaintCommand { ComplaintId = complaint.Id, Message = message });
    }

    private Task<List<OutboxMessage>> OutboxOfAsync(Guid complaintId) =>
        app.QueryDbAsync(db => db.Outbox.AsNoTracking().Where(m => m.ComplaintId == complaintId)
            .OrderBy(m => m.CreatedAt).ThenBy(m => m.Kind).ToListAsync(Ct));

    private Task<List<StatusLink>> LinksOfAsync(Guid complaintId) =>
        app.QueryDbAsync(db => db.StatusLinks.AsNoTracking().Where(l => l.ComplaintId == complaintId).ToListAsync(Ct));

    private string Unprotect(string protectedLink) =>
        app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(OutboxInterceptor.LinkPurpose).Unprotect(protectedLink);

    /// <summary>The message's link, decrypted: a URL under /s/ whose token hashes to a live link of this complaint (returned).</summary>
    private async Task<(string Url, StatusLink Row)> LiveLinkOfAsync(OutboxMessage message, Guid complaintId)
    {
        Assert.NotNull(message.ProtectedLink);
        Assert.DoesNotContain("/s/", message.ProtectedLink, StringComparison.Ordinal); // stored encrypted, not as the URL
        var url = Unprotect(message.ProtectedLink);
        Assert.StartsWith("http://localhost/s/", url, StringComparison.Ordinal);
        var token = url["http://localhost/s/".Length..];
        Assert.True(StatusLinkToken.IsWellFormed(token));
        var hash = StatusLinkToken.Hash(token);
        var row = Assert.Single(await LinksOfAsync(complaintId), l => l.TokenHash.AsSpan().SequenceEqual(hash));
        Assert.Null(row.RevokedAt);
        return (url, row);
    }

    private void Advance() => app.Clock.Advance(TimeSpan.FromMinutes(1));

    [Fact]
    public async Task Acknowledging_writes_one_acknowledgement_in_the_customers_language_carrying_the_link_the_answer_shows()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await AcknowledgedAsync(agent, Languages.TraditionalChinese, "我們會盡快為您處理。");
        var stored = await _complaints.StoredAsync(complaint.Id);

        var message = Assert.Single(await OutboxOfAsync(complaint.Id));

        Assert.Equal((OutboxKind.Acknowledgement, OutboxChannel.Email, OutboxState.Pending, 0),
            (message.Kind, message.Channel, message.State, message.Attempts));
        Assert.Equal((stored.Customer!.Email, stored.Customer.Name, Languages.TraditionalChinese),
            (message.RecipientAddress, message.RecipientName, message.Language));
        Assert.Equal((app.Clock.GetUtcNow(), app.Clock.GetUtcNow()), (message.CreatedAt, message.NextAttemptAt));
        var expected = CustomerMessages.Compose(OutboxKind.Acknowledgement,
            new CustomerMessageFacts(complaint.Reference, stored.Customer.Name, stored.Subject) { Text = "我們會盡快為您處理。" }, Languages.TraditionalChinese);
        Assert.Equal((expected.Subject, expected.Text, expected.Html), (message.Subject, message.TextBody, message.HtmlBody));
        Assert.Contains(OutboxMessage.LinkPlaceholder, message.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("/s/", message.TextBody + message.HtmlBody, StringComparison.Ordinal); // the bodies hold no token

        var (url, _) = await LiveLinkOfAsync(message, complaint.Id);
        Assert.Equal(complaint.StatusLink, url);
        Assert.Single(await LinksOfAsync(complaint.Id));
    }

    [Fact]
    public async Task A_stale_version_writes_no_message_and_no_link()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await LogAsync(agent);

        await _complaints.RefusedAsync<ConcurrencyConflictException>(complaint.Id, () =>
            _complaints.SendAsync(agent, new AcknowledgeComplaintCommand { ComplaintId = complaint.Id, ExpectedVersion = complaint.Version + 1 }));

        Assert.Empty(await OutboxOfAsync(complaint.Id));
        Assert.Empty(await LinksOfAsync(complaint.Id));
    }

    [Fact]
    public async Task A_save_that_fails_at_its_commit_leaves_no_message_and_no_link()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await LogAsync(agent);
        var failing = new CommitFailure();
        await using var instance = app.AnotherInstance(failing);
        _ = instance.Services; // started before the fault is armed

        failing.Arm();
        var failure = await Assert.ThrowsAnyAsync<Exception>(() =>
            instance.SendOnAsync<ComplaintView>(agent.Actor, new AcknowledgeComplaintCommand { ComplaintId = complaint.Id }));

        Assert.True(failing.Fired, $"The save failed before its commit: {failure}");
        Assert.Empty(await OutboxOfAsync(complaint.Id));
        Assert.Empty(await LinksOfAsync(complaint.Id));
        Assert.Equal(ComplaintState.Received, (await _complaints.StoredAsync(complaint.Id)).State);
    }

    [Fact]
    public async Task A_reply_an_information_request_and_the_resolution_each_write_one_message_with_its_own_live_link()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await AcknowledgedAsync(agent);
        await _complaints.SendAsync(agent, new StartResolvingCommand { ComplaintId = complaint.Id });
        Assert.Single(await OutboxOfAsync(complaint.Id)); // starting work is not news for the customer

        Advance();
        await app.SendAsync<ReplyView>(agent.Actor, new ReplyToComplaintCommand { ComplaintId = complaint.Id, Body = "We are checking with the factory." });
        Advance();
        await _complaints.SendAsync(agent, new RequestInformationCommand { ComplaintId = complaint.Id, Message = "Please send a photo of the receipt." });
        Advance();
        await _complaints.SendAsync(agent, new ResolveComplaintCommand
        {
            ComplaintId = complaint.Id, Summary = "A new kettle is on its way.", Outcome = ResolutionOutcome.Upheld,
        });

        var messages = await OutboxOfAsync(complaint.Id);
        Assert.Equal([OutboxKind.Acknowledgement, OutboxKind.StaffMessage, OutboxKind.InformationRequested, OutboxKind.Resolution],
            messages.Select(m => m.Kind));
        Assert.Contains("We are checking with the factory.", messages[1].TextBody, StringComparison.Ordinal);
        Assert.Contains("Please send a photo of the receipt.", messages[2].TextBody, StringComparison.Ordinal);
        Assert.Contains("A new kettle is on its way.", messages[3].TextBody, StringComparison.Ordinal);
        Assert.All(messages, m => Assert.Equal(Languages.English, m.Language));
        var links = new List<string>();
        foreach (var message in messages)
        {
            links.Add((await LiveLinkOfAsync(message, complaint.Id)).Url);
        }
        Assert.Equal(links.Count, links.Distinct().Count()); // each message carries its own link
    }

    [Fact]
    public async Task An_offer_within_authority_writes_one_offer_message_listing_the_options()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await AcknowledgedAsync(agent);
        Advance();

        await _offers.SendAsync(agent, new MakeOfferCommand
        {
            ComplaintId = complaint.Id,
            Options =
            [
                OfferSteps.Option(350.5m, Domain.Compensation.CompensationKind.PartialRefund, text: "We refund part of the price."),
                OfferSteps.Option(600m, Domain.Compensation.CompensationKind.Replacement, text: "A new kettle, delivered free."),
            ],
        });

        var offer = Assert.Single(await OutboxOfAsync(complaint.Id), m => m.Kind == OutboxKind.OfferMade);
        Assert.Contains("1. Partial refund: 350.50 TWD\n   We refund part of the price.", offer.TextBody, StringComparison.Ordinal);
        Assert.Contains("2. Replacement: 600.00 TWD\n   A new kettle, delivered free.", offer.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Goodwill.", offer.TextBody + offer.HtmlBody, StringComparison.Ordinal); // the internal note stays inside
        await LiveLinkOfAsync(offer, complaint.Id);
    }

    [Fact]
    public async Task An_offer_above_authority_reaches_the_customer_only_when_approved_and_then_once()
    {
        var agent = await app.CreateAgentAsync();
        var supervisor = await app.CreateSupervisorAsync("Approving Supervisor");
        var complaint = await AcknowledgedAsync(agent);
        Advance();

        var offer = await _offers.MakeAsync(agent, complaint.Id, 1500m);
        Assert.Equal(Domain.Compensation.OfferState.AwaitingApproval, offer.State);
        Assert.DoesNotContain(await OutboxOfAsync(complaint.Id), m => m.Kind == OutboxKind.OfferMade);

        Advance();
        await _offers.DecideAsync(supervisor, offer.Id, approved: true);

        var made = Assert.Single(await OutboxOfAsync(complaint.Id), m => m.Kind == OutboxKind.OfferMade);
        Assert.Contains("1,500.00 TWD", made.TextBody, StringComparison.Ordinal);
        Assert.Equal(app.Clock.GetUtcNow(), made.CreatedAt);
    }

    [Fact]
    public async Task The_follow_up_started_by_the_sweeper_writes_one_follow_up_question()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await _complaints.InStateAsync(ComplaintState.Closed, agent);
        var followUp = await app.QueryDbAsync(db => db.SlaClocks.AsNoTracking()
            .SingleAsync(c => c.ComplaintId == complaint.Id && c.Kind == SlaClockKind.FollowUp, Ct));
        Assert.DoesNotContain(await OutboxOfAsync(complaint.Id), m => m.Kind == OutboxKind.FollowUpQuestion);

        if (followUp.DueAt > app.Clock.GetUtcNow())
        {
            app.Clock.SetUtcNow(followUp.DueAt);
        }
        await app.SweepAsync();
        await app.SweepAsync(); // a second sweep finds nothing new to say

        Assert.Equal(ComplaintState.FollowUp, (await _complaints.StoredAsync(complaint.Id)).State);
        var question = Assert.Single(await OutboxOfAsync(complaint.Id), m => m.Kind == OutboxKind.FollowUpQuestion);
        Assert.Contains("Are you satisfied with how we handled this?", question.TextBody, StringComparison.Ordinal);
        await LiveLinkOfAsync(question, complaint.Id);
    }

    [Fact]
    public async Task A_customer_without_an_e_mail_address_gets_no_message()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await LogAsync(agent, email: false);

        var acknowledged = await _complaints.SendAsync(agent, new AcknowledgeComplaintCommand { ComplaintId = complaint.Id });
        await app.SendAsync<ReplyView>(agent.Actor, new ReplyToComplaintCommand { ComplaintId = complaint.Id, Body = "We called you back." });

        Assert.NotNull(acknowledged.StatusLink); // staff can still read it out on the phone
        Assert.Empty(await OutboxOfAsync(complaint.Id));
    }

    [Fact]
    public async Task After_the_links_are_revoked_a_reply_goes_out_without_a_link()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await AcknowledgedAsync(agent);
        Advance();
        await _complaints.SendAsync(agent, new RevokeStatusLinkCommand { ComplaintId = complaint.Id });
        Advance();

        await app.SendAsync<ReplyView>(agent.Actor, new ReplyToComplaintCommand { ComplaintId = complaint.Id, Body = "Here is an update." });

        var messages = await OutboxOfAsync(complaint.Id);
        Assert.Equal([OutboxKind.Acknowledgement, OutboxKind.StaffMessage], messages.Select(m => m.Kind));
        Assert.Equal(OutboxState.Pending, messages[0].State);
        Assert.Null(messages[0].ProtectedLink); // the acknowledgement not yet sent lost its link with the revoke
        Assert.Null(messages[1].ProtectedLink);
        Assert.All(await LinksOfAsync(complaint.Id), l => Assert.NotNull(l.RevokedAt)); // and no new link was made for it
    }

    [Fact]
    public async Task Issuing_a_new_link_sends_it_in_one_message_and_the_older_links_stop()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await AcknowledgedAsync(agent, Languages.SimplifiedChinese);
        Advance();

        var issued = await app.SendAsync<ComplaintView>(agent.Actor, new IssueStatusLinkCommand { ComplaintId = complaint.Id });

        var messages = await OutboxOfAsync(complaint.Id);
        Assert.Equal([OutboxKind.Acknowledgement, OutboxKind.NewStatusLink], messages.Select(m => m.Kind));
        Assert.Equal(Languages.SimplifiedChinese, messages[1].Language);
        var (url, row) = await LiveLinkOfAsync(messages[1], complaint.Id);
        Assert.Equal(issued.StatusLink, url);
        var links = await LinksOfAsync(complaint.Id);
        Assert.Equal(row.Id, Assert.Single(links, l => l.RevokedAt is null).Id);
        Assert.Equal(app.Clock.GetUtcNow(), Assert.Single(links, l => l.RevokedAt is not null).RevokedAt);
        // The acknowledgement (not yet sent) no longer carries its link, now revoked: it goes out without one.
        Assert.Equal(OutboxState.Pending, messages[0].State);
        Assert.Null(messages[0].ProtectedLink);
    }

    [Fact]
    public async Task A_link_revoked_between_two_saves_of_one_scope_is_never_sent()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await AcknowledgedAsync(agent);
        // One scope saving again and again, as the sweeper's batches do.
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TestActor>().Actor = agent.Actor;
        var sender = scope.ServiceProvider.GetRequiredService<ISender>();
        var db = scope.ServiceProvider.GetRequiredService<ComplaintDeskDbContext>();
        Advance();
        await sender.Send(new ReplyToComplaintCommand { ComplaintId = complaint.Id, Body = "First update." }, Ct);
        Advance();
        await _complaints.SendAsync(agent, new RevokeStatusLinkCommand { ComplaintId = complaint.Id }); // elsewhere, meanwhile
        Advance();
        db.ChangeTracker.Clear(); // a new batch reads afresh

        await sender.Send(new ReplyToComplaintCommand { ComplaintId = complaint.Id, Body = "Second update." }, Ct);

        var messages = await OutboxOfAsync(complaint.Id);
        Assert.Equal([OutboxKind.Acknowledgement, OutboxKind.StaffMessage, OutboxKind.StaffMessage], messages.Select(m => m.Kind));
        Assert.All(messages, m => Assert.Null(m.ProtectedLink));
        Assert.All(await LinksOfAsync(complaint.Id), l => Assert.NotNull(l.RevokedAt));
    }

    [Fact]
    public async Task A_save_that_fails_forgets_the_link_it_issued_and_the_next_save_of_the_scope_sends_a_stored_one()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await AcknowledgedAsync(agent);
        var failing = new CommitFailure();
        await using var instance = app.AnotherInstance(failing);
        await using var scope = instance.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TestActor>().Actor = agent.Actor;
        var sender = scope.ServiceProvider.GetRequiredService<ISender>();
        var db = scope.ServiceProvider.GetRequiredService<ComplaintDeskDbContext>();
        Advance();

        failing.Arm();
        await Assert.ThrowsAnyAsync<Exception>(async () =>
            await sender.Send(new ReplyToComplaintCommand { ComplaintId = complaint.Id, Body = "Lost update." }, Ct));
        Assert.True(failing.Fired);
        db.ChangeTracker.Clear();
        await sender.Send(new ReplyToComplaintCommand { ComplaintId = complaint.Id, Body = "Kept update." }, Ct);

        var messages = await OutboxOfAsync(complaint.Id);
        Assert.Equal([OutboxKind.Acknowledgement, OutboxKind.StaffMessage], messages.Select(m => m.Kind));
        Assert.Contains("Kept update.", messages[1].TextBody, StringComparison.Ordinal);
        await LiveLinkOfAsync(messages[1], complaint.Id); // its token's hash is a stored, live link of the case
    }

    [Theory]
    [InlineData(Languages.SimplifiedChinese, true)]
    [InlineData(Languages.SimplifiedChinese, false)]
    [InlineData(Languages.TraditionalChinese, false)]
    [InlineData(Languages.English, false)]
    public async Task The_offer_e_mail_names_its_time_in_the_zone_the_status_page_shows(string language, bool businessCalendar)
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await AcknowledgedAsync(agent, language);
        if (!businessCalendar)
        {
            // Deadlines that count calendar time name no calendar: the zone falls back to the language's usual one.
            await app.QueryDbAsync(db => db.SlaClocks.Where(c => c.ComplaintId == complaint.Id)
                .ExecuteUpdateAsync(c => c.SetProperty(x => x.CalendarId, (Guid?)null), Ct));
        }
        var calendarZone = await app.QueryDbAsync(db => (
                from clock in db.SlaClocks
                where clock.ComplaintId == complaint.Id && clock.CalendarId != null
                join calendar in db.BusinessCalendars on clock.CalendarId equals calendar.Id
                orderby clock.Id descending
                select calendar.TimeZoneId)
            .FirstOrDefaultAsync(Ct));
        Assert.Equal(businessCalendar, calendarZone is not null);
        Advance();
        var offer = await _offers.SendAsync(agent, new MakeOfferCommand
        {
            ComplaintId = complaint.Id, Options = [OfferSteps.Option(300m, text: "We refund part of the price.")],
        });

        var link = Assert.IsType<string>(complaint.StatusLink);
        var page = await app.SendAsync<StatusPageView>(Domain.Actors.Actor.System, new GetStatusPageQuery(link[(link.LastIndexOf('/') + 1)..]));
        var message = Assert.Single(await OutboxOfAsync(complaint.Id), m => m.Kind == OutboxKind.OfferMade);

        Assert.Equal(calendarZone ?? CaseTimeZone.UsualFor(language), page.TimeZoneId);
        var stored = await _complaints.StoredAsync(complaint.Id);
        var expected = CustomerMessages.Compose(OutboxKind.OfferMade, new CustomerMessageFacts(stored.Reference, stored.Customer.Name, stored.Subject)
        {
            Options = [.. offer.Options.Select(o => new OfferLine(o.Kind, o.Amount, o.Currency, o.CustomerText))],
            AnswerBy = Assert.IsType<DateTimeOffset>(offer.AnswerBy),
            TimeZone = page.TimeZoneId,
        }, language);
        Assert.Equal(expected.Text, message.TextBody);
    }

    [Fact]
    public async Task One_sweep_that_starts_several_follow_ups_gives_each_case_its_own_question_and_link()
    {
        var agent = await app.CreateAgentAsync();
        var first = await _complaints.InStateAsync(ComplaintState.Closed, agent);
        var second = await _complaints.InStateAsync(ComplaintState.Closed, agent);
        var ids = new[] { first.Id, second.Id };
        var due = await app.QueryDbAsync(db => db.SlaClocks.AsNoTracking()
            .Where(c => ids.Contains(c.ComplaintId) && c.Kind == SlaClockKind.FollowUp).MaxAsync(c => c.DueAt, Ct));
        if (due > app.Clock.GetUtcNow())
        {
            app.Clock.SetUtcNow(due);
        }

        await app.SweepAsync(); // one batch, one save, both cases

        var urls = new List<string>();
        foreach (var id in ids)
        {
            var question = Assert.Single(await OutboxOfAsync(id), m => m.Kind == OutboxKind.FollowUpQuestion);
            urls.Add((await LiveLinkOfAsync(question, id)).Url); // a link of this very case
        }
        Assert.NotEqual(urls[0], urls[1]);
    }


    [Fact]
    public async Task An_escalation_e_mails_every_other_supervisor_in_their_language_as_well_as_ringing_the_bell()
    {
        var escalating = await app.CreateSupervisorAsync("Self Escalating");
        var sue = await app.CreateSupervisorAsync("Sue Supervisor");
        var wang = await app.CreateSupervisorAsync("王主管");
        await SetLanguageAsync(wang, Languages.TraditionalChinese);
        await SetLanguageAsync(escalating, Languages.SimplifiedChinese);
        var complaint = await LogAsync(escalating);
        Advance();

        await _complaints.SendAsync(escalating, new EscalateComplaintCommand { ComplaintId = complaint.Id, Reason = "Customer threatens to go to the media." });

        var messages = await OutboxOfAsync(complaint.Id);
        Assert.All(messages, m => Assert.Equal(OutboxKind.StaffNotification, m.Kind)); // nothing for the customer
        Assert.DoesNotContain(messages, m => m.RecipientAddress == escalating.Email);
        foreach (var (supervisor, language) in new[] { (sue, Languages.English), (wang, Languages.TraditionalChinese) })
        {
            var notification = Assert.Single(await app.QueryDbAsync(db => db.Notifications.AsNoTracking()
                .Where(n => n.UserId == supervisor.Id && n.ComplaintId == complaint.Id).ToListAsync(Ct)));
            var mail = Assert.Single(messages, m => m.RecipientAddress == supervisor.Email);
            Assert.Equal((supervisor.DisplayName, language, (string?)null, OutboxState.Pending),
                (mail.RecipientName, mail.Language, mail.ProtectedLink, mail.State));
            var caseUrl = $"http://localhost/Complaints/{complaint.Id}";
            var expected = StaffMessages.Compose(complaint.Reference, notification.Text, caseUrl, language);
            Assert.Equal((expected.Subject, expected.Text, expected.Html), (mail.Subject, mail.TextBody, mail.HtmlBody));
            Assert.Contains(notification.Text, mail.TextBody, StringComparison.Ordinal);
            Assert.Contains(caseUrl, mail.TextBody, StringComparison.Ordinal);
        }
    }

    private Task SetLanguageAsync(TestUser user, string language) =>
        app.QueryDbAsync(async db =>
        {
            var stored = await db.Users.SingleAsync(u => u.Id == user.Id, Ct);
            stored.PreferredLanguage = language;
            return await db.SaveChangesAsync(Ct);
        });

    /// <summary>Makes the next commit fail (as a lost connection at the worst moment would): its statements ran, nothing is kept.</summary>
    private sealed class CommitFailure : SaveChangesInterceptor, IDbTransactionInterceptor
    {
        private int _armed;

        public bool Fired { get; private set; }

        public void Arm() => Volatile.Write(ref _armed, 1);

        public InterceptionResult TransactionCommitting(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result) =>
            Fail(result);

        public ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData,
            InterceptionResult result, CancellationToken cancellationToken = default) => ValueTask.FromResult(Fail(result));

        private InterceptionResult Fail(InterceptionResult result)
        {
            if (Interlocked.Exchange(ref _armed, 0) == 1)
            {
                Fired = true;
                throw new InvalidOperationException("The commit failed (injected).");
            }
            return result;
        }
    }
}
