using System.Net;
using ComplaintDesk.Application.Features.Compensation;
using ComplaintDesk.Application.Identity;
using ComplaintDesk.Domain.Categories;
using ComplaintDesk.Domain.Compensation;
using ComplaintDesk.IntegrationTests.Features.Compensation;
using ComplaintDesk.IntegrationTests.Infrastructure;
using ComplaintDesk.IntegrationTests.Localization.AdminPages;
using ComplaintDesk.IntegrationTests.Localization.WorkspacePages;
using Microsoft.EntityFrameworkCore;

namespace ComplaintDesk.IntegrationTests.Pages;

/// <summary>
/// /Ledger (supervisors and administrators: the filter form, the lines with links to their cases, the totals by kind,
/// category and month, the pages) and /Admin/Compensation (the policy form: kinds, currency, limits, warning threshold,
/// personal limits added and removed) as people use them, with their refusals next to the fields and in Chinese.
/// Ledger lines are made by real offers and answers. The tests of this class share a database: each starts from no
/// offers, no ledger lines and the seeded policy; the fake clock stays where it is (sign-in cookies last 10 hours).
/// </summary>
public sealed class LedgerAndPolicyPageTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>, IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly LedgerSteps _steps = new(app);

    public async ValueTask InitializeAsync() => await _steps.ResetAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static string Month(DateTimeOffset at) => at.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

    private static IReadOnlyList<string> Cells(HtmlPage page, string table) =>
        page.Document.QuerySelectorAll($"[data-testid={table}] tbody tr")
            .Select(r => string.Join(" | ", r.Children.Select(c => string.Join(' ', c.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)))))
            .ToList();

    private Task<CompensationPolicy> StoredPolicyAsync() =>
        app.QueryDbAsync(db => db.CompensationPolicies.AsNoTracking().SingleAsync(p => p.Id == CompensationPolicy.SingletonId, Ct));

    [Fact]
    public async Task The_ledger_shows_lines_linked_to_their_cases_and_the_totals_by_kind_category_and_month()
    {
        var agent = await app.CreateAgentAsync();
        var now = app.Clock.GetUtcNow();
        var (first, offer) = await _steps.GrantAsync(agent, CompensationKind.Voucher, 950.50m, Category.Codes.Billing, "Page Customer");
        await app.SendAsync<OfferView>(agent.Actor, new FulfilOfferCommand { OfferId = offer.Id, Reference = "V-1" });
        var (second, _) = await _steps.GrantAsync(agent, CompensationKind.ShippingFeeWaiver, 80m, Category.Codes.Logistics);
        using var supervisor = await PageSession.SignInAsync(app, await app.CreateSupervisorAsync());

        var page = await supervisor.GetPageAsync("/Ledger");

        Assert.Equal("Compensation ledger", page.Heading);
        var lines = page.Document.QuerySelectorAll("[data-testid=ledger-line]");
        Assert.Equal(2, lines.Length);
        var link = lines[0].QuerySelector("a")!;
        Assert.Equal((first.Reference, $"/Complaints/{first.Id}"), (link.TextContent.Trim(), link.GetAttribute("href")));
        Assert.Contains("Page Customer | Billing | Voucher | 950.50 TWD", Cells(page, "ledger-lines")[0], StringComparison.Ordinal);
        Assert.EndsWith("Not yet", Cells(page, "ledger-lines")[1], StringComparison.Ordinal);
        Assert.Equal($"/Complaints/{second.Id}", lines[1].QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal("1,030.50 TWD", page.TestId("total")!.TextContent.Trim());
        Assert.Equal("2 lines", page.TestId("line-count")!.TextContent.Trim());
        Assert.Equal(["Voucher | 1 | 950.50 TWD", "Shipping fee waiver | 1 | 80.00 TWD"], Cells(page, "by-kind"));
        Assert.Equal(["Billing | 1 | 950.50 TWD", "Logistics / delivery | 1 | 80.00 TWD"], Cells(page, "by-category"));
        Assert.Equal([$"{Month(now)} | 2 | 1,030.50 TWD"], Cells(page, "by-month"));
        // The form shows the period it covers: this month.
        Assert.Equal($"{Month(now)}-01", page.FieldValue("from"));
        Assert.Null(page.Document.QuerySelector("nav.pager"));
    }

    [Fact]
    public async Task The_ledger_link_is_for_supervisors_and_administrators_and_agents_are_denied()
    {
        using var supervisor = await PageSession.SignInAsync(app, await app.CreateSupervisorAsync());
        using var admin = await PageSession.SignInAsync(app, await app.CreateUserAsync("Ledger Page Admin", Roles.Admin));
        using var agent = await PageSession.SignInAsync(app, await app.CreateAgentAsync());

        var ledger = await supervisor.GetPageAsync("/Ledger");
        var adminStart = await admin.GetPageAsync("/Admin");
        var queue = await agent.GetPageAsync("/Complaints");
        using var denied = await agent.GetAsync("/Ledger");

        var link = ledger.Document.QuerySelectorAll("nav[aria-label=Main] a").Single(a => a.TextContent.Trim() == "Ledger");
        Assert.Equal(("/Ledger", "page"), (link.GetAttribute("href"), link.GetAttribute("aria-current")));
        Assert.Contains(adminStart.Document.QuerySelectorAll("nav[aria-label=Main] a"), a => a.TextContent.Trim() == "Ledger");
        Assert.Equal("Compensation ledger", (await admin.GetPageAsync("/Ledger")).Heading);
        Assert.DoesNotContain(queue.Document.QuerySelectorAll("nav[aria-label=Main] a"), a => a.TextContent.Trim() == "Ledger");
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", denied.Headers.Location!.PathAndQueryOf());
    }

    [Fact]
    public async Task The_filter_form_narrows_the_ledger_and_the_next_page_keeps_the_filters()
    {
        var agent = await app.CreateAgentAsync();
        for (var i = 1; i <= 3; i++)
        {
            await _steps.GrantAsync(agent, CompensationKind.Voucher, 10m * i, Category.Codes.Billing);
            app.Clock.Advance(TimeSpan.FromMinutes(1));
        }
        await _steps.GrantAsync(agent, CompensationKind.Voucher, 99m, Category.Codes.Logistics);
        await _steps.GrantAsync(agent, CompensationKind.Gift, 5m, Category.Codes.Billing);
        using var supervisor = await PageSession.SignInAsync(app, await app.CreateSupervisorAsync());
        var page = await supervisor.GetPageAsync("/Ledger");

        var filtered = await HtmlPage.ReadAsync(await supervisor.SubmitAsync(page, "Show the ledger", new()
        {
            ["Category"] = "Billing", ["Kind of compensation"] = "Voucher",
        }));

        Assert.Equal(3, filtered.Document.QuerySelectorAll("[data-testid=ledger-line]").Length);
        Assert.Equal("60.00 TWD", filtered.TestId("total")!.TextContent.Trim());
        Assert.Equal(("billing", "Voucher"), (filtered.FieldValue("category"), filtered.FieldValue("kind")));

        var first = await supervisor.GetPageAsync("/Ledger?category=billing&kind=Voucher&limit=2");
        var next = first.Link("Next page").GetAttribute("href")!;
        Assert.Contains("category=billing", next, StringComparison.Ordinal);
        Assert.Contains("kind=Voucher", next, StringComparison.Ordinal);
        Assert.Contains("limit=2", next, StringComparison.Ordinal);
        var second = await supervisor.GetPageAsync(next);
        Assert.Equal(["30.00 TWD"], second.Document.QuerySelectorAll("[data-testid=ledger-line] td:nth-child(6)").Select(c => c.TextContent.Trim()));
        Assert.Equal("60.00 TWD", second.TestId("total")!.TextContent.Trim()); // the totals cover the filter, not the page
        Assert.False(second.HasLink("Next page"));
        Assert.True(second.HasLink("First page"));
    }

    [Fact]
    public async Task A_filter_that_breaks_a_bound_or_does_not_read_is_shown_next_to_its_field()
    {
        using var supervisor = await PageSession.SignInAsync(app, await app.CreateSupervisorAsync());

        var tooLong = await supervisor.GetPageAsync("/Ledger?from=2026-01-01&to=2027-01-02");
        var backwards = await supervisor.GetPageAsync("/Ledger?from=2026-05-02&to=2026-05-01");
        var notADate = await supervisor.GetPageAsync("/Ledger?from=2026-02-30");
        var notAKind = await supervisor.GetPageAsync("/Ledger?kind=Cash");

        Assert.Equal("Choose at most 366 days.", tooLong.FieldError("to"));
        Assert.Equal(("2026-01-01", "2027-01-02"), (tooLong.FieldValue("from"), tooLong.FieldValue("to")));
        Assert.Null(tooLong.TestId("totals"));
        Assert.NotNull(tooLong.TestId("errors"));
        Assert.Equal("The end date cannot be before the start date.", backwards.FieldError("to"));
        Assert.NotEmpty(notADate.FieldError("from"));
        Assert.Equal("2026-02-30", notADate.FieldValue("from"));
        Assert.Equal("true", notADate.Document.QuerySelector("#from")!.GetAttribute("aria-invalid"));
        Assert.NotEmpty(notAKind.FieldError("kind"));
        Assert.Null(notAKind.TestId("totals"));
    }

    /// <summary>Needs the ledger's words merged into SharedResource.zh-Hant.resx and Texts.zh-Hant.resx.</summary>
    [Fact]
    public async Task The_ledger_speaks_traditional_chinese_with_amounts_in_the_readers_culture()
    {
        var agent = await app.CreateAgentAsync();
        await _steps.GrantAsync(agent, CompensationKind.PartialRefund, 999.99m, Category.Codes.Billing, "陳小姐");
        var reader = await WorkspaceStaff.CreateAsync(app, "臺北主管", "zh-Hant", "Asia/Taipei", Roles.Supervisor);
        using var session = await PageSession.SignInAsync(app, reader);

        var page = await session.GetPageAsync("/Ledger");
        var refused = await session.GetPageAsync("/Ledger?from=2026-01-01&to=2027-01-02");

        Assert.Equal("補償帳目", page.Heading);
        var left = EnglishLeftovers.In(page.Document, "陳小姐");
        Assert.True(left.Count == 0, $"English left on /Ledger:\n{string.Join("\n", left)}");
        Assert.Contains("部分退款", page.TestId("ledger-lines")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("999.99 TWD", page.TestId("total")!.TextContent.Trim());
        Assert.Equal("最多只能選擇 366 天。", refused.FieldError("to"));
        var refusedLeft = EnglishLeftovers.In(refused.Document);
        Assert.True(refusedLeft.Count == 0, $"English left on the refused /Ledger:\n{string.Join("\n", refusedLeft)}");
    }

    [Fact]
    public async Task The_policy_page_is_linked_from_administration_and_shows_the_policy()
    {
        using var admin = await PageSession.SignInAsync(app, await app.CreateUserAsync("Policy Page Admin", Roles.Admin));

        var start = await admin.GetPageAsync("/Admin");
        var page = await admin.GetPageAsync(start.Link("Compensation policy").GetAttribute("href")!);

        Assert.Equal("/Admin/Compensation", start.Link("Compensation policy").GetAttribute("href"));
        Assert.Equal("Compensation policy", page.Heading);
        Assert.Equal(("TWD", "1000.00", "20000.00", "5000.00"),
            (page.FieldValue("Currency"), page.FieldValue("AgentLimit"), page.FieldValue("SupervisorLimit"), page.FieldValue("WarningThreshold")));
        var kinds = page.Document.QuerySelectorAll("input[name=EnabledKinds]").OfType<AngleSharp.Html.Dom.IHtmlInputElement>().ToList();
        Assert.Equal(9, kinds.Count);
        Assert.All(kinds, k => Assert.True(k.IsChecked));
        Assert.Single(page.Document.QuerySelectorAll("[data-testid=user-limit-new-row]"));
        Assert.Empty(page.Document.QuerySelectorAll("[data-testid=user-limit-row]"));
    }

    [Fact]
    public async Task Saving_changes_kinds_currency_and_limits_adds_a_personal_limit_and_removes_it_again()
    {
        var agent = await app.CreateAgentAsync("Personal Pat");
        using var admin = await PageSession.SignInAsync(app, await app.CreateUserAsync("Policy Page Admin", Roles.Admin));
        var page = await admin.GetPageAsync("/Admin/Compensation");

        var saved = await admin.FollowAsync(await admin.SubmitAsync(page, "Save policy", new()
        {
            ["EnabledKinds"] = "Voucher", ["Currency"] = "usd", ["AgentLimit"] = "500", ["SupervisorLimit"] = "7500.5",
            ["WarningThreshold"] = "0", ["UserLimits[0].UserId"] = "Personal Pat", ["UserLimits[0].Limit"] = "2500",
        }));

        Assert.Contains("Saved the compensation policy. Offers made from now on follow it.", saved.Text);
        var stored = await StoredPolicyAsync();
        Assert.Equal([CompensationKind.Voucher], stored.EnabledKinds);
        Assert.Equal(("USD", 500m, 7500.50m, 0m), (stored.Currency, stored.AgentLimit, stored.SupervisorLimit, stored.WarningThreshold));
        Assert.Equal([new UserAuthority(agent.Id, 2500m)], stored.UserLimits);
        Assert.Equal((agent.Id, "2500.00"), (saved.FieldValue("UserLimits[0].UserId"), saved.FieldValue("UserLimits[0].Limit")));
        Assert.Equal("7500.50", saved.FieldValue("SupervisorLimit"));

        var removed = await admin.FollowAsync(await admin.SubmitAsync(saved, "Save policy", new() { ["UserLimits[0].Remove"] = "true" }));

        Assert.Empty((await StoredPolicyAsync()).UserLimits);
        Assert.Empty(removed.Document.QuerySelectorAll("[data-testid=user-limit-row]"));
    }

    [Fact]
    public async Task Refused_values_are_shown_next_to_their_fields_as_typed_and_nothing_is_saved()
    {
        var agent = await app.CreateAgentAsync("Row Person");
        using var admin = await PageSession.SignInAsync(app, await app.CreateUserAsync("Policy Page Admin", Roles.Admin));
        var page = await admin.GetPageAsync("/Admin/Compensation");
        var before = await StoredPolicyAsync();

        using var response = await admin.SubmitAsync(page, "Save policy", new()
        {
            ["Currency"] = "XYZ", ["SupervisorLimit"] = "999.99", ["UserLimits[0].UserId"] = "Row Person", ["UserLimits[0].Limit"] = "-1",
        });
        var refused = await HtmlPage.ReadAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Use a three-letter currency code, such as TWD, CNY, USD, EUR.", refused.FieldError("Currency"));
        Assert.Equal("A supervisor's limit cannot be lower than an agent's.", refused.FieldError("SupervisorLimit"));
        Assert.Equal("An amount is zero or more, at most 10,000,000, to the cent.", refused.FieldError("UserLimits[0].Limit"));
        Assert.Equal(("XYZ", "999.99", agent.Id, "-1.00"),
            (refused.FieldValue("Currency"), refused.FieldValue("SupervisorLimit"), refused.FieldValue("UserLimits[0].UserId"), refused.FieldValue("UserLimits[0].Limit")));
        Assert.Equal("true", refused.Document.QuerySelector("[name=Currency]")!.GetAttribute("aria-invalid"));
        Assert.NotNull(refused.TestId("errors"));
        Assert.Single(refused.Document.QuerySelectorAll("[data-testid=user-limit-new-row]"));

        // A limit that is not a number never reaches the command.
        using var notANumber = await admin.SubmitAsync(page, "Save policy", new() { ["AgentLimit"] = "a lot" });
        var notANumberPage = await HtmlPage.ReadAsync(notANumber);
        Assert.NotEmpty(notANumberPage.FieldError("AgentLimit"));
        Assert.Equal("a lot", notANumberPage.FieldValue("AgentLimit"));

        // Every kind unticked: a browser sends no EnabledKinds at all.
        using var noKinds = await admin.PostAsync("/Admin/Compensation",
        [
            new("__RequestVerificationToken", page.AntiforgeryToken("Save policy")), new("ExpectedVersion", page.FieldValue("ExpectedVersion")),
            new("Currency", "TWD"), new("AgentLimit", "1000"), new("SupervisorLimit", "20000"), new("WarningThreshold", "5000"),
        ]);
        var noKindsPage = await HtmlPage.ReadAsync(noKinds);
        Assert.Equal("Enable at least one kind of compensation.", noKindsPage.FieldError("EnabledKinds"));
        Assert.Empty(noKindsPage.Document.QuerySelectorAll("input[name=EnabledKinds]:checked"));

        var after = await StoredPolicyAsync();
        Assert.Equal((before.Version, "TWD", 20000m), (after.Version, after.Currency, after.SupervisorLimit));
    }

    [Fact]
    public async Task Add_row_shows_another_blank_row_and_keeps_what_was_typed()
    {
        await app.CreateAgentAsync("Typed Person");
        using var admin = await PageSession.SignInAsync(app, await app.CreateUserAsync("Policy Page Admin", Roles.Admin));
        var page = await admin.GetPageAsync("/Admin/Compensation");

        using var response = await admin.SubmitAsync(page, "Add row", new()
        {
            ["UserLimits[0].UserId"] = "Typed Person", ["UserLimits[0].Limit"] = "300", ["AgentLimit"] = "900",
        });
        var more = await HtmlPage.ReadAsync(response);

        Assert.Equal(2, more.Document.QuerySelectorAll("[data-testid=user-limit-new-row], [data-testid=user-limit-row]").Length);
        Assert.Single(more.Document.QuerySelectorAll("[data-testid=user-limit-new-row]"));
        Assert.Equal(("300", "900"), (more.FieldValue("UserLimits[0].Limit"), more.FieldValue("AgentLimit")));
        Assert.Equal(1000m, (await StoredPolicyAsync()).AgentLimit);
    }

    [Fact]
    public async Task A_save_from_a_page_shown_before_someone_else_saved_is_refused_with_a_reload_link()
    {
        var other = await app.CreateUserAsync("Other Admin", Roles.Admin);
        using var admin = await PageSession.SignInAsync(app, await app.CreateUserAsync("Policy Page Admin", Roles.Admin));
        var page = await admin.GetPageAsync("/Admin/Compensation");
        await app.SendAsync<CompensationPolicyView>(other.Actor, LedgerSteps.SeededPolicy with { WarningThreshold = 4000m });

        using var response = await admin.SubmitAsync(page, "Save policy", new() { ["AgentLimit"] = "10" });
        var refused = await HtmlPage.ReadAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("This was changed by someone else in the meantime.", refused.TestId("errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("/Admin/Compensation", refused.Link("Reload").GetAttribute("href"));
        var stored = await StoredPolicyAsync();
        Assert.Equal((1000m, 4000m), (stored.AgentLimit, stored.WarningThreshold));
    }

    [Fact]
    public async Task Supervisors_and_agents_are_denied_the_policy_page()
    {
        foreach (var user in new[] { await app.CreateAgentAsync(), await app.CreateSupervisorAsync() })
        {
            using var session = await PageSession.SignInAsync(app, user);
            using var response = await session.GetAsync("/Admin/Compensation");
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQueryOf());
        }
    }

    /// <summary>Needs the policy page's words merged into AdminResource.zh-Hans.resx and Texts.zh-Hans.resx.</summary>
    [Fact]
    public async Task The_policy_page_speaks_simplified_chinese_with_its_refusals()
    {
        await ChineseStaff.CreateAsync(app, "李专员", "zh-Hans", Roles.Agent);
        var reader = await ChineseStaff.CreateAsync(app, "上海管理员", "zh-Hans", Roles.Admin);
        using var session = await PageSession.SignInAsync(app, reader);

        var page = await session.GetPageAsync("/Admin/Compensation");
        using var response = await session.SubmitAsync(page, "保存政策", new() { ["SupervisorLimit"] = "1", ["UserLimits[0].UserId"] = "李专员", ["UserLimits[0].Limit"] = "0.001" });
        var refused = await HtmlPage.ReadAsync(response);

        Assert.Equal("补偿政策", page.Heading);
        var left = ChinesePageCheck.EnglishLeft(page.Document);
        Assert.True(left.Count == 0, $"English left on /Admin/Compensation:\n{string.Join("\n", left)}");
        Assert.Contains("全额退款", page.Document.QuerySelector("main fieldset")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("主管的权限不能低于客服专员的权限。", refused.FieldError("SupervisorLimit"));
        var refusedLeft = ChinesePageCheck.EnglishLeft(refused.Document);
        Assert.True(refusedLeft.Count == 0, $"English left on the refused /Admin/Compensation:\n{string.Join("\n", refusedLeft)}");
    }
}
