using System.Globalization;
using ComplaintDesk.Application.Common;
using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.Application.Features.Replies;
using ComplaintDesk.Application.Identity;
using ComplaintDesk.Domain;
using ComplaintDesk.Domain.Complaints;
using ComplaintDesk.IntegrationTests.Features.Complaints;
using ComplaintDesk.IntegrationTests.Infrastructure;
using FluentValidation;

namespace ComplaintDesk.IntegrationTests.Features.Replies;

public sealed class ReplyToComplaintTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    private readonly ComplaintSteps _steps = new(app);

    private Task<ReplyView> ReplyAsync(TestUser by, ReplyToComplaintCommand command) => app.SendAsync<ReplyView>(by.Actor, command);

    [Fact]
    public async Task A_typed_reply_is_stored_as_a_public_reply_event_and_answered_as_written()
    {
        var agent = await app.CreateAgentAsync("Reply Agent");
        var complaint = await _steps.LogAsync(agent);
        var before = await _steps.SnapshotAsync(complaint.Id);
        app.Clock.Advance(TimeSpan.FromMinutes(5));

        var reply = await ReplyAsync(agent, new ReplyToComplaintCommand { ComplaintId = complaint.Id, Body = "  We are sorry; a new kettle is on its way.  " });

        Assert.Equal("We are sorry; a new kettle is on its way.", reply.Body);
        Assert.Equal("Reply Agent", reply.Author);
        Assert.Equal(app.Clock.GetUtcNow(), reply.At);
        var events = await _steps.EventsAsync(complaint.Id);
        Assert.Equal(before.Events + 1, events.Count);
        var stored = ComplaintSteps.AssertEvent(events[^1], TimelineEventKind.Reply, null, null, Visibility.Public, agent, app.Clock.GetUtcNow());
        Assert.Equal(reply.Id, stored.Id);
        Assert.Equal(reply.Body, stored.Text);
        var after = await _steps.SnapshotAsync(complaint.Id);
        Assert.Equal(before.State, after.State); // a reply moves nothing in the lifecycle
        Assert.NotEqual(before.Version, after.Version);
    }

    [Fact]
    public async Task With_no_body_the_template_filled_from_the_case_is_the_reply()
    {
        var agent = await app.CreateAgentAsync("Alice Agent");
        var complaint = await _steps.LogAsync(agent, ComplaintSteps.NewComplaint(name: "Mei Lin"));
        var template = await app.CreateTemplateAsync($"Acknowledgement {Guid.NewGuid():N}",
            "Dear {customerName}, we received {reference} and reply by {acknowledgeBy}; resolved by {resolveBy}. " +
            "Status: {statusLink} — {agentFirstName}. {notAPlaceholder}");
        app.Clock.Advance(TimeSpan.FromHours(2));

        var reply = await ReplyAsync(agent, new ReplyToComplaintCommand { ComplaintId = complaint.Id, TemplateId = template.Id });

        // The case's own SLA deadlines (its acknowledge and resolve clocks).
        var acknowledgeBy = complaint.SlaClocks.Single(c => c.Kind == Domain.Sla.SlaClockKind.Acknowledge).DueAt.UtcDateTime;
        var resolveBy = complaint.SlaClocks.Single(c => c.Kind == Domain.Sla.SlaClockKind.Resolve).DueAt.UtcDateTime;
        Assert.Equal(string.Create(CultureInfo.InvariantCulture,
            $"Dear Mei Lin, we received {complaint.Reference} and reply by {acknowledgeBy:yyyy-MM-dd HH:mm} UTC; " +
            $"resolved by {resolveBy:yyyy-MM-dd HH:mm} UTC. Status: (status link coming soon) — Alice. {{notAPlaceholder}}"),
            reply.Body);
        var stored = (await _steps.EventsAsync(complaint.Id))[^1];
        Assert.Equal((TimelineEventKind.Reply, Visibility.Public, reply.Body), (stored.Kind, stored.Visibility, stored.Text));
    }

    [Fact]
    public async Task A_body_given_with_a_template_is_sent_as_the_agent_edited_it()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await _steps.LogAsync(agent);
        var template = await app.CreateTemplateAsync($"Edited {Guid.NewGuid():N}", "Dear {customerName}, template text.");

        var reply = await ReplyAsync(agent, new ReplyToComplaintCommand
        {
            ComplaintId = complaint.Id, TemplateId = template.Id, Body = "Dear Ann, my own words about {reference}.",
        });

        Assert.Equal("Dear Ann, my own words about {reference}.", reply.Body);
    }

    [Theory]
    [InlineData(ComplaintState.Closed)]
    [InlineData(ComplaintState.FollowUp)]
    [InlineData(ComplaintState.Escalated)]
    public async Task Replying_is_allowed_in_every_state_customers_write_after_closing_too(ComplaintState state)
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await _steps.InStateAsync(state, agent);

        var reply = await ReplyAsync(agent, new ReplyToComplaintCommand { ComplaintId = complaint.Id, Body = "Thank you for writing again." });

        Assert.Equal(reply.Id, (await _steps.EventsAsync(complaint.Id))[^1].Id);
        Assert.Equal(state, (await _steps.StoredAsync(complaint.Id)).State);
    }

    [Fact]
    public async Task No_body_and_no_template_or_an_unknown_template_or_too_long_a_body_are_field_errors()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await _steps.LogAsync(agent);

        await _steps.RefusedOnFieldAsync(complaint.Id, nameof(ReplyToComplaintCommand.Body),
            () => ReplyAsync(agent, new ReplyToComplaintCommand { ComplaintId = complaint.Id, Body = "   " }));
        await _steps.RefusedOnFieldAsync(complaint.Id, nameof(ReplyToComplaintCommand.TemplateId),
            () => ReplyAsync(agent, new ReplyToComplaintCommand { ComplaintId = complaint.Id, TemplateId = Guid.NewGuid() }));
        await _steps.RefusedOnFieldAsync(complaint.Id, nameof(ReplyToComplaintCommand.Body),
            () => ReplyAsync(agent, new ReplyToComplaintCommand { ComplaintId = complaint.Id, Body = new string('x', FieldLengths.NoteBody + 1) }));
    }

    [Fact]
    public async Task A_template_that_fills_to_more_than_a_reply_may_hold_is_refused_on_the_body()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await _steps.LogAsync(agent, ComplaintSteps.NewComplaint(name: new string('N', 150)));
        var body = string.Concat(Enumerable.Repeat("{customerName}", FieldLengths.TemplateBody / "{customerName}".Length));
        var template = await app.CreateTemplateAsync($"Long {Guid.NewGuid():N}", body);

        await _steps.RefusedOnFieldAsync(complaint.Id, nameof(ReplyToComplaintCommand.Body),
            () => ReplyAsync(agent, new ReplyToComplaintCommand { ComplaintId = complaint.Id, TemplateId = template.Id }));
    }

    [Fact]
    public async Task An_administrator_may_not_reply_and_an_unknown_complaint_is_not_found()
    {
        var agent = await app.CreateAgentAsync();
        var admin = await app.CreateUserAsync("Ada Admin", Roles.Admin);
        var complaint = await _steps.LogAsync(agent);

        await _steps.RefusedAsync<ActionForbiddenException>(complaint.Id,
            () => ReplyAsync(admin, new ReplyToComplaintCommand { ComplaintId = complaint.Id, Body = "Hello." }));
        await Assert.ThrowsAsync<NotFoundException>(() =>
            ReplyAsync(agent, new ReplyToComplaintCommand { ComplaintId = Guid.NewGuid(), Body = "Hello." }));
    }

    [Fact]
    public async Task A_stale_version_is_a_conflict()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await _steps.LogAsync(agent);
        await _steps.SendAsync(agent, new AcknowledgeComplaintCommand { ComplaintId = complaint.Id });

        await _steps.RefusedAsync<ConcurrencyConflictException>(complaint.Id, () => ReplyAsync(agent,
            new ReplyToComplaintCommand { ComplaintId = complaint.Id, ExpectedVersion = complaint.Version, Body = "Hello." }));
    }
}
