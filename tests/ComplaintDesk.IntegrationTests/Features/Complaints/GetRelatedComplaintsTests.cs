using ComplaintDesk.Application.Common;
using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.IntegrationTests.Infrastructure;

namespace ComplaintDesk.IntegrationTests.Features.Complaints;

public sealed class GetRelatedComplaintsTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    private readonly ComplaintSteps _steps = new(app);

    private Task<RelatedComplaints> RelatedAsync(TestUser user, Guid id) =>
        app.SendAsync<RelatedComplaints>(user.Actor, new GetRelatedComplaintsQuery(id));

    [Fact]
    public async Task The_ordinal_counts_the_customers_complaints_in_the_90_days_up_to_this_one()
    {
        var agent = await app.CreateAgentAsync();
        var email = $"again.{Guid.NewGuid():N}@example.test";
        var longAgo = await _steps.LogAsync(agent, ComplaintSteps.NewComplaint("Long ago", email: email));
        app.Clock.Advance(TimeSpan.FromDays(100));
        var first = await _steps.LogAsync(agent, ComplaintSteps.NewComplaint("First in the window", email: email));
        app.Clock.Advance(TimeSpan.FromDays(30));
        var second = await _steps.LogAsync(agent, ComplaintSteps.NewComplaint("Second in the window", email: email));
        app.Clock.Advance(TimeSpan.FromDays(30));
        var third = await _steps.LogAsync(agent, ComplaintSteps.NewComplaint("Third in the window", email: email));
        app.Clock.Advance(TimeSpan.FromDays(1));
        var stranger = await _steps.LogAsync(agent);

        var ofThird = await RelatedAsync(agent, third.Id);

        Assert.Equal(3, ofThird.CustomerOrdinal);
        Assert.True(ofThird.IsRepeat);
        Assert.Equal(2, (await RelatedAsync(agent, second.Id)).CustomerOrdinal);
        Assert.Equal(1, (await RelatedAsync(agent, first.Id)).CustomerOrdinal); // the one 100 days before is outside the window
        Assert.Equal(1, (await RelatedAsync(agent, longAgo.Id)).CustomerOrdinal); // later complaints do not change an earlier badge
        Assert.False((await RelatedAsync(agent, stranger.Id)).IsRepeat);
        // The customer's other complaints, newest first, this one left out.
        Assert.Equal([second.Id, first.Id, longAgo.Id], ofThird.SameCustomer.Select(c => c.Id));
        Assert.Equal(second.Reference, ofThird.SameCustomer[0].Reference);
        Assert.Empty((await RelatedAsync(agent, stranger.Id)).SameCustomer);
    }

    [Fact]
    public async Task Complaints_about_the_same_order_are_linked_and_the_lists_are_bounded()
    {
        var agent = await app.CreateAgentAsync();
        var order = $"SO-{Guid.NewGuid():N}"[..20];
        var aboutOrder = new List<ComplaintView>();
        for (var i = 0; i < GetRelatedComplaintsHandler.MaxListed + 2; i++)
        {
            app.Clock.Advance(TimeSpan.FromMinutes(1));
            aboutOrder.Add(await _steps.LogAsync(agent, ComplaintSteps.NewComplaint($"Order complaint {i}") with { OrderReference = order }));
        }
        var noOrder = await _steps.LogAsync(agent);

        var related = await RelatedAsync(agent, aboutOrder[0].Id);

        Assert.Equal(GetRelatedComplaintsHandler.MaxListed, related.SameOrder.Count);
        Assert.Equal(aboutOrder.Skip(1).Reverse().Take(GetRelatedComplaintsHandler.MaxListed).Select(c => c.Id), related.SameOrder.Select(c => c.Id));
        Assert.DoesNotContain(related.SameOrder, c => c.Id == aboutOrder[0].Id);
        Assert.Empty((await RelatedAsync(agent, noOrder.Id)).SameOrder);
    }

    [Fact]
    public async Task An_unknown_complaint_is_not_found()
    {
        var agent = await app.CreateAgentAsync();

        await Assert.ThrowsAsync<NotFoundException>(() => RelatedAsync(agent, Guid.NewGuid()));
    }
}
