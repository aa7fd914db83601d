using ComplaintDesk.Application.Features.Compensation;
using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.Application.Features.Outbox;
using ComplaintDesk.BrowserTests.Infrastructure;
using ComplaintDesk.Domain.Compensation;
using ComplaintDesk.Domain.Complaints;
using ComplaintDesk.Domain.Notifications;
using ComplaintDesk.IntegrationTests.Features.StatusLinks;
using Deque.AxeCore.Playwright;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MimeKit;
using static Microsoft.Playwright.Assertions;

namespace ComplaintDesk.BrowserTests.Customers;

/// <summary>
/// The customer's side on a phone, in Chromium, with nothing but the link: the acknowledgement e-mail (delivered by the
/// outbox dispatcher into a pickup folder, read back as MIME) carries the link; the customer opens it, reads where the
/// case stands, chooses one of the options of an offer; later, asked whether they are satisfied, answers "no" with a
/// comment and sees the case reopened. The database agrees at each step.
/// </summary>
/// <remarks>
/// Staff steps run as commands through <see cref="BrowserApp.Database"/>'s host (its fake clock set a little before the
/// real now); the customer's steps happen in the browser against the Kestrel host, on the system clock. The e-mail's
/// link names the test host's base address, so its path is opened on the Kestrel host.
/// </remarks>
public sealed class StatusLinkJourneyTests(BrowserApp app, Chromium chromium) : IClassFixture<BrowserApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_customer_follows_the_link_from_the_email_chooses_an_option_and_reopens_the_case_when_not_satisfied()
    {
        var agent = await app.Database.CreateAgentAsync("Ada Agent");
        var tenMinutesAgo = TimeProvider.System.GetUtcNow().AddMinutes(-10);
        if (tenMinutesAgo > app.Database.Clock.GetUtcNow())
        {
            app.Database.Clock.SetUtcNow(tenMinutesAgo);
        }
        var email = $"kim.{Guid.NewGuid():N}@example.test";
        var complaint = await app.Database.SendAsync<ComplaintView>(agent.Actor, new LogComplaintCommand
        {
            Customer = new CustomerInput { Name = "Kim Customer", Email = email },
            Channel = Channel.Email,
            Category = "productQuality",
            Severity = Severity.Medium,
            Subject = "The kettle leaks from the base",
            Description = "Water runs out under the kettle after two days.",
        });
        await app.Database.SendAsync<ComplaintView>(agent.Actor, new AssignComplaintCommand { ComplaintId = complaint.Id, OwnerId = agent.Id });
        await app.Database.SendAsync<ComplaintView>(agent.Actor, new AcknowledgeComplaintCommand
        {
            ComplaintId = complaint.Id,
            Message = "We are sorry about the kettle and are looking into it.",
        });

        // The acknowledgement e-mail, as it would have been sent.
        var pickup = Directory.CreateTempSubdirectory("complaintdesk-mail-").FullName;
        try
        {
            var acknowledgement = await DeliverAsync(pickup, OutboxKind.Acknowledgement, complaint.Id);
            Assert.Equal(email, acknowledgement.To.Mailboxes.Single().Address);
            var link = StatusLinkSteps.LinkIn(acknowledgement.TextBody)
                ?? throw new Xunit.Sdk.XunitException($"No status link in the message:\n{acknowledgement.TextBody}");
            Assert.Contains(link, acknowledgement.HtmlBody);

            await using var phone = await BrowserSession.OpenAsync(chromium, app, "status-link-journey", phone: true);
            var page = phone.Page;
            try
            {
                // The customer opens the link: the reference, the stage in plain words, what happens next.
                var response = await phone.GotoAsync(new Uri(link).AbsolutePath);
                Assert.Equal(200, response.Status);
                Assert.Equal("no-referrer", await response.HeaderValueAsync("referrer-policy"));
                await Expect(page.GetByTestId("reference")).ToHaveTextAsync(complaint.Reference);
                await Expect(page.GetByTestId("stage")).ToHaveTextAsync("We are working on it");
                await Expect(page.GetByTestId("timeline")).ToContainTextAsync("We are sorry about the kettle");
                await AssertFitsThePhoneAsync(page);
                await phone.ScreenshotAsync("1-status");
                await AssertAccessibleAsync(page, "the status page");

                // An offer of two options reaches the customer; they choose the replacement.
                await app.Database.SendAsync<ComplaintView>(agent.Actor, new StartResolvingCommand { ComplaintId = complaint.Id });
                await app.Database.SendAsync<OfferView>(agent.Actor, new MakeOfferCommand
                {
                    ComplaintId = complaint.Id,
                    Options =
                    [
                        new OfferOptionRequest { Kind = CompensationKind.PartialRefund, Amount = 300m, Currency = "TWD", CustomerText = "We refund 300 of the price." },
                        new OfferOptionRequest { Kind = CompensationKind.Replacement, Amount = 800m, Currency = "TWD", CustomerText = "A new kettle, delivered free." },
                    ],
                });
                await phone.GotoAsync(new Uri(link).AbsolutePath);
                var offer = page.GetByTestId("offer");
                await Expect(offer).ToContainTextAsync("A new kettle, delivered free.");
                await phone.ScreenshotAsync("2-offer");
                await offer.GetByRole(AriaRole.Radio, new() { Name = "A new kettle, delivered free." }).CheckAsync();
                await offer.GetByRole(AriaRole.Button, new() { Name = "Choose this option" }).ClickAsync();
                await Expect(page.GetByTestId("confirmation")).ToHaveTextAsync("Thank you, we have your answer to our offer.");
                await Expect(page.GetByTestId("offer")).ToHaveCountAsync(0);
                var accepted = await app.Database.QueryDbAsync(db => db.Offers.AsNoTracking().Include(o => o.Options)
                    .SingleAsync(o => o.ComplaintId == complaint.Id, Ct));
                Assert.Equal(OfferState.Accepted, accepted.State);
                Assert.Equal(CompensationKind.Replacement, accepted.AcceptedOption!.Kind);
                Assert.Equal(1, await app.Database.QueryDbAsync(db => db.Ledger.CountAsync(l => l.OfferId == accepted.Id, Ct)));

                // Resolved, then the follow-up question: the customer is not satisfied.
                await app.Database.SendAsync<ComplaintView>(agent.Actor, new ResolveComplaintCommand
                {
                    ComplaintId = complaint.Id,
                    Summary = "A new kettle was sent.",
                    Outcome = ResolutionOutcome.Upheld,
                });
                await app.Database.SendAsync<ComplaintView>(agent.Actor, new StartFollowUpCommand { ComplaintId = complaint.Id });
                await phone.GotoAsync(new Uri(link).AbsolutePath);
                var followUp = page.GetByTestId("follow-up");
                await Expect(followUp).ToContainTextAsync("Are you satisfied with how we handled this?");
                await followUp.GetByRole(AriaRole.Radio, new() { Name = "No", Exact = true }).CheckAsync();
                await followUp.GetByRole(AriaRole.Radio, new() { Name = "2", Exact = true }).CheckAsync();
                await followUp.GetByLabel("Comment (required if you are not satisfied)").FillAsync("The new kettle leaks too.");
                await phone.ScreenshotAsync("3-follow-up");
                await followUp.GetByRole(AriaRole.Button, new() { Name = "Send my answer" }).ClickAsync();

                // The case is open again, in the customer's own view and in the database.
                await Expect(page.GetByTestId("confirmation")).ToHaveTextAsync("Thank you for your answer.");
                await Expect(page.GetByTestId("stage")).ToHaveTextAsync("We are working on it");
                await Expect(page.GetByTestId("timeline")).ToContainTextAsync("The new kettle leaks too.");
                await phone.ScreenshotAsync("4-reopened");
                var reopened = await app.Database.QueryDbAsync(db => db.Complaints.AsNoTracking().SingleAsync(c => c.Id == complaint.Id, Ct));
                Assert.Equal(ComplaintState.Resolving, reopened.State);
                Assert.Equal(1, reopened.ReopenCount);
                phone.AssertNoProblems();
            }
            catch
            {
                await phone.SaveFailureScreenshotAsync();
                throw;
            }
        }
        finally
        {
            Directory.Delete(pickup, recursive: true);
        }
    }

    /// <summary>Delivers the outbox through a host of the same database that writes `.eml` files, and reads back the one of <paramref name="kind"/>.</summary>
    private async Task<MimeMessage> DeliverAsync(string pickup, OutboxKind kind, Guid complaintId)
    {
        var id = await app.Database.QueryDbAsync(db => db.Outbox.Where(m => m.ComplaintId == complaintId && m.Kind == kind)
            .Select(m => m.Id).SingleAsync(Ct));
        await using var mailer = app.Database.WithWebHostBuilder(builder => builder.UseSetting("Email:PickupDirectory", pickup));
        await using (var scope = mailer.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchAsync(cancellationToken: Ct);
        }
        var file = Directory.GetFiles(pickup, "*.eml").Single(f => Path.GetFileNameWithoutExtension(f) == id.ToString("N"));
        return await MimeMessage.LoadAsync(file, Ct);
    }

    /// <summary>Nothing wider than the phone: no sideways scrolling.</summary>
    private static async Task AssertFitsThePhoneAsync(IPage page)
    {
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"the page is {overflow} px wider than the phone");
    }

    private static async Task AssertAccessibleAsync(IPage page, string what)
    {
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help}").ToList();
        Assert.True(serious.Count == 0, $"{what}: {string.Join("; ", serious)}");
    }
}
