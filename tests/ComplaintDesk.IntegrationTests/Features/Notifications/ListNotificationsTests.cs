using ComplaintDesk.Application.Features.Notifications;
using ComplaintDesk.IntegrationTests.Infrastructure;
using FluentValidation;

namespace ComplaintDesk.IntegrationTests.Features.Notifications;

public sealed class ListNotificationsTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    private readonly NotificationSteps _notifications = new(app);

    [Fact]
    public async Task The_list_is_the_callers_own_newest_first_and_the_cursor_walks_it_without_repeats()
    {
        var agent = await app.CreateAgentAsync();
        var someoneElse = await app.CreateAgentAsync("Someone Else");
        var ids = await _notifications.SeedAsync(agent, 5);
        await _notifications.SeedAsync(someoneElse, 3);

        var seen = new List<long>();
        var page = await _notifications.ListAsync(agent, new ListNotificationsQuery { Limit = 2 });
        seen.AddRange(page.Items.Select(n => n.Id));
        while (page.NextCursor is not null)
        {
            Assert.True(seen.Count < 10, "The cursor never ends.");
            page = await _notifications.ListAsync(agent, new ListNotificationsQuery { Limit = 2, Cursor = page.NextCursor });
            Assert.True(page.Items.Count <= 2);
            seen.AddRange(page.Items.Select(n => n.Id));
        }

        Assert.Equal(Enumerable.Reverse(ids), seen);
        Assert.Equal(5, page.UnreadCount);
        Assert.False(page.UnreadCountCapped);
    }

    [Fact]
    public async Task Unread_only_leaves_out_the_read_ones()
    {
        var agent = await app.CreateAgentAsync();
        var ids = await _notifications.SeedAsync(agent, 3);
        await app.SendAsync<Mediator.Unit>(agent.Actor, new MarkNotificationReadCommand { NotificationId = ids[1] });

        var unread = await _notifications.ListAsync(agent, new ListNotificationsQuery { Unread = true });
        var all = await _notifications.ListAsync(agent);

        Assert.Equal([ids[2], ids[0]], unread.Items.Select(n => n.Id));
        Assert.Equal(3, all.Items.Count);
        Assert.NotNull(all.Items.Single(n => n.Id == ids[1]).ReadAt);
        Assert.Equal(2, all.UnreadCount);
    }

    [Fact]
    public async Task The_unread_count_stops_at_99_and_says_there_are_more()
    {
        var agent = await app.CreateAgentAsync();
        await _notifications.SeedAsync(agent, 99);

        var exactly99 = await _notifications.UnreadAsync(agent);
        await _notifications.SeedAsync(agent, 21);
        var many = await _notifications.UnreadAsync(agent);
        var page = await _notifications.ListAsync(agent);

        Assert.Equal(new UnreadCount(99, false), exactly99);
        Assert.Equal("99", exactly99.Label);
        Assert.Equal(new UnreadCount(99, true), many);
        Assert.Equal("99+", many.Label);
        Assert.Equal(99, page.UnreadCount);
        Assert.True(page.UnreadCountCapped);
        Assert.Equal(ListNotificationsQuery.DefaultLimit, page.Items.Count);
    }

    [Fact]
    public async Task A_new_user_has_nothing()
    {
        var agent = await app.CreateAgentAsync();

        var page = await _notifications.ListAsync(agent);

        Assert.Empty(page.Items);
        Assert.Null(page.NextCursor);
        Assert.Equal(new UnreadCount(0, false), await _notifications.UnreadAsync(agent));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(51)]
    public async Task A_limit_outside_1_to_50_is_a_field_error(int limit)
    {
        var agent = await app.CreateAgentAsync();

        var refusal = await Assert.ThrowsAsync<ValidationException>(() => _notifications.ListAsync(agent, new ListNotificationsQuery { Limit = limit }));

        Assert.Contains(refusal.Errors, e => e.PropertyName == nameof(ListNotificationsQuery.Limit));
    }

    [Theory]
    [InlineData("not-a-cursor")]
    [InlineData("bjEyYQ")] // "n12a"
    public async Task A_cursor_we_never_gave_out_is_a_field_error(string cursor)
    {
        var agent = await app.CreateAgentAsync();

        var refusal = await Assert.ThrowsAsync<ValidationException>(() => _notifications.ListAsync(agent, new ListNotificationsQuery { Cursor = cursor }));

        Assert.Contains(refusal.Errors, e => e.PropertyName == nameof(ListNotificationsQuery.Cursor));
    }

    [Fact]
    public async Task The_system_has_no_notifications()
    {
        await Assert.ThrowsAsync<Domain.ActionForbiddenException>(
            () => app.SendAsync<NotificationPage>(Domain.Actors.Actor.System, new ListNotificationsQuery()));
    }
}
