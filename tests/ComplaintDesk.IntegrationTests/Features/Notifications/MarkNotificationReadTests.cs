using ComplaintDesk.Application.Common;
using ComplaintDesk.Application.Features.Notifications;
using ComplaintDesk.IntegrationTests.Infrastructure;
using Mediator;

namespace ComplaintDesk.IntegrationTests.Features.Notifications;

public sealed class MarkNotificationReadTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    private readonly NotificationSteps _notifications = new(app);

    private Task<Unit> MarkAsync(TestUser by, long id) =>
        app.SendAsync<Unit>(by.Actor, new MarkNotificationReadCommand { NotificationId = id });

    [Fact]
    public async Task Marking_your_own_notification_read_stamps_it_once()
    {
        var agent = await app.CreateAgentAsync();
        var ids = await _notifications.SeedAsync(agent, 2);
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        var readAt = app.Clock.GetUtcNow();

        await MarkAsync(agent, ids[0]);
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        await MarkAsync(agent, ids[0]); // a second click changes nothing

        var stored = await _notifications.ForAsync(agent);
        Assert.Equal(readAt, stored.Single(n => n.Id == ids[0]).ReadAt);
        Assert.Null(stored.Single(n => n.Id == ids[1]).ReadAt);
        Assert.Equal(1, (await _notifications.UnreadAsync(agent)).Count);
    }

    [Fact]
    public async Task Someone_elses_notification_is_not_found_and_stays_unread()
    {
        var owner = await app.CreateAgentAsync("Owner Of It");
        var nosy = await app.CreateSupervisorAsync("Nosy Supervisor");
        var ids = await _notifications.SeedAsync(owner, 1);

        await Assert.ThrowsAsync<NotFoundException>(() => MarkAsync(nosy, ids[0]));

        Assert.Null(Assert.Single(await _notifications.ForAsync(owner)).ReadAt);
    }

    [Fact]
    public async Task An_unknown_notification_is_not_found()
    {
        var agent = await app.CreateAgentAsync();

        await Assert.ThrowsAsync<NotFoundException>(() => MarkAsync(agent, long.MaxValue));
    }

    [Fact]
    public async Task Mark_all_read_marks_only_the_callers_own()
    {
        var agent = await app.CreateAgentAsync();
        var other = await app.CreateAgentAsync("Other Agent");
        await _notifications.SeedAsync(agent, 3);
        await _notifications.SeedAsync(other, 2);

        var marked = await app.SendAsync<int>(agent.Actor, new MarkAllNotificationsReadCommand());

        Assert.Equal(3, marked);
        Assert.All(await _notifications.ForAsync(agent), n => Assert.Equal(app.Clock.GetUtcNow(), n.ReadAt));
        Assert.All(await _notifications.ForAsync(other), n => Assert.Null(n.ReadAt));
        Assert.Equal(new UnreadCount(0, false), await _notifications.UnreadAsync(agent));
        Assert.Equal(2, (await _notifications.UnreadAsync(other)).Count);
    }
}
