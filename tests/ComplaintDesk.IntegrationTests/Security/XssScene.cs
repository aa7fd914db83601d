using System.Collections.Concurrent;
using ComplaintDesk.Application.Features.Administration;
using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.Application.Features.Evidence;
using ComplaintDesk.Application.Features.Replies;
using ComplaintDesk.Application.Identity;
using ComplaintDesk.Domain.Actors;
using ComplaintDesk.Domain.Complaints;
using ComplaintDesk.Domain.Customers;
using ComplaintDesk.IntegrationTests.Infrastructure;

namespace ComplaintDesk.IntegrationTests.Security;

/// <summary>One payload's complaint, after it went through every step that stores a person's text.</summary>
public sealed record XssCase(
    XssPayload Payload, Guid ComplaintId, string Reference, Guid TemplateId, string EvidenceName, string AgentId, Guid KeywordRuleId, string CustomerEmail)
{
    /// <summary>
    /// What the case page must show as text: the payload (in the header, the details, the timeline, the template
    /// picker, the composer…) and the evidence's name as stored (the server keeps what follows the last slash).
    /// </summary>
    public IReadOnlyList<string> ExpectedOnCasePage => [Payload.Text, EvidenceName];
}

/// <summary>The data every XSS check renders: one complaint per payload, and the administrator's records.</summary>
/// <param name="Viewer">A supervisor and administrator whose display name is a payload (shown in the header of every page).</param>
/// <param name="CombinedTemplateId">A template whose body holds every payload, for the administrator's preview.</param>
public sealed record XssSceneData(TestUser Viewer, XssPayload ViewerPayload, IReadOnlyList<XssCase> Cases, Guid CombinedTemplateId, string CombinedTemplateBody);

/// <summary>
/// Puts every payload of <see cref="XssCorpus"/> into every free-text field through the app's own commands (no page
/// typing): the customer's name, e-mail (where the address format allows), external id; subject, description, order
/// reference, product, product usage, desired resolution; acknowledgement message, internal and public notes, a reply
/// and a reply from a template (whose placeholders fill in the customer's name), escalation reason, the supervisor's
/// decision comment, resolution summary, satisfaction comment, reopen reason; an evidence file's name; and, as an
/// administrator, a user's display name, a category name, a keyword phrase (which then matches the complaint: the
/// alert writes it into the timeline and the supervisors' notifications) and a template's title and body.
/// Each complaint ends in Resolving, so its page shows the reply composer and the action forms.
/// </summary>
public static class XssScene
{
    /// <summary>The smallest valid PNG (1×1): evidence is recognised by its bytes.</summary>
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    public static async Task<XssSceneData> SeedAsync(ComplaintDeskApp app)
    {
        var admin = (await app.CreateUserAsync("Xss Admin", Roles.Admin)).Actor;
        var viewerPayload = XssCorpus.ByMarker("XSS37");
        var viewer = await CreateUserAsync(app, admin, viewerPayload, "viewer", Roles.Supervisor, Roles.Admin);

        var cases = new ConcurrentBag<XssCase>();
        // Four at a time: each payload's records are its own, and the complaint reference comes from a sequence.
        await Parallel.ForEachAsync(XssCorpus.All,
            new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = TestContext.Current.CancellationToken },
            async (payload, _) => cases.Add(await SeedCaseAsync(app, admin, viewer.Actor, payload)));

        var combinedBody = "Dear {customerName},\n" + string.Join("\n", XssCorpus.All.Select(p => p.Text));
        var combined = await app.SendAsync<ReplyTemplateView>(admin, new CreateReplyTemplateCommand
        {
            Title = "Every payload " + XssCorpus.ByMarker("XSS16").Text, Language = Languages.English, Body = combinedBody,
        });

        return new XssSceneData(viewer, viewerPayload, [.. cases.OrderBy(c => c.Payload.Marker, StringComparer.Ordinal)], combined.Id, combinedBody);
    }

    private static async Task<XssCase> SeedCaseAsync(ComplaintDeskApp app, Actor admin, Actor supervisor, XssPayload payload)
    {
        var text = payload.Text;
        var code = payload.Marker.ToLowerInvariant(); // xss07: a category code is camelCase letters and digits

        var agent = (await CreateUserAsync(app, admin, payload, code, Roles.Agent)).Actor;
        await app.SendAsync<CategoryOption>(admin, new AddCategoryCommand { Code = code, Name = text });
        var rule = await app.SendAsync<KeywordRuleView>(admin, new CreateKeywordRuleCommand { Phrase = text, MinimumSeverity = Severity.High, RiskFlag = true });
        var template = await app.SendAsync<ReplyTemplateView>(admin, new CreateReplyTemplateCommand
        {
            Title = text, Language = Languages.English, Body = "Dear {customerName}, " + text,
        });

        // The validator asks for one @ with something either side: most payloads make a valid address.
        var email = text.Contains('@', StringComparison.Ordinal) ? $"{code}@customer.test" : $"{text}@{code}.test";
        var complaint = await app.SendAsync<ComplaintView>(agent, new LogComplaintCommand
        {
            Customer = new CustomerInput
            {
                Name = text,
                Email = email,
                ExternalId = text,
            },
            Channel = Channel.WebForm,
            Category = code,
            Subject = text,
            Description = text,
            OrderReference = text,
            ProductName = text,
            ProductUsage = text,
            DesiredResolution = DesiredResolution.Other,
            DesiredResolutionText = text,
        });
        var id = complaint.Id;

        await app.SendAsync<ComplaintView>(supervisor, new AssignComplaintCommand { ComplaintId = id, OwnerId = agent.UserId });
        await app.SendAsync<ComplaintView>(agent, new AcknowledgeComplaintCommand { ComplaintId = id, Message = text });
        await app.SendAsync<TimelineEntry>(agent, new AddNoteCommand { ComplaintId = id, Body = text, Visibility = Visibility.Internal });
        await app.SendAsync<TimelineEntry>(agent, new AddNoteCommand { ComplaintId = id, Body = text, Visibility = Visibility.Public });
        await app.SendAsync<ReplyView>(agent, new ReplyToComplaintCommand { ComplaintId = id, Body = text });
        await app.SendAsync<ReplyView>(agent, new ReplyToComplaintCommand { ComplaintId = id, TemplateId = template.Id });

        AttachmentView evidence;
        await using (var content = new MemoryStream(Png))
        {
            evidence = await app.SendAsync<AttachmentView>(agent, new AddEvidenceCommand
            {
                // A file name may hold no control character: the line breaks of one payload become spaces.
                ComplaintId = id, FileName = text.Replace('\n', ' ') + ".png", Length = Png.Length, Content = content,
            });
        }

        await app.SendAsync<ComplaintView>(agent, new EscalateComplaintCommand { ComplaintId = id, Reason = text });
        await app.SendAsync<ComplaintView>(supervisor, new DecideEscalationCommand { ComplaintId = id, Approved = true, Comment = text });
        await app.SendAsync<ComplaintView>(agent, new ResolveComplaintCommand { ComplaintId = id, Summary = text, Outcome = ResolutionOutcome.Upheld });
        await app.SendAsync<ComplaintView>(agent, new StartFollowUpCommand { ComplaintId = id });
        await app.SendAsync<ComplaintView>(agent, new ConfirmSatisfiedCommand { ComplaintId = id, Comment = text, Score = 3 });
        await app.SendAsync<ComplaintView>(agent, new ReopenComplaintCommand { ComplaintId = id, Reason = text });

        return new XssCase(payload, id, complaint.Reference, template.Id, evidence.FileName, agent.UserId!, rule.Id, email);
    }

    private static async Task<TestUser> CreateUserAsync(ComplaintDeskApp app, Actor admin, XssPayload payload, string name, params string[] roles)
    {
        var email = $"{name}.{Guid.NewGuid():N}@xss.test";
        var user = await app.SendAsync<UserView>(admin, new CreateUserCommand
        {
            Email = email, DisplayName = payload.Text, Roles = roles, InitialPassword = ComplaintDeskApp.Password,
        });
        var parties = Party.None;
        if (roles.Contains(Roles.Agent)) parties |= Party.Agent;
        if (roles.Contains(Roles.Supervisor)) parties |= Party.Agent | Party.Supervisor;
        if (roles.Contains(Roles.Admin)) parties |= Party.Admin;
        return new TestUser(user.Id, email, payload.Text, new Actor(user.Id, payload.Text, parties));
    }
}
