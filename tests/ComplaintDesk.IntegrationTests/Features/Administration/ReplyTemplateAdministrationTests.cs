using ComplaintDesk.Application.Common;
using ComplaintDesk.Application.Features.Administration;
using ComplaintDesk.Domain;
using ComplaintDesk.IntegrationTests.Infrastructure;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ComplaintDesk.IntegrationTests.Features.Administration;

public sealed class ReplyTemplateAdministrationTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    private readonly AdminSteps _steps = new(app);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static CreateReplyTemplateCommand NewTemplate(string title = "Parcel found") => new()
    {
        Title = title, Category = "logistics", Language = "en",
        Body = "Dear {customerName}, we found your parcel ({reference}). {agentFirstName}",
    };

    [Fact]
    public async Task A_template_is_created_changed_and_deleted()
    {
        var admin = await _steps.CreateAdminAsync();

        var created = await _steps.SendAsync<ReplyTemplateView>(admin, NewTemplate(" Parcel found "));
        var stored = await app.QueryDbAsync(db => db.ReplyTemplates.AsNoTracking().SingleAsync(t => t.Id == created.Id, Ct));
        Assert.Equal(("Parcel found", "logistics", "en"), (stored.Title, stored.CategoryCode, stored.Language));
        Assert.Equal(app.Clock.GetUtcNow(), stored.CreatedAt);

        app.Clock.Advance(TimeSpan.FromMinutes(5));
        var changed = await _steps.SendAsync<ReplyTemplateView>(admin, new UpdateReplyTemplateCommand
        {
            Id = created.Id, Title = "找到包裹", Category = "", Language = "zh-Hant", Body = "{customerName} 您好，已找到您的包裹。",
        });
        Assert.Equal(new ReplyTemplateView(created.Id, "找到包裹", null, "zh-Hant", "{customerName} 您好，已找到您的包裹。", app.Clock.GetUtcNow()), changed);

        await _steps.SendAsync<Unit>(admin, new DeleteReplyTemplateCommand(created.Id));
        Assert.False(await app.QueryDbAsync(db => db.ReplyTemplates.AnyAsync(t => t.Id == created.Id, Ct)));
        await Assert.ThrowsAsync<NotFoundException>(() => _steps.SendAsync<Unit>(admin, new DeleteReplyTemplateCommand(created.Id)));
        await Assert.ThrowsAsync<NotFoundException>(() => _steps.SendAsync<ReplyTemplateView>(admin, new GetReplyTemplateQuery(created.Id)));
    }

    public static TheoryData<CreateReplyTemplateCommand, string> InvalidTemplates => new()
    {
        { NewTemplate() with { Title = "" }, "Title" },
        { NewTemplate() with { Title = new string('t', FieldLengths.TemplateTitle + 1) }, "Title" },
        { NewTemplate() with { Language = "fr" }, "Language" },
        { NewTemplate() with { Language = null }, "Language" },
        { NewTemplate() with { Body = " " }, "Body" },
        { NewTemplate() with { Body = new string('b', FieldLengths.TemplateBody + 1) }, "Body" },
        { NewTemplate() with { Body = "Hello {customerNmae}" }, "Body" },
        { NewTemplate() with { Category = "noSuchCategory" }, "Category" },
    };

    [Theory]
    [MemberData(nameof(InvalidTemplates))]
    public async Task An_invalid_template_is_refused_with_a_field_error(CreateReplyTemplateCommand command, string field)
    {
        var admin = await _steps.CreateAdminAsync();
        var before = await app.QueryDbAsync(db => db.ReplyTemplates.CountAsync(Ct));

        var refused = await Assert.ThrowsAsync<ValidationException>(() => _steps.SendAsync<ReplyTemplateView>(admin, command));

        Assert.Contains(refused.Errors, e => e.PropertyName == field);
        Assert.Equal(before, await app.QueryDbAsync(db => db.ReplyTemplates.CountAsync(Ct)));
    }

    [Fact]
    public async Task An_unknown_placeholder_is_named_in_the_message()
    {
        var admin = await _steps.CreateAdminAsync();

        var refused = await Assert.ThrowsAsync<ValidationException>(() =>
            _steps.SendAsync<ReplyTemplateView>(admin, NewTemplate() with { Body = "Hi {customerName}, see {trackingUrl}." }));

        Assert.Contains("{trackingUrl}", Assert.Single(refused.Errors).ErrorMessage);
    }

    [Fact]
    public async Task The_list_filters_by_language_and_by_category_including_templates_for_any_category()
    {
        var admin = await _steps.CreateAdminAsync();
        var billing = await _steps.SendAsync<ReplyTemplateView>(admin, NewTemplate("Billing only") with { Category = "billing", Language = "zh-Hans" });

        var simplified = await _steps.SendAsync<IReadOnlyList<ReplyTemplateView>>(admin, new ListReplyTemplatesQuery { Language = "zh-Hans" });
        var forLogistics = await _steps.SendAsync<IReadOnlyList<ReplyTemplateView>>(admin, new ListReplyTemplatesQuery { Category = "logistics" });
        var forBilling = await _steps.SendAsync<IReadOnlyList<ReplyTemplateView>>(admin, new ListReplyTemplatesQuery { Category = "billing" });

        Assert.All(simplified, t => Assert.Equal("zh-Hans", t.Language));
        Assert.Contains(simplified, t => t.Id == billing.Id);
        Assert.DoesNotContain(forLogistics, t => t.Id == billing.Id);
        Assert.All(forLogistics, t => Assert.True(t.Category is null or "logistics"));
        Assert.Contains(forBilling, t => t.Id == billing.Id);
        Assert.Contains(forBilling, t => t.Category is null);
    }

    [Fact]
    public async Task The_preview_fills_every_placeholder_with_sample_values_and_leaves_other_text_alone()
    {
        var admin = await _steps.CreateAdminAsync();

        var preview = await _steps.SendAsync<ReplyTemplatePreview>(admin, new PreviewReplyTemplateQuery
        {
            Body = "{customerName}|{reference}|{acknowledgeBy}|{resolveBy}|{agentFirstName}|{statusLink}|{other}|<b>",
        });

        Assert.Equal("Mia Chen|CD-2026-000123|2026-11-03 09:00 UTC|2026-11-07 09:00 UTC|Alice|(status link coming soon)|{other}|<b>", preview.Text);
    }

    [Fact]
    public async Task Agents_cannot_change_templates()
    {
        var agent = await app.CreateAgentAsync();

        await Assert.ThrowsAsync<ActionForbiddenException>(() => _steps.SendAsync<ReplyTemplateView>(agent, NewTemplate()));
        await Assert.ThrowsAsync<ActionForbiddenException>(() => _steps.SendAsync<Unit>(agent, new DeleteReplyTemplateCommand(SeededTemplates.AcknowledgeEnglish)));
        Assert.True(await app.QueryDbAsync(db => db.ReplyTemplates.AnyAsync(t => t.Id == SeededTemplates.AcknowledgeEnglish, Ct)));
    }
}
