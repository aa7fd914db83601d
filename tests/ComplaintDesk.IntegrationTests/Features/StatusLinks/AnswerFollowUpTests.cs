using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.Application.Features.StatusLinks;
using ComplaintDesk.Domain.Actors;
using ComplaintDesk.Domain.Complaints;
using ComplaintDesk.IntegrationTests.Infrastructure;

namespace ComplaintDesk.IntegrationTests.Features.StatusLinks;

public sealed class AnswerFollowUpTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    private readonly StatusLinkSteps _steps = new(app);
    private static readonly Actor Customer = Actor.Customer("Ann");

    private Task<ComplaintView> AnswerAsync(Actor actor, Guid id, bool? satisfied, int? score, string? comment = null) =>
        app.SendAsync<ComplaintView>(actor, new AnswerFollowUpCommand { ComplaintId = id, Satisfied = satisfied, Score = score, Comment = comment });

    [Fact]
    public async Task Satisfied_closes_the_case_with_the_score_and_the_comment()
    {
        var agent = await app.CreateAgentAsync();
        var linked = await _steps.InFollowUpAsync(agent);

        var view = await AnswerAsync(Customer, linked.Id, true, 4, " Thank you! ");

        Assert.Equal(ComplaintState.Closed, view.State);
        var stored = await _steps.Complaints.StoredAsync(linked.Id);
        Assert.True(stored.FollowUpDone);
        Assert.Equal(4, stored.SatisfactionScore);
        var last = (await _steps.Complaints.EventsAsync(linked.Id))[^1];
        Assert.Equal(TimelineEventKind.SatisfactionConfirmed, last.Kind);
        Assert.Equal("Thank you!", last.Text);
        Assert.Null(last.ActorId);
        Assert.Equal("Ann", last.ActorName);
    }

    [Fact]
    public async Task Not_satisfied_reopens_with_the_comment_as_reason_and_the_second_time_escalates()
    {
        var agent = await app.CreateAgentAsync();
        var linked = await _steps.InFollowUpAsync(agent);

        var first = await AnswerAsync(Customer, linked.Id, false, 2, "The replacement is broken too.");

        Assert.Equal(ComplaintState.Resolving, first.State);
        var reopened = (await _steps.Complaints.EventsAsync(linked.Id))[^1];
        Assert.Equal(TimelineEventKind.Reopened, reopened.Kind);
        Assert.Equal("The replacement is broken too.", reopened.Text);
        Assert.Equal(2, (await _steps.Complaints.StoredAsync(linked.Id)).SatisfactionScore); // not satisfied keeps its score too

        await _steps.ToFollowUpAsync(agent, linked.Id);
        var second = await AnswerAsync(Customer, linked.Id, false, 1, "Still broken.");

        Assert.Equal(ComplaintState.Escalated, second.State);
        var escalated = (await _steps.Complaints.EventsAsync(linked.Id))[^1];
        Assert.Equal(TimelineEventKind.Escalated, escalated.Kind);
        Assert.Equal(Complaint.SecondReopeningReason, escalated.Text);
        Assert.Equal(1, (await _steps.Complaints.StoredAsync(linked.Id)).SatisfactionScore);
    }

    [Fact]
    public async Task Staff_reopening_from_the_follow_up_a_second_time_escalates_too()
    {
        var agent = await app.CreateAgentAsync();
        var linked = await _steps.InFollowUpAsync(agent);

        // The customer said on the phone they are not satisfied, twice: staff record it with ReopenComplaint.
        var first = await _steps.Complaints.SendAsync(agent, new ReopenComplaintCommand { ComplaintId = linked.Id, Reason = "Customer called: still broken." });
        Assert.Equal(ComplaintState.Resolving, first.State);
        await _steps.ToFollowUpAsync(agent, linked.Id);
        var second = await _steps.Complaints.SendAsync(agent, new ReopenComplaintCommand { ComplaintId = linked.Id, Reason = "Customer called again." });

        Assert.Equal(ComplaintState.Escalated, second.State);
        var escalated = (await _steps.Complaints.EventsAsync(linked.Id))[^1];
        Assert.Equal(TimelineEventKind.Escalated, escalated.Kind);
        Assert.Equal(Complaint.SecondReopeningReason, escalated.Text);
    }

    [Fact]
    public async Task Staff_record_the_same_answer_from_the_phone()
    {
        var agent = await app.CreateAgentAsync();
        var linked = await _steps.InFollowUpAsync(agent);

        var view = await AnswerAsync(agent.Actor, linked.Id, true, 5);

        Assert.Equal(ComplaintState.Closed, view.State);
        Assert.Equal(5, view.SatisfactionScore);
    }

    [Fact]
    public async Task An_incomplete_answer_is_refused_on_its_field_and_changes_nothing()
    {
        var agent = await app.CreateAgentAsync();
        var linked = await _steps.InFollowUpAsync(agent);

        await _steps.Complaints.RefusedOnFieldAsync(linked.Id, "Comment", () => AnswerAsync(Customer, linked.Id, false, 2, " "));
        await _steps.Complaints.RefusedOnFieldAsync(linked.Id, "Score", () => AnswerAsync(Customer, linked.Id, true, null));
        await _steps.Complaints.RefusedOnFieldAsync(linked.Id, "Score", () => AnswerAsync(Customer, linked.Id, true, 6));
        await _steps.Complaints.RefusedOnFieldAsync(linked.Id, "Satisfied", () => AnswerAsync(Customer, linked.Id, null, 3));
        await _steps.Complaints.RefusedOnFieldAsync(linked.Id, "Comment", () => AnswerAsync(Customer, linked.Id, true, 3, new string('x', 2001)));
    }

    [Fact]
    public async Task The_customer_cannot_reopen_a_case_that_is_not_asking_them()
    {
        var agent = await app.CreateAgentAsync();
        var linked = await _steps.AcknowledgedAsync(agent, resolving: true);

        await _steps.Complaints.RefusedAsync<ComplaintDesk.Domain.ComplaintRuleException>(linked.Id,
            () => AnswerAsync(Customer, linked.Id, false, 1, "Not happy."));
    }
}
