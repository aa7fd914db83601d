using ComplaintDesk.Application.Common;
using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.Application.Features.Replies;
using ComplaintDesk.Domain.Categories;
using ComplaintDesk.Domain.Customers;
using ComplaintDesk.IntegrationTests.Features.Complaints;
using ComplaintDesk.IntegrationTests.Infrastructure;
using FluentValidation;

namespace ComplaintDesk.IntegrationTests.Features.Replies;

public sealed class ListReplyTemplatesForComplaintTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    private readonly ComplaintSteps _steps = new(app);

    [Fact]
    public async Task Templates_of_the_category_or_any_come_in_the_customers_language_first_category_ones_before_general()
    {
        var agent = await app.CreateAgentAsync();
        var tag = Guid.NewGuid().ToString("N")[..8];
        var complaint = await _steps.LogAsync(agent, ComplaintSteps.NewComplaint() with
        {
            Category = Category.Codes.Logistics,
            Customer = new CustomerInput { Name = "Mei Lin", Email = $"mei.{tag}@example.test", PreferredLanguage = Languages.TraditionalChinese },
        });
        var englishGeneral = await app.CreateTemplateAsync($"{tag} A general", "Hello", "en");
        var chineseGeneral = await app.CreateTemplateAsync($"{tag} B general", "您好", Languages.TraditionalChinese);
        var chineseLogistics = await app.CreateTemplateAsync($"{tag} C logistics", "包裹", Languages.TraditionalChinese, Category.Codes.Logistics);
        var englishLogistics = await app.CreateTemplateAsync($"{tag} D logistics", "Parcel", "en", Category.Codes.Logistics);
        var billing = await app.CreateTemplateAsync($"{tag} E billing", "Invoice", Languages.TraditionalChinese, Category.Codes.Billing);

        var choices = await app.SendAsync<IReadOnlyList<ReplyTemplateChoice>>(agent.Actor, new ListReplyTemplatesForComplaintQuery(complaint.Id));

        var mine = choices.Where(c => c.Title.StartsWith(tag, StringComparison.Ordinal)).Select(c => c.Id).ToList();
        Assert.Equal([chineseLogistics.Id, chineseGeneral.Id, englishLogistics.Id, englishGeneral.Id], mine);
        Assert.DoesNotContain(choices, c => c.Id == billing.Id);
        Assert.All(choices, c => Assert.True(c.Category is null || c.Category == Category.Codes.Logistics));
        var first = choices.Single(c => c.Id == chineseLogistics.Id);
        Assert.Equal((Languages.TraditionalChinese, Category.Codes.Logistics), (first.Language, first.Category));
    }

    [Fact]
    public async Task Rendering_a_template_for_a_case_fills_its_placeholders_for_the_caller()
    {
        var agent = await app.CreateAgentAsync("Bo Agent");
        var complaint = await _steps.LogAsync(agent, ComplaintSteps.NewComplaint(name: "Pat Doe"));
        var template = await app.CreateTemplateAsync($"Render {Guid.NewGuid():N}", "Hi {customerName}, {reference}. {agentFirstName}");

        var rendered = await app.SendAsync<RenderedTemplate>(agent.Actor, new RenderReplyTemplateQuery(complaint.Id, template.Id));

        Assert.Equal(new RenderedTemplate(template.Id, template.Title, $"Hi Pat Doe, {complaint.Reference}. Bo"), rendered);
        var unknownTemplate = await Assert.ThrowsAsync<ValidationException>(() =>
            app.SendAsync<RenderedTemplate>(agent.Actor, new RenderReplyTemplateQuery(complaint.Id, Guid.NewGuid())));
        Assert.Contains(unknownTemplate.Errors, e => e.PropertyName == nameof(RenderReplyTemplateQuery.TemplateId));
        await Assert.ThrowsAsync<NotFoundException>(() =>
            app.SendAsync<RenderedTemplate>(agent.Actor, new RenderReplyTemplateQuery(Guid.NewGuid(), template.Id)));
    }
}
