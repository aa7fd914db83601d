using ComplaintDesk.Application.Common;
using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.Application.Features.Evidence;
using ComplaintDesk.Application.Identity;
using ComplaintDesk.Domain;
using ComplaintDesk.Domain.Complaints;
using ComplaintDesk.Domain.Evidence;
using ComplaintDesk.IntegrationTests.Features.Complaints;
using ComplaintDesk.IntegrationTests.Infrastructure;
using FluentValidation;

namespace ComplaintDesk.IntegrationTests.Features.Evidence;

public sealed class AddEvidenceTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    private readonly ComplaintSteps _steps = new(app);

    public static TheoryData<string, string, string> AcceptedKinds => new()
    {
        { "photo.jpg", nameof(EvidenceSamples.Jpeg), "image/jpeg" },
        { "screenshot.png", nameof(EvidenceSamples.Png), "image/png" },
        { "picture.webp", nameof(EvidenceSamples.WebP), "image/webp" },
        { "receipt.pdf", nameof(EvidenceSamples.Pdf), "application/pdf" },
    };

    private static byte[] Sample(string name) =>
        (byte[])typeof(EvidenceSamples).GetField(name)!.GetValue(null)!;

    [Theory]
    [MemberData(nameof(AcceptedKinds))]
    public async Task A_picture_or_pdf_is_stored_under_a_server_made_name_with_the_type_its_content_has(string fileName, string sample, string expectedType)
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await _steps.LogAsync(agent);
        var before = await _steps.SnapshotAsync(complaint.Id);
        var bytes = Sample(sample);
        app.Clock.Advance(TimeSpan.FromMinutes(3));

        var view = await app.SendAsync<AttachmentView>(agent.Actor, EvidenceSamples.Upload(complaint.Id, fileName, bytes));

        Assert.Equal(fileName, view.FileName);
        Assert.Equal(expectedType, view.ContentType);
        Assert.Equal(bytes.Length, view.Size);
        Assert.Equal(agent.DisplayName, view.UploadedBy);
        Assert.Equal(app.Clock.GetUtcNow(), view.UploadedAt);
        var row = Assert.Single(await app.AttachmentRowsAsync(complaint.Id));
        Assert.Equal((view.Id, expectedType, (long)bytes.Length, agent.Id), (row.Id, row.ContentType, row.Size, row.UploadedById));
        // The stored file: under the root, named by the key (32 hex digits), nothing of the user's name in the path.
        var path = app.Store().PathOf(row.StorageKey);
        Assert.Matches("^[0-9a-f]{32}$", row.StorageKey);
        Assert.StartsWith(app.Store().Root + Path.DirectorySeparatorChar, path, StringComparison.Ordinal);
        Assert.Equal(row.StorageKey, Path.GetFileName(path));
        Assert.DoesNotContain(Path.GetFileNameWithoutExtension(fileName), path, StringComparison.Ordinal);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken));
        // The timeline says who added what, for colleagues only; the row moved on (xmin).
        var events = await _steps.EventsAsync(complaint.Id);
        Assert.Equal(before.Events + 1, events.Count);
        var added = ComplaintSteps.AssertEvent(events[^1], TimelineEventKind.EvidenceAdded, null, null, Visibility.Internal, agent, app.Clock.GetUtcNow());
        Assert.Equal(fileName, added.Text);
        Assert.NotEqual(before.Version, (await _steps.SnapshotAsync(complaint.Id)).Version);
    }

    [Fact]
    public async Task The_content_decides_the_type_not_the_name()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await _steps.LogAsync(agent);

        var view = await app.SendAsync<AttachmentView>(agent.Actor, EvidenceSamples.Upload(complaint.Id, "scan.pdf", EvidenceSamples.Png));

        Assert.Equal("image/png", view.ContentType);
        Assert.Equal("scan.pdf", view.FileName);
    }

    public static TheoryData<string, string> Impostors => new()
    {
        { "photo.jpg", nameof(EvidenceSamples.Text) },
        { "drawing.svg", nameof(EvidenceSamples.Svg) },
        { "photo.png", nameof(EvidenceSamples.Svg) },
        { "page.html", nameof(EvidenceSamples.Html) },
        { "invoice.pdf", nameof(EvidenceSamples.Html) },
        { "photo.jpg", nameof(EvidenceSamples.Exe) },
    };

    [Theory]
    [MemberData(nameof(Impostors))]
    public async Task Anything_that_is_not_a_picture_or_pdf_inside_is_refused_whatever_its_name_and_leaves_nothing(string fileName, string sample)
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await _steps.LogAsync(agent);
        var filesBefore = app.StoredFiles();

        await _steps.RefusedOnFieldAsync(complaint.Id, nameof(AddEvidenceCommand.Content),
            () => app.SendAsync<AttachmentView>(agent.Actor, EvidenceSamples.Upload(complaint.Id, fileName, Sample(sample))));

        Assert.Empty(await app.AttachmentRowsAsync(complaint.Id));
        Assert.Equal(filesBefore, app.StoredFiles());
    }

    [Fact]
    public async Task A_file_over_10_MB_is_refused_even_when_its_declared_length_is_small()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await _steps.LogAsync(agent);
        var filesBefore = app.StoredFiles();
        var tooBig = EvidenceSamples.JpegOfSize(Attachment.MaxBytes + 1);

        var lied = await Assert.ThrowsAsync<ValidationException>(() => app.SendAsync<AttachmentView>(agent.Actor,
            EvidenceSamples.Upload(complaint.Id, "huge.jpg", tooBig, declaredLength: 1000)));
        await _steps.RefusedOnFieldAsync(complaint.Id, nameof(AddEvidenceCommand.Length),
            () => app.SendAsync<AttachmentView>(agent.Actor, EvidenceSamples.Upload(complaint.Id, "huge.jpg", tooBig)));

        Assert.Contains(lied.Errors, e => e.PropertyName == nameof(AddEvidenceCommand.Content) && e.ErrorMessage.Contains("10 MB", StringComparison.Ordinal));
        Assert.Empty(await app.AttachmentRowsAsync(complaint.Id));
        Assert.Equal(filesBefore, app.StoredFiles()); // the half-written upload is gone too
    }

    [Fact]
    public async Task A_file_of_exactly_10_MB_is_accepted()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await _steps.LogAsync(agent);

        var view = await app.SendAsync<AttachmentView>(agent.Actor,
            EvidenceSamples.Upload(complaint.Id, "big.jpg", EvidenceSamples.JpegOfSize(Attachment.MaxBytes)));

        Assert.Equal(Attachment.MaxBytes, view.Size);
    }

    [Fact]
    public async Task The_eleventh_file_is_refused_by_the_evidence_limit_rule()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await _steps.LogAsync(agent);
        for (var i = 1; i <= Attachment.MaxPerComplaint; i++)
        {
            await app.SendAsync<AttachmentView>(agent.Actor, EvidenceSamples.Upload(complaint.Id, $"photo-{i}.png", EvidenceSamples.Png));
        }
        var filesBefore = app.StoredFiles();

        var refusal = await _steps.RefusedAsync<ComplaintRuleException>(complaint.Id, () => app.SendAsync<AttachmentView>(agent.Actor,
            EvidenceSamples.Upload(complaint.Id, "photo-11.png", EvidenceSamples.Png)));

        Assert.Equal(EvidenceRules.LimitReached, refusal.Rule);
        Assert.Equal(Attachment.MaxPerComplaint, (await app.AttachmentRowsAsync(complaint.Id)).Count);
        Assert.Equal(filesBefore, app.StoredFiles());
    }

    [Fact]
    public async Task Only_the_last_segment_of_the_name_is_kept()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await _steps.LogAsync(agent);

        var windows = await app.SendAsync<AttachmentView>(agent.Actor, EvidenceSamples.Upload(complaint.Id, @"C:\fakepath\kettle.jpg", EvidenceSamples.Jpeg));
        var climbing = await app.SendAsync<AttachmentView>(agent.Actor, EvidenceSamples.Upload(complaint.Id, " ../../etc/receipt.pdf ", EvidenceSamples.Pdf));

        Assert.Equal("kettle.jpg", windows.FileName);
        Assert.Equal("receipt.pdf", climbing.FileName);
    }

    public static TheoryData<string?, string> BadNames => new()
    {
        { null, "missing" },
        { "   ", "blank" },
        { "folder/", "no last segment" },
        { "photo\n.jpg", "control character" },
        { "photo\u202Egpj.exe", "right-to-left override" },
        { new string('a', FieldLengths.FileName - 3) + ".jpg", "too long" },
    };

    [Theory]
    [MemberData(nameof(BadNames))]
    public async Task A_missing_or_unsafe_name_is_refused(string? fileName, string why)
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await _steps.LogAsync(agent);

        await _steps.RefusedOnFieldAsync(complaint.Id, nameof(AddEvidenceCommand.FileName),
            () => app.SendAsync<AttachmentView>(agent.Actor, EvidenceSamples.Upload(complaint.Id, fileName!, EvidenceSamples.Jpeg)));

        Assert.NotEmpty(why);
        Assert.Empty(await app.AttachmentRowsAsync(complaint.Id));
    }

    [Fact]
    public async Task No_content_or_an_empty_file_is_refused()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await _steps.LogAsync(agent);

        await _steps.RefusedOnFieldAsync(complaint.Id, nameof(AddEvidenceCommand.Content), () => app.SendAsync<AttachmentView>(agent.Actor,
            new AddEvidenceCommand { ComplaintId = complaint.Id, FileName = "photo.jpg", Length = 10 }));
        await _steps.RefusedOnFieldAsync(complaint.Id, nameof(AddEvidenceCommand.Length), () => app.SendAsync<AttachmentView>(agent.Actor,
            EvidenceSamples.Upload(complaint.Id, "photo.jpg", [])));
        // Declared non-empty, but nothing arrives: there are no bytes to recognise.
        await _steps.RefusedOnFieldAsync(complaint.Id, nameof(AddEvidenceCommand.Content), () => app.SendAsync<AttachmentView>(agent.Actor,
            EvidenceSamples.Upload(complaint.Id, "photo.jpg", [], declaredLength: 100)));
    }

    [Fact]
    public async Task An_admin_cannot_add_evidence_and_nothing_is_stored()
    {
        var agent = await app.CreateAgentAsync();
        var admin = await app.CreateUserAsync("Ada Admin", Roles.Admin);
        var complaint = await _steps.LogAsync(agent);
        var filesBefore = app.StoredFiles();

        await _steps.RefusedAsync<ActionForbiddenException>(complaint.Id, () => app.SendAsync<AttachmentView>(admin.Actor,
            EvidenceSamples.Upload(complaint.Id, "photo.jpg", EvidenceSamples.Jpeg)));

        Assert.Equal(filesBefore, app.StoredFiles());
    }

    [Fact]
    public async Task A_supervisor_can_add_evidence()
    {
        var agent = await app.CreateAgentAsync();
        var supervisor = await app.CreateSupervisorAsync();
        var complaint = await _steps.LogAsync(agent);

        var view = await app.SendAsync<AttachmentView>(supervisor.Actor, EvidenceSamples.Upload(complaint.Id, "photo.jpg", EvidenceSamples.Jpeg));

        Assert.Equal(supervisor.DisplayName, view.UploadedBy);
    }

    [Fact]
    public async Task An_unknown_complaint_is_not_found_and_a_stale_version_is_a_conflict()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await _steps.LogAsync(agent);
        var filesBefore = app.StoredFiles();

        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAsync<AttachmentView>(agent.Actor,
            EvidenceSamples.Upload(Guid.NewGuid(), "photo.jpg", EvidenceSamples.Jpeg)));
        await _steps.RefusedAsync<ConcurrencyConflictException>(complaint.Id, () => app.SendAsync<AttachmentView>(agent.Actor,
            EvidenceSamples.Upload(complaint.Id, "photo.jpg", EvidenceSamples.Jpeg) with { ExpectedVersion = complaint.Version + 1 }));

        Assert.Equal(filesBefore, app.StoredFiles());
    }

    [Fact]
    public async Task When_the_save_loses_a_race_the_stored_file_is_removed_again()
    {
        var agent = await app.CreateAgentAsync();
        var colleague = await app.CreateAgentAsync("Quick Colleague");
        var complaint = await _steps.LogAsync(agent);
        var filesBefore = app.StoredFiles();
        // While the upload is being read (after the complaint was loaded), a colleague changes the complaint.
        var upload = new InterruptedStream(EvidenceSamples.Jpeg, () => app.SendAsync<TimelineEntry>(colleague.Actor,
            new AddNoteCommand { ComplaintId = complaint.Id, Body = "I am on it.", Visibility = Visibility.Internal }));

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => app.SendAsync<AttachmentView>(agent.Actor,
            new AddEvidenceCommand { ComplaintId = complaint.Id, FileName = "photo.jpg", Length = EvidenceSamples.Jpeg.Length, Content = upload }));

        Assert.True(upload.Interrupted);
        Assert.Empty(await app.AttachmentRowsAsync(complaint.Id));
        Assert.Equal(filesBefore, app.StoredFiles());
        Assert.DoesNotContain((await _steps.EventsAsync(complaint.Id)), e => e.Kind == TimelineEventKind.EvidenceAdded);
    }

    /// <summary>Bytes that, on the first read, let something else happen first.</summary>
    private sealed class InterruptedStream(byte[] bytes, Func<Task> meanwhile) : MemoryStream(bytes)
    {
        public bool Interrupted { get; private set; }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (!Interrupted)
            {
                Interrupted = true;
                await meanwhile();
            }
            return await base.ReadAsync(buffer, cancellationToken);
        }
    }
}
