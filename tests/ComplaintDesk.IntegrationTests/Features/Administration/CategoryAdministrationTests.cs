using ComplaintDesk.Application.Common;
using ComplaintDesk.Application.Features.Administration;
using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.Domain;
using ComplaintDesk.IntegrationTests.Features.Complaints;
using ComplaintDesk.IntegrationTests.Infrastructure;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace ComplaintDesk.IntegrationTests.Features.Administration;

public sealed class CategoryAdministrationTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    private readonly AdminSteps _steps = new(app);
    private readonly ComplaintSteps _complaints = new(app);

    private static string NewCode() => $"warranty{Guid.NewGuid():N}"[..20];

    [Fact]
    public async Task An_added_category_is_offered_at_intake_and_can_be_used()
    {
        var admin = await _steps.CreateAdminAsync();
        var agent = await app.CreateAgentAsync();
        var code = NewCode();

        var added = await _steps.SendAsync<CategoryOption>(admin, new AddCategoryCommand { Code = code, Name = " Warranty claims " });
        var offered = await _steps.SendAsync<IReadOnlyList<CategoryOption>>(agent, new ListCategoriesQuery());
        var complaint = await _complaints.LogAsync(agent, ComplaintSteps.NewComplaint() with { Category = code });

        Assert.Equal(new CategoryOption(code, "Warranty claims", false), added);
        Assert.Contains(offered, c => c.Code == code && c.Name == "Warranty claims");
        Assert.Equal(code, (await _complaints.StoredAsync(complaint.Id)).CategoryCode);
    }

    [Theory]
    [InlineData("bILLING", "Code")] // an existing code in another case
    [InlineData("billing", "Code")]
    [InlineData("has space", "Code")]
    [InlineData("", "Code")]
    public async Task A_taken_or_malformed_code_is_refused(string code, string field)
    {
        var admin = await _steps.CreateAdminAsync();

        var refused = await Assert.ThrowsAsync<ValidationException>(() =>
            _steps.SendAsync<CategoryOption>(admin, new AddCategoryCommand { Code = code, Name = "Anything" }));

        Assert.Contains(refused.Errors, e => e.PropertyName == field);
        Assert.Equal("Billing", await app.QueryDbAsync(db => db.Categories.Where(c => c.Code == "billing").Select(c => c.Name)
            .SingleAsync(TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task Renaming_keeps_the_code_so_complaints_keep_their_category()
    {
        var admin = await _steps.CreateAdminAsync();
        var agent = await app.CreateAgentAsync();
        var code = NewCode();
        await _steps.SendAsync<CategoryOption>(admin, new AddCategoryCommand { Code = code, Name = "Before" });
        var complaint = await _complaints.LogAsync(agent, ComplaintSteps.NewComplaint() with { Category = code });

        var renamed = await _steps.SendAsync<CategoryOption>(admin, new UpdateCategoryCommand { Code = code, Name = "After" });

        Assert.Equal("After", renamed.Name);
        Assert.Equal(code, (await _complaints.StoredAsync(complaint.Id)).CategoryCode);
        var refused = await Assert.ThrowsAsync<ValidationException>(() =>
            _steps.SendAsync<CategoryOption>(admin, new UpdateCategoryCommand { Code = code, Name = new string('x', FieldLengths.CategoryName + 1) }));
        Assert.Equal("Name", Assert.Single(refused.Errors).PropertyName);
    }

    [Fact]
    public async Task A_retired_category_is_hidden_from_intake_and_refused_there_while_old_complaints_keep_it_until_reinstated()
    {
        var admin = await _steps.CreateAdminAsync();
        var agent = await app.CreateAgentAsync();
        var code = NewCode();
        await _steps.SendAsync<CategoryOption>(admin, new AddCategoryCommand { Code = code, Name = "Seasonal" });
        var old = await _complaints.LogAsync(agent, ComplaintSteps.NewComplaint() with { Category = code });

        var retired = await _steps.SendAsync<CategoryOption>(admin, new UpdateCategoryCommand { Code = code, Retired = true });

        Assert.True(retired.Retired);
        Assert.DoesNotContain(await _steps.SendAsync<IReadOnlyList<CategoryOption>>(agent, new ListCategoriesQuery()), c => c.Code == code);
        Assert.Contains(await _steps.SendAsync<IReadOnlyList<CategoryOption>>(agent, new ListCategoriesQuery(IncludeRetired: true)),
            c => c.Code == code && c.Retired);
        var refused = await Assert.ThrowsAsync<ValidationException>(() => _complaints.LogAsync(agent, ComplaintSteps.NewComplaint() with { Category = code }));
        Assert.Equal("Category", Assert.Single(refused.Errors).PropertyName);
        Assert.Equal(code, (await _complaints.StoredAsync(old.Id)).CategoryCode);
        Assert.Equal(code, (await app.SendAsync<ComplaintView>(agent.Actor, new GetComplaintQuery(old.Id))).Category);

        await _steps.SendAsync<CategoryOption>(admin, new UpdateCategoryCommand { Code = code, Retired = false });

        var again = await _complaints.LogAsync(agent, ComplaintSteps.NewComplaint() with { Category = code });
        Assert.Equal(code, (await _complaints.StoredAsync(again.Id)).CategoryCode);
    }

    [Fact]
    public async Task An_unknown_category_is_not_found_and_agents_cannot_change_categories()
    {
        var admin = await _steps.CreateAdminAsync();
        var agent = await app.CreateAgentAsync();

        await Assert.ThrowsAsync<NotFoundException>(() =>
            _steps.SendAsync<CategoryOption>(admin, new UpdateCategoryCommand { Code = "noSuchCategory", Retired = true }));
        await Assert.ThrowsAsync<ActionForbiddenException>(() =>
            _steps.SendAsync<CategoryOption>(agent, new UpdateCategoryCommand { Code = "billing", Retired = true }));
        await Assert.ThrowsAsync<ActionForbiddenException>(() =>
            _steps.SendAsync<CategoryOption>(agent, new AddCategoryCommand { Code = NewCode(), Name = "Sneaky" }));

        Assert.False(await app.QueryDbAsync(db => db.Categories.Where(c => c.Code == "billing").Select(c => c.Retired)
            .SingleAsync(TestContext.Current.CancellationToken)));
    }
}
