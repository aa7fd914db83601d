using System.Net;
using System.Runtime.CompilerServices;
using ComplaintDesk.Application.Features.Administration;
using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.Application.Identity;
using ComplaintDesk.Domain.Complaints;
using ComplaintDesk.IntegrationTests.Infrastructure;
using ComplaintDesk.IntegrationTests.Pages;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace ComplaintDesk.IntegrationTests.Localization.AdminPages;

/// <summary>
/// The administration pages for an administrator whose language is Traditional or Simplified Chinese: every page, the
/// refusals of its forms and the line after a change, with no English left (<see cref="ChinesePageCheck"/>) and the
/// known labels in the reader's own script and terms. The data is Chinese as a Chinese-speaking team's would be; the
/// seeded English templates and Latin keyword phrases stay, marked as another language or as literal values.
/// </summary>
public sealed class AdminPagesInChineseTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>, IAsyncLifetime
{
    /// <summary>The scene is made once per app (the tests of this class share its database).</summary>
    private static readonly ConditionalWeakTable<ComplaintDeskApp, Task<Scene>> Scenes = [];

    /// <summary>A Traditional Chinese template with a category, and the seeded English and Chinese acknowledgements.</summary>
    private static readonly Guid SeededAcknowledgeEnglish = new("5eed7e00-0000-7000-8000-000000000001");
    private static readonly Guid SeededAcknowledgeTraditional = new("5eed7e00-0000-7000-8000-000000000002");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Scene _scene = null!;

    private sealed record Scene(TestUser LockedAgent, TestUser DisabledAgent, Guid RuleId, Guid TemplateId);

    public async ValueTask InitializeAsync()
    {
        Task<Scene> scene;
        lock (Scenes)
        {
            scene = Scenes.GetValue(app, MakeSceneAsync);
        }
        _scene = await scene;
    }

    private static async Task<Scene> MakeSceneAsync(ComplaintDeskApp app)
    {
        var admin = await ChineseStaff.CreateAsync(app, "場景管理員", "zh-Hant", Roles.Admin);
        // The five seeded categories carry English names (data an administrator renames); a Chinese team's are Chinese.
        foreach (var (code, name) in new[]
                 {
                     ("billing", "帳務"), ("logistics", "物流配送"), ("other", "其他"), ("productQuality", "產品品質"), ("serviceAttitude", "服務態度"),
                 })
        {
            await app.SendAsync<CategoryOption>(admin.Actor, new UpdateCategoryCommand { Code = code, Name = name });
        }
        await app.SendAsync<CategoryOption>(admin.Actor, new AddCategoryCommand { Code = "petFood", Name = "寵物食品" });
        await app.SendAsync<CategoryOption>(admin.Actor, new UpdateCategoryCommand { Code = "petFood", Retired = true });

        var locked = await ChineseStaff.CreateAsync(app, "王小明", "zh-Hant", Roles.Agent, Roles.Supervisor);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
            var user = await users.FindByIdAsync(locked.Id);
            Assert.True((await users.SetLockoutEndDateAsync(user!, app.Clock.GetUtcNow().AddHours(1))).Succeeded);
        }
        var disabled = await ChineseStaff.CreateAsync(app, "陳大文", "zh-Hans", Roles.Agent);
        await app.SendAsync<UserView>(admin.Actor, new UpdateUserCommand { UserId = disabled.Id, Disabled = true });

        var rule = await app.SendAsync<KeywordRuleView>(admin.Actor,
            new CreateKeywordRuleCommand { Phrase = "食物中毒", MinimumSeverity = Severity.Critical, RiskFlag = true });
        var template = await app.SendAsync<ReplyTemplateView>(admin.Actor, new CreateReplyTemplateCommand
        {
            Title = "退貨說明", Category = "productQuality", Language = "zh-Hant", Body = "{customerName} 您好：關於案件 {reference}……",
        });
        return new Scene(locked, disabled, rule.Id, template.Id);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private IEnumerable<string> Urls(string language) =>
    [
        "/Admin",
        "/Admin/Users",
        "/Admin/Users/New",
        $"/Admin/Users/Edit/{_scene.LockedAgent.Id}",
        $"/Admin/Users/Edit/{_scene.DisabledAgent.Id}",
        "/Admin/Categories",
        "/Admin/Templates",
        $"/Admin/Templates?language={language}",
        "/Admin/Templates/Edit",
        $"/Admin/Templates/Edit/{_scene.TemplateId}",
        $"/Admin/Templates/Edit/{SeededAcknowledgeTraditional}",
        $"/Admin/Templates/Edit/{SeededAcknowledgeEnglish}",
        "/Admin/KeywordRules",
        $"/Admin/KeywordRules/Edit/{_scene.RuleId}",
    ];

    [Theory]
    [InlineData("zh-Hant")]
    [InlineData("zh-Hans")]
    public async Task Every_administration_page_speaks_the_administrators_language_with_no_english_left(string language)
    {
        using var admin = await SignInAsync(language);
        var leftovers = new List<string>();
        foreach (var url in Urls(language))
        {
            var page = await admin.GetPageAsync(url);
            leftovers.AddRange(ChinesePageCheck.EnglishLeft(page.Document).Select(word => $"{url}: {word}"));
        }
        Assert.True(leftovers.Count == 0, $"English left for a {language} reader:\n{string.Join('\n', leftovers)}");
    }

    [Theory]
    [InlineData("zh-Hant", "系統管理", "使用者", "客服專員", "已停用", "因多次登入失敗而鎖定至", "緊急", "回覆範本", "簡體中文", "任何類別")]
    [InlineData("zh-Hans", "系统管理", "用户", "客服专员", "已停用", "因多次登录失败而锁定至", "紧急", "回复模板", "简体中文", "任意类别")]
    public async Task Known_labels_read_in_the_readers_own_script_and_terms(string language, string administration, string users, string agent,
        string disabled, string lockedOut, string critical, string templates, string simplified, string anyCategory)
    {
        using var admin = await SignInAsync(language);

        var start = await admin.GetPageAsync("/Admin");
        var list = await admin.GetPageAsync("/Admin/Users");
        var lockedRow = list.Document.QuerySelectorAll("[data-testid=user-row]")
            .Single(r => r.TextContent.Contains(_scene.LockedAgent.Email, StringComparison.Ordinal));
        var disabledRow = list.Document.QuerySelectorAll("[data-testid=user-row]")
            .Single(r => r.TextContent.Contains(_scene.DisabledAgent.Email, StringComparison.Ordinal));
        var edit = await admin.GetPageAsync($"/Admin/Users/Edit/{_scene.LockedAgent.Id}");
        var rules = await admin.GetPageAsync("/Admin/KeywordRules");
        var ruleRow = rules.Document.QuerySelectorAll("[data-testid=rule-row]").Single(r => r.TextContent.Contains("食物中毒", StringComparison.Ordinal));
        var templateEditor = await admin.GetPageAsync("/Admin/Templates/Edit");

        Assert.Equal(administration, start.Heading);
        Assert.Equal(users, list.Heading);
        Assert.Contains(agent, lockedRow.TextContent);
        Assert.Contains(disabled, disabledRow.TextContent);
        Assert.Contains(lockedOut, edit.Text);
        Assert.Contains(critical, ruleRow.TextContent);
        Assert.Contains(templates, templateEditor.Text);
        Assert.Contains(templateEditor.Document.QuerySelectorAll("select[name='Command.Language'] option"), o => o.TextContent.Trim() == simplified);
        Assert.Equal(anyCategory, templateEditor.Document.QuerySelector("select[name='Command.Category'] option")!.TextContent.Trim());
        // What a form sends does not change with the language: role names and language codes.
        var newUser = await admin.GetPageAsync("/Admin/Users/New");
        Assert.Equal(Roles.All, newUser.Document.QuerySelectorAll("input[name='Command.Roles']").Select(i => i.GetAttribute("value") ?? ""));
        Assert.Equal(["en", "zh-Hant", "zh-Hans"],
            templateEditor.Document.QuerySelectorAll("select[name='Command.Language'] option").Select(o => o.GetAttribute("value") ?? ""));
    }

    [Theory]
    [InlineData("zh-Hant", "新增類別", "'代碼' 不能為空。", "尚未儲存任何變更", "已新增類別「寵物玩具」。", "建立使用者", "'顯示名稱' 不能為空。",
        "新增規則", "請至少使用 2 個字元")]
    [InlineData("zh-Hans", "添加类别", "'代码' 不能为空。", "未保存任何更改", "已添加类别“寵物玩具”。", "创建用户", "'显示名称' 不能为空。",
        "添加规则", "请至少使用 2 个字符")]
    public async Task Refused_forms_and_the_line_after_a_change_are_in_the_readers_language(string language, string addCategory, string codeEmpty,
        string nothingSaved, string added, string createUser, string displayNameEmpty, string addRule, string phraseTooShort)
    {
        using var admin = await SignInAsync(language);
        var categories = await admin.GetPageAsync("/Admin/Categories");

        var emptyCategory = await HtmlPage.ReadAsync(await admin.SubmitAsync(categories, addCategory, new() { ["Command.Code"] = "", ["Command.Name"] = "" }));
        var code = language == "zh-Hant" ? "petToysHant" : "petToysHans";
        var afterAdd = await admin.FollowAsync(await admin.SubmitAsync(categories, addCategory, new() { ["Command.Code"] = code, ["Command.Name"] = "寵物玩具" }));
        var emptyUser = await HtmlPage.ReadAsync(await admin.SubmitAsync(await admin.GetPageAsync("/Admin/Users/New"), createUser,
            new() { ["Command.Email"] = "", ["Command.DisplayName"] = "", ["Command.InitialPassword"] = "" }));
        var shortPhrase = await HtmlPage.ReadAsync(await admin.SubmitAsync(await admin.GetPageAsync("/Admin/KeywordRules"), addRule,
            new() { ["Command.Phrase"] = "律" }));

        Assert.Equal(HttpStatusCode.OK, emptyCategory.Status);
        Assert.Equal(codeEmpty, emptyCategory.FieldError("Command.Code"));
        Assert.Contains(nothingSaved, emptyCategory.TestId("errors")!.TextContent);
        Assert.Equal(added, afterAdd.TestId("status")!.TextContent.Trim());
        Assert.Equal(displayNameEmpty, emptyUser.FieldError("Command.DisplayName"));
        Assert.StartsWith(phraseTooShort, shortPhrase.FieldError("Command.Phrase"), StringComparison.Ordinal);
        foreach (var page in new[] { emptyCategory, afterAdd, emptyUser, shortPhrase })
        {
            var left = ChinesePageCheck.EnglishLeft(page.Document);
            Assert.True(left.Count == 0, $"English left on {page.Url}: {string.Join("; ", left)}");
        }
    }

    [Fact]
    public async Task An_english_administrator_still_reads_english()
    {
        // A Chinese name even so: the class shares one database, and the Chinese users pages list every user.
        var english = await app.CreateUserAsync("英語管理員", Roles.Admin);
        using var admin = await PageSession.SignInAsync(app, english);

        var start = await admin.GetPageAsync("/Admin");
        var rules = await admin.GetPageAsync("/Admin/KeywordRules");
        var refused = await HtmlPage.ReadAsync(await admin.SubmitAsync(await admin.GetPageAsync("/Admin/Categories"), "Add category",
            new() { ["Command.Code"] = "", ["Command.Name"] = "" }));

        Assert.Equal("Administration", start.Heading);
        Assert.Contains("Critical", rules.Document.QuerySelectorAll("[data-testid=rule-row]")
            .Single(r => r.TextContent.Contains("食物中毒", StringComparison.Ordinal)).TextContent);
        Assert.Equal("'Code' must not be empty.", refused.FieldError("Command.Code"));
        Assert.Contains("Nothing was saved. Please check:", refused.Text);
    }

    private async Task<PageSession> SignInAsync(string language) =>
        await PageSession.SignInAsync(app, await ChineseStaff.CreateAsync(app, language == "zh-Hant" ? "林管理員" : "林管理员", language, Roles.Admin));
}
