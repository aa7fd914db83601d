using System.Net;
using ComplaintDesk.Application.Identity;
using ComplaintDesk.Domain.Complaints;
using ComplaintDesk.IntegrationTests.Features.Replies;
using ComplaintDesk.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ComplaintDesk.IntegrationTests.Pages.Complaints;

/// <summary>The reply composer and its template picker, without JavaScript.</summary>
public sealed class CasePageReplyTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    [Fact]
    public async Task Use_template_fills_the_composer_and_send_reply_puts_a_public_reply_on_the_timeline()
    {
        var agent = await app.CreateAgentAsync("Wendy Agent");
        using var session = await PageSession.SignInAsync(app, agent);
        var complaint = await PageSteps.LogAsync(app, agent, "Charged twice");
        var title = $"Apology {Guid.NewGuid():N}";
        var template = await app.CreateTemplateAsync(title, "Dear {customerName}, sorry about {reference}. — {agentFirstName} {unknownThing}");
        var page = await session.GetPageAsync($"/Complaints/{complaint.Id}");
        Assert.Equal("", page.FieldValue("Reply.Body"));

        using var picked = await session.SubmitAsync(page, "Use template", new() { ["Reply template"] = template.Id.ToString() });
        var filled = await HtmlPage.ReadAsync(picked);

        Assert.Equal(HttpStatusCode.OK, picked.StatusCode);
        Assert.EndsWith($"/Complaints/{complaint.Id}?template={template.Id}", filled.Url, StringComparison.Ordinal);
        var expected = $"Dear Pat Customer, sorry about {complaint.Reference}. — Wendy {{unknownThing}}";
        Assert.Equal(expected, filled.FieldValue("Reply.Body"));
        Assert.Equal(template.Id.ToString(), filled.FieldValue("template")); // the picker shows the choice

        using var sent = await session.SubmitAsync(filled, "Send reply");

        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Equal($"/Complaints/{complaint.Id}", sent.Headers.Location!.PathAndQueryOf());
        var after = await session.FollowAsync(sent);
        var reply = after.Document.QuerySelectorAll(".timeline li.reply").Single();
        Assert.Contains(expected, reply.TextContent, StringComparison.Ordinal);
        Assert.Contains("public", reply.ClassList);
        Assert.Equal("", after.FieldValue("Reply.Body")); // the composer is empty again
        var stored = await app.QueryDbAsync(db => db.TimelineEvents.Where(e => e.ComplaintId == complaint.Id && e.Kind == TimelineEventKind.Reply)
            .SingleAsync(TestContext.Current.CancellationToken));
        Assert.Equal((expected, Visibility.Public, agent.Id), (stored.Text, stored.Visibility, stored.ActorId));
    }

    [Fact]
    public async Task An_edited_template_is_sent_as_edited_and_an_empty_reply_is_a_field_error()
    {
        var agent = await app.CreateAgentAsync();
        using var session = await PageSession.SignInAsync(app, agent);
        var complaint = await PageSteps.LogAsync(app, agent, "Edited reply");
        var page = await session.GetPageAsync($"/Complaints/{complaint.Id}");

        using var empty = await session.SubmitAsync(page, "Send reply", new() { ["Reply.Body"] = "  " });
        var errorPage = await HtmlPage.ReadAsync(empty);
        using var typed = await session.SubmitAsync(page, "Send reply", new() { ["Reply (the customer will see it)"] = "My own <b>words</b>." });

        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.NotEqual("", errorPage.FieldError("Reply.Body"));
        Assert.Equal(HttpStatusCode.Redirect, typed.StatusCode);
        var after = await session.FollowAsync(typed);
        var reply = after.Document.QuerySelectorAll(".timeline li.reply").Single();
        Assert.Contains("My own <b>words</b>.", reply.QuerySelector(".text")!.TextContent, StringComparison.Ordinal); // shown as text, not markup
        Assert.Null(reply.QuerySelector("b"));
    }

    [Fact]
    public async Task An_unknown_template_says_so_and_leaves_the_composer_empty()
    {
        var agent = await app.CreateAgentAsync();
        using var session = await PageSession.SignInAsync(app, agent);
        var complaint = await PageSteps.LogAsync(app, agent, "Unknown template");

        var page = await session.GetPageAsync($"/Complaints/{complaint.Id}?template={Guid.NewGuid()}");

        Assert.Contains("No reply template has this id.", page.Document.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("", page.FieldValue("Reply.Body"));
    }

    [Fact]
    public async Task Templates_in_the_customers_language_come_first_in_the_picker()
    {
        var agent = await app.CreateAgentAsync();
        using var session = await PageSession.SignInAsync(app, agent);
        var tag = Guid.NewGuid().ToString("N")[..8];
        var complaint = await app.SendAsync<Application.Features.Complaints.ComplaintView>(agent.Actor, new Application.Features.Complaints.LogComplaintCommand
        {
            Customer = new Application.Features.Complaints.CustomerInput { Name = "林小姐", Email = $"lin.{tag}@example.test", PreferredLanguage = "zh-Hant" },
            Channel = Channel.Chat, Category = "billing", Subject = "重複扣款", Description = "同一筆訂單被扣了兩次款。",
        });
        await app.CreateTemplateAsync($"{tag} English", "Hello {customerName}", "en");
        await app.CreateTemplateAsync($"{tag} 繁體", "{customerName} 您好", "zh-Hant");

        var page = await session.GetPageAsync($"/Complaints/{complaint.Id}");

        // Grouped by language (the group names it); each title marked with its template's language.
        var options = page.Document.QuerySelectorAll("#template option")
            .Select(o => (Title: o.TextContent.Trim(), Lang: o.GetAttribute("lang"), Group: o.ParentElement?.GetAttribute("label")))
            .Where(o => o.Title.StartsWith(tag, StringComparison.Ordinal)).ToList();
        Assert.Equal([($"{tag} 繁體", "zh-Hant", "Traditional Chinese, any category"), ($"{tag} English", "en", "English, any category")], options);
    }

    [Fact]
    public async Task An_administrator_sees_no_composer()
    {
        var agent = await app.CreateAgentAsync();
        var admin = await app.CreateUserAsync("Ada Admin", Roles.Admin);
        using var session = await PageSession.SignInAsync(app, admin);
        var complaint = await PageSteps.LogAsync(app, agent, "Admin reads");

        var page = await session.GetPageAsync($"/Complaints/{complaint.Id}");

        Assert.DoesNotContain("Send reply", page.Buttons);
        Assert.DoesNotContain("Use template", page.Buttons);
    }
}
