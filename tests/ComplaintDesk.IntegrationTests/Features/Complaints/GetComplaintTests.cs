using ComplaintDesk.Application.Common;
using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.Application.Features.Evidence;
using ComplaintDesk.Application.Identity;
using ComplaintDesk.Domain.Complaints;
using ComplaintDesk.IntegrationTests.Features.Evidence;
using ComplaintDesk.IntegrationTests.Infrastructure;

namespace ComplaintDesk.IntegrationTests.Features.Complaints;

public sealed class GetComplaintTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    private readonly ComplaintSteps _steps = new(app);

    [Fact]
    public async Task On_an_escalated_case_the_supervisor_may_decide_or_resolve_and_the_agent_may_not()
    {
        var agent = await app.CreateAgentAsync();
        var supervisor = await app.CreateSupervisorAsync();
        var complaint = await _steps.InStateAsync(ComplaintState.Escalated, agent);

        var asAgent = await app.SendAsync<ComplaintView>(agent.Actor, new GetComplaintQuery(complaint.Id));
        var asSupervisor = await app.SendAsync<ComplaintView>(supervisor.Actor, new GetComplaintQuery(complaint.Id));

        Assert.Equal(["addNote", "assign", "changeClassification", "recordCustomerMessage", "reply", "requestInformation"], asAgent.AllowedActions.Order());
        Assert.Equal(["addNote", "assign", "changeClassification", "decideEscalation", "recordCustomerMessage", "reply", "requestInformation", "resolve"],
            asSupervisor.AllowedActions.Order());
    }

    [Theory]
    [InlineData(ComplaintState.Received, new[] { "acknowledge", "addNote", "assign", "changeClassification", "escalate", "recordCustomerMessage", "reply", "requestInformation" })]
    [InlineData(ComplaintState.Acknowledged, new[] { "addNote", "assign", "changeClassification", "escalate", "recordCustomerMessage", "reply", "requestInformation", "startResolving" })]
    [InlineData(ComplaintState.Resolving, new[] { "addNote", "assign", "changeClassification", "escalate", "recordCustomerMessage", "reply", "requestInformation", "resolve" })]
    [InlineData(ComplaintState.Closed, new[] { "addNote", "recordCustomerMessage", "reopen", "reply", "startFollowUp" })]
    [InlineData(ComplaintState.FollowUp, new[] { "addNote", "assign", "confirmSatisfied", "recordCustomerMessage", "reopen", "reply" })]
    public async Task An_agent_is_offered_exactly_the_moves_of_the_table_from_each_state(ComplaintState state, string[] expected)
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await _steps.InStateAsync(state, agent);

        var view = await app.SendAsync<ComplaintView>(agent.Actor, new GetComplaintQuery(complaint.Id));

        Assert.Equal(state, view.State);
        Assert.Equal(expected, view.AllowedActions.Order());
    }

    [Fact]
    public async Task An_admin_reads_a_complaint_but_is_offered_no_action()
    {
        var agent = await app.CreateAgentAsync();
        var admin = await app.CreateUserAsync("Ada Admin", Roles.Admin);
        var complaint = await _steps.LogAsync(agent);

        var view = await app.SendAsync<ComplaintView>(admin.Actor, new GetComplaintQuery(complaint.Id));

        Assert.Equal(complaint.Reference, view.Reference);
        Assert.Empty(view.AllowedActions);
    }

    [Fact]
    public async Task The_view_carries_the_stored_fields_and_version()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await _steps.InStateAsync(ComplaintState.Closed, agent);

        var view = await app.SendAsync<ComplaintView>(agent.Actor, new GetComplaintQuery(complaint.Id));

        var stored = await _steps.StoredAsync(complaint.Id);
        Assert.Equal(stored.Version, view.Version);
        Assert.Equal(stored.ClosedAt, view.ClosedAt);
        Assert.Equal(stored.Outcome, view.Outcome);
        Assert.Equal(stored.ResolutionSummary, view.ResolutionSummary);
        Assert.Equal(stored.OwnerId, view.OwnerId);
        Assert.Equal(stored.Customer.Email, view.Customer.Email);
    }

    [Fact]
    public async Task An_unknown_complaint_is_not_found()
    {
        var agent = await app.CreateAgentAsync();
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync<ComplaintView>(agent.Actor, new GetComplaintQuery(Guid.NewGuid())));
    }

    [Fact]
    public async Task The_view_lists_the_attachments_newest_first_and_counts_the_customers_complaints()
    {
        var agent = await app.CreateAgentAsync();
        var email = $"often.{Guid.NewGuid():N}@example.test";
        var earlier = await _steps.LogAsync(agent, ComplaintSteps.NewComplaint("Earlier one", email: email));
        var complaint = await _steps.LogAsync(agent, ComplaintSteps.NewComplaint("Later one", email: email));
        Assert.Equal(2, complaint.Customer.ComplaintCount); // the command's answer counts already
        var photo = await app.SendAsync<AttachmentView>(agent.Actor, EvidenceSamples.Upload(complaint.Id, "photo.png", EvidenceSamples.Png));
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var receipt = await app.SendAsync<AttachmentView>(agent.Actor, EvidenceSamples.Upload(complaint.Id, "receipt.pdf", EvidenceSamples.Pdf));

        var view = await app.SendAsync<ComplaintView>(agent.Actor, new GetComplaintQuery(complaint.Id));

        Assert.Equal(
        [
            new AttachmentSummary(receipt.Id, "receipt.pdf", "application/pdf", EvidenceSamples.Pdf.Length),
            new AttachmentSummary(photo.Id, "photo.png", "image/png", EvidenceSamples.Png.Length),
        ], view.Attachments);
        Assert.Equal(2, view.Customer.ComplaintCount);
        Assert.Equal(0m, view.Customer.CompensationLast12Months);
        Assert.Empty((await app.SendAsync<ComplaintView>(agent.Actor, new GetComplaintQuery(earlier.Id))).Attachments);
        // A command's answer carries them too.
        var acknowledged = await _steps.SendAsync(agent, new AcknowledgeComplaintCommand { ComplaintId = complaint.Id });
        Assert.Equal([receipt.Id, photo.Id], acknowledged.Attachments.Select(a => a.Id));
    }
}
