using ComplaintDesk.Application.Common;
using ComplaintDesk.Application.Features.Evidence;
using ComplaintDesk.Application.Identity;
using ComplaintDesk.IntegrationTests.Features.Complaints;
using ComplaintDesk.IntegrationTests.Infrastructure;

namespace ComplaintDesk.IntegrationTests.Features.Evidence;

public sealed class GetAttachmentTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    private readonly ComplaintSteps _steps = new(app);

    [Fact]
    public async Task Staff_read_back_the_same_bytes_and_metadata()
    {
        var agent = await app.CreateAgentAsync();
        var admin = await app.CreateUserAsync("Ada Admin", Roles.Admin);
        var complaint = await _steps.LogAsync(agent);
        var added = await app.SendAsync<AttachmentView>(agent.Actor, EvidenceSamples.Upload(complaint.Id, "receipt.pdf", EvidenceSamples.Pdf));

        var found = await app.SendAsync<AttachmentContent>(admin.Actor, new GetAttachmentQuery(complaint.Id, added.Id));

        Assert.Equal(added, found.Attachment);
        await using var stream = await found.OpenReadAsync(TestContext.Current.CancellationToken);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy, TestContext.Current.CancellationToken);
        Assert.Equal(EvidenceSamples.Pdf, copy.ToArray());
    }

    [Fact]
    public async Task An_attachment_asked_for_under_another_complaint_or_an_unknown_id_is_not_found()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await _steps.LogAsync(agent);
        var other = await _steps.LogAsync(agent);
        var added = await app.SendAsync<AttachmentView>(agent.Actor, EvidenceSamples.Upload(complaint.Id, "photo.png", EvidenceSamples.Png));

        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync<AttachmentContent>(agent.Actor, new GetAttachmentQuery(other.Id, added.Id)));
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync<AttachmentContent>(agent.Actor, new GetAttachmentQuery(complaint.Id, Guid.NewGuid())));
    }

    [Fact]
    public async Task The_list_holds_a_complaints_evidence_oldest_first_and_an_unknown_complaint_is_not_found()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await _steps.LogAsync(agent);
        var other = await _steps.LogAsync(agent);
        var first = await app.SendAsync<AttachmentView>(agent.Actor, EvidenceSamples.Upload(complaint.Id, "first.png", EvidenceSamples.Png));
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var second = await app.SendAsync<AttachmentView>(agent.Actor, EvidenceSamples.Upload(complaint.Id, "second.pdf", EvidenceSamples.Pdf));
        await app.SendAsync<AttachmentView>(agent.Actor, EvidenceSamples.Upload(other.Id, "elsewhere.png", EvidenceSamples.Png));

        var list = await app.SendAsync<IReadOnlyList<AttachmentView>>(agent.Actor, new ListAttachmentsQuery(complaint.Id));

        Assert.Equal([first, second], list);
        Assert.Empty(await app.SendAsync<IReadOnlyList<AttachmentView>>(agent.Actor, new ListAttachmentsQuery((await _steps.LogAsync(agent)).Id)));
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync<IReadOnlyList<AttachmentView>>(agent.Actor, new ListAttachmentsQuery(Guid.NewGuid())));
    }
}
