using System.Net;
using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.Domain.Complaints;
using ComplaintDesk.IntegrationTests.Infrastructure;

namespace ComplaintDesk.IntegrationTests.Pages.Complaints;

/// <summary>The page side of the error mapping: field errors, refusals, lost races, wrong roles, missing cases, forged posts.</summary>
public sealed class CasePageErrorTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    [Fact]
    public async Task A_post_without_the_anti_forgery_token_is_refused_with_400_and_changes_nothing()
    {
        var agent = await app.CreateAgentAsync();
        using var session = await PageSession.SignInAsync(app, agent);
        var complaint = await PageSteps.LogAsync(app, agent, "Forged post");

        using var response = await session.PostAsync($"/Complaints/{complaint.Id}?handler=Acknowledge",
            [new("Acknowledge.ExpectedVersion", complaint.Version.ToString(System.Globalization.CultureInfo.InvariantCulture))]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(ComplaintState.Received, await PageSteps.StateAsync(app, complaint.Id));
    }

    [Fact]
    public async Task A_post_from_a_stale_page_says_someone_else_changed_it_offers_a_reload_and_changes_nothing()
    {
        var agent = await app.CreateAgentAsync();
        var colleague = await app.CreateAgentAsync("Quick Colleague");
        using var session = await PageSession.SignInAsync(app, agent);
        var complaint = await PageSteps.LogAsync(app, agent, "Two people at once");
        var stalePage = await session.GetPageAsync($"/Complaints/{complaint.Id}");
        await app.SendAsync<TimelineEntry>(colleague.Actor, new AddNoteCommand
        {
            ComplaintId = complaint.Id, Body = "I am on this one.", Visibility = Visibility.Internal,
        });

        using var response = await session.SubmitAsync(stalePage, "Acknowledge", new() { ["Message to the customer (optional)"] = "Hello" });
        var page = await HtmlPage.ReadAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("changed by someone else", page.Document.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal($"/Complaints/{complaint.Id}", page.Link("Reload").GetAttribute("href"));
        Assert.Contains("I am on this one.", page.Text); // the page shows what the other person did
        Assert.Equal("Hello", page.FieldValue("Acknowledge.Message")); // and keeps what this one typed
        Assert.Equal(ComplaintState.Received, await PageSteps.StateAsync(app, complaint.Id));
    }

    [Fact]
    public async Task A_missing_reason_is_shown_at_the_reason_field_of_the_form_that_was_posted()
    {
        var agent = await app.CreateAgentAsync();
        using var session = await PageSession.SignInAsync(app, agent);
        var complaint = await PageSteps.LogAsync(app, agent, "No reason given");
        var page = await session.GetPageAsync($"/Complaints/{complaint.Id}");

        using var response = await session.SubmitAsync(page, "Escalate", new() { ["Reason for escalating"] = "  " });
        var again = await HtmlPage.ReadAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual("", again.FieldError("Escalate.Reason"));
        Assert.Equal("", again.FieldError("Acknowledge.Message"));
        Assert.Equal(complaint.Reference, again.Heading); // re-rendered with the complaint loaded
        Assert.Equal("Received", again.State);
        Assert.Equal(ComplaintState.Received, await PageSteps.StateAsync(app, complaint.Id));
    }

    [Fact]
    public async Task A_move_the_lifecycle_refuses_is_shown_at_the_top_of_the_page()
    {
        var agent = await app.CreateAgentAsync();
        using var session = await PageSession.SignInAsync(app, agent);
        var complaint = await PageSteps.LogAsync(app, agent, "Acknowledged twice");
        var page = await session.GetPageAsync($"/Complaints/{complaint.Id}");
        await app.SendAsync<ComplaintView>(agent.Actor, new AcknowledgeComplaintCommand { ComplaintId = complaint.Id });
        var current = await PageSteps.VersionAsync(app, complaint.Id);

        // The old form, sent with the current version: no race, but Acknowledged cannot be acknowledged again.
        using var response = await session.SubmitAsync(page, "Acknowledge", new()
        {
            ["Acknowledge.ExpectedVersion"] = current.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        var again = await HtmlPage.ReadAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("cannot take the action Acknowledge", again.Document.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        Assert.False(again.HasLink("Reload"));
        Assert.Equal("Acknowledged", again.State);
        Assert.Equal(current, await PageSteps.VersionAsync(app, complaint.Id));
    }

    [Fact]
    public async Task An_agent_posting_the_escalation_decision_directly_gets_403_and_the_case_stays_escalated()
    {
        var agent = await app.CreateAgentAsync();
        using var session = await PageSession.SignInAsync(app, agent);
        var complaint = await PageSteps.LogAsync(app, agent, "Agent tries to decide");
        var escalated = await app.SendAsync<ComplaintView>(agent.Actor, new EscalateComplaintCommand { ComplaintId = complaint.Id, Reason = "Above me." });
        var page = await session.GetPageAsync($"/Complaints/{complaint.Id}");
        Assert.DoesNotContain("Decide escalation", page.Buttons);

        using var response = await session.PostAsync($"/Complaints/{complaint.Id}?handler=DecideEscalation",
        [
            new("__RequestVerificationToken", page.AntiforgeryToken("Add note")),
            new("DecideEscalation.ExpectedVersion", escalated.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("DecideEscalation.Approved", "true"),
            new("DecideEscalation.Comment", "I approve my own escalation."),
        ]);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(ComplaintState.Escalated, await PageSteps.StateAsync(app, complaint.Id));
    }

    [Fact]
    public async Task An_unknown_complaint_is_not_found()
    {
        var agent = await app.CreateAgentAsync();
        using var session = await PageSession.SignInAsync(app, agent);

        using var response = await session.GetAsync($"/Complaints/{Guid.NewGuid()}");
        var page = await HtmlPage.ReadAsync(response);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Not found", page.Heading);
    }

    [Fact]
    public async Task A_post_to_a_handler_the_case_page_does_not_have_is_not_found_rather_than_a_broken_page()
    {
        var agent = await app.CreateAgentAsync();
        using var session = await PageSession.SignInAsync(app, agent);
        var complaint = await PageSteps.LogAsync(app, agent, "Unknown handler");
        var page = await session.GetPageAsync($"/Complaints/{complaint.Id}");

        using var post = await session.PostAsync($"/Complaints/{complaint.Id}?handler=Bogus",
            [new("__RequestVerificationToken", page.AntiforgeryToken("Add note"))]);

        using var plainPost = await session.PostAsync($"/Complaints/{complaint.Id}",
            [new("__RequestVerificationToken", page.AntiforgeryToken("Add note"))]);

        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, plainPost.StatusCode);
    }
}
