using System.Globalization;
using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.Application.Features.Replies;
using ComplaintDesk.Domain.Complaints;
using ComplaintDesk.Domain.Customers;
using ComplaintDesk.Domain.Sla;
using ComplaintDesk.IntegrationTests.Features.Complaints;
using ComplaintDesk.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Severity = ComplaintDesk.Domain.Complaints.Severity;

namespace ComplaintDesk.IntegrationTests.Features.Replies;

/// <summary>{acknowledgeBy} and {resolveBy} promise the case's own SLA deadlines, in the composer and in a sent reply.</summary>
public sealed class TemplateDeadlinesTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    private const string Body = "Reply by {acknowledgeBy}, resolved by {resolveBy}.";

    private readonly ComplaintSteps _steps = new(app);
    private readonly SlaSteps _sla = new(app);

    private static string Utc(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    [Fact]
    public async Task The_placeholders_are_the_open_acknowledge_and_resolve_deadlines_of_the_case()
    {
        var agent = await app.CreateAgentAsync();
        var monday = _sla.ToMondayAtFivePmInTaipei();
        var complaint = await _steps.LogAsync(agent, ComplaintSteps.NewComplaint() with { Severity = Severity.Medium });
        var template = await app.CreateTemplateAsync($"Deadlines {Guid.NewGuid():N}", Body);

        var rendered = await app.SendAsync<RenderedTemplate>(agent.Actor, new RenderReplyTemplateQuery(complaint.Id, template.Id));

        // Medium: 8 business hours (Tuesday 17:00 in Taipei) and 40 (next Monday 17:00), not the old +24 h / +5 days.
        Assert.Equal($"Reply by {Utc(monday.AddDays(1))}, resolved by {Utc(monday.AddDays(7))}.", rendered.Body);
    }

    [Fact]
    public async Task A_recomputed_deadline_is_the_one_promised_and_a_sent_reply_uses_it_too()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await _steps.LogAsync(agent, ComplaintSteps.NewComplaint() with { Severity = Severity.Medium });
        await _steps.SendAsync(agent, new ChangeClassificationCommand { ComplaintId = complaint.Id, Severity = Severity.High, Category = complaint.Category });
        var acknowledge = await _sla.OpenAsync(complaint.Id, SlaClockKind.Acknowledge);
        var resolve = await _sla.OpenAsync(complaint.Id, SlaClockKind.Resolve);
        var template = await app.CreateTemplateAsync($"Deadlines {Guid.NewGuid():N}", Body);

        var reply = await app.SendAsync<ReplyView>(agent.Actor, new ReplyToComplaintCommand { ComplaintId = complaint.Id, TemplateId = template.Id });

        Assert.Equal($"Reply by {Utc(acknowledge.DueAt)}, resolved by {Utc(resolve.DueAt)}.", reply.Body);
    }

    [Fact]
    public async Task A_met_acknowledgement_still_names_its_deadline()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await _steps.LogAsync(agent);
        var due = (await _sla.OpenAsync(complaint.Id, SlaClockKind.Acknowledge)).DueAt;
        await _steps.SendAsync(agent, new AcknowledgeComplaintCommand { ComplaintId = complaint.Id });
        var template = await app.CreateTemplateAsync($"Deadlines {Guid.NewGuid():N}", "{acknowledgeBy}");

        var rendered = await app.SendAsync<RenderedTemplate>(agent.Actor, new RenderReplyTemplateQuery(complaint.Id, template.Id));

        Assert.Equal(Utc(due), rendered.Body);
    }

    [Fact]
    public async Task A_case_without_clocks_says_the_date_will_follow_in_the_templates_language()
    {
        var agent = await app.CreateAgentAsync();
        var complaint = await _steps.LogAsync(agent);
        // A case logged before the SLA clocks existed has none.
        await app.QueryDbAsync(db => db.SlaClocks.Where(c => c.ComplaintId == complaint.Id).ExecuteDeleteAsync(TestContext.Current.CancellationToken));
        var english = await app.CreateTemplateAsync($"Deadlines {Guid.NewGuid():N}", Body);
        var chinese = await app.CreateTemplateAsync($"Deadlines {Guid.NewGuid():N}", "最遲於 {resolveBy} 前完成", Languages.TraditionalChinese);

        var inEnglish = await app.SendAsync<RenderedTemplate>(agent.Actor, new RenderReplyTemplateQuery(complaint.Id, english.Id));
        var inChinese = await app.SendAsync<RenderedTemplate>(agent.Actor, new RenderReplyTemplateQuery(complaint.Id, chinese.Id));

        Assert.Equal("Reply by (date to be confirmed), resolved by (date to be confirmed).", inEnglish.Body);
        Assert.Equal("最遲於 （日期另行通知） 前完成", inChinese.Body);
    }
}
