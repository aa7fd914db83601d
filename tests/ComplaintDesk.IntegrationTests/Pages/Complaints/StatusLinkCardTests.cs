using System.Net;
using ComplaintDesk.Domain.StatusLinks;
using ComplaintDesk.IntegrationTests.Features.StatusLinks;
using ComplaintDesk.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ComplaintDesk.IntegrationTests.Pages.Complaints;

/// <summary>
/// The case page's status-link card: acknowledging shows the new link once (then never again), "Issue a new link"
/// replaces it (the old one stops opening), "Revoke every link" leaves none.
/// </summary>
public sealed class StatusLinkCardTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string ShownLink(HtmlPage page) =>
        page.Document.QuerySelector("#new-status-link")?.GetAttribute("value") ?? throw new Xunit.Sdk.XunitException("No new link shown.");

    private async Task<int> StatusOfAsync(string link)
    {
        using var response = await PageSession.Anonymous(app).GetAsync(new Uri(link).AbsolutePath);
        return (int)response.StatusCode;
    }

    [Fact]
    public async Task The_link_is_shown_once_after_acknowledging_and_reissuing_or_revoking_changes_which_links_open()
    {
        var agent = await app.CreateAgentAsync("Card Agent");
        using var session = await PageSession.SignInAsync(app, agent);
        var complaint = await PageSteps.LogAsync(app, agent, "Card for the status link");
        var url = $"/Complaints/{complaint.Id}";
        var page = await session.GetPageAsync(url);
        Assert.Null(page.Document.QuerySelector("#status-link")); // nothing to show before the acknowledgement

        using (var acknowledged = await session.SubmitAsync(page, "Acknowledge"))
        {
            Assert.Equal(HttpStatusCode.Redirect, acknowledged.StatusCode);
            page = await session.FollowAsync(acknowledged);
        }
        var first = ShownLink(page);
        Assert.Equal(200, await StatusOfAsync(first));
        page = await session.GetPageAsync(url);
        Assert.Null(page.Document.QuerySelector("#new-status-link")); // once only

        using (var reissued = await session.SubmitAsync(page, "Issue a new link (the old ones stop working)"))
        {
            Assert.Equal(HttpStatusCode.Redirect, reissued.StatusCode);
            Assert.Equal($"{url}#status-link", reissued.Headers.Location!.PathAndQueryOf()); // back to the card
            page = await session.FollowAsync(reissued);
        }
        var second = ShownLink(page);
        Assert.NotEqual(first, second);
        Assert.Equal(404, await StatusOfAsync(first));
        Assert.Equal(200, await StatusOfAsync(second));

        using (var revoked = await session.SubmitAsync(page, "Revoke every link"))
        {
            Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        }
        Assert.Equal(404, await StatusOfAsync(second));
        Assert.Equal(0, await app.QueryDbAsync(db => db.StatusLinks.CountAsync(l => l.ComplaintId == complaint.Id && l.RevokedAt == null, Ct)));
        var hash = StatusLinkToken.Hash(StatusLinkSteps.TokenOf(second));
        Assert.True(await app.QueryDbAsync(db => db.StatusLinks.AnyAsync(l => l.TokenHash == hash && l.RevokedAt != null, Ct)));
    }
}
