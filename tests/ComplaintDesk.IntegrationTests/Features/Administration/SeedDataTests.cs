using ComplaintDesk.Application.Features.Administration;
using ComplaintDesk.Application.Features.Alerts;
using ComplaintDesk.Domain.Alerts;
using ComplaintDesk.Domain.Complaints;
using ComplaintDesk.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ComplaintDesk.IntegrationTests.Features.Administration;

/// <summary>Ids the seed migration gave, for tests that need one seeded row.</summary>
public static class SeededTemplates
{
    public static readonly Guid AcknowledgeEnglish = new("5eed7e00-0000-7000-8000-000000000001");
}

/// <summary>What the SeedTemplatesAndKeywordRules migration put into every database.</summary>
public sealed class SeedDataTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Five_reply_templates_are_seeded_in_each_of_the_three_languages()
    {
        var byLanguage = await app.QueryDbAsync(db => db.ReplyTemplates
            .GroupBy(t => t.Language).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, Ct));

        Assert.Equal(new Dictionary<string, int> { ["en"] = 5, ["zh-Hant"] = 5, ["zh-Hans"] = 5 }, byLanguage);
    }

    [Fact]
    public async Task The_seeded_templates_follow_the_source_documents_and_use_only_known_placeholders()
    {
        var templates = await app.QueryDbAsync(db => db.ReplyTemplates.AsNoTracking().ToListAsync(Ct));

        Assert.All(templates, t => Assert.Empty(ReplyTemplatePlaceholders.Unknown(t.Body)));
        Assert.All(templates, t => Assert.Contains("{customerName}", t.Body));
        // Immediate acknowledgement with a reply time, the solution menu, the follow-up check — in each language.
        Assert.Contains(templates, t => t.Language == "en" && t.Body.Contains("within 24 hours", StringComparison.Ordinal));
        Assert.Contains(templates, t => t.Language == "zh-Hant" && t.Body.Contains("24 小時內", StringComparison.Ordinal));
        Assert.Contains(templates, t => t.Language == "zh-Hans" && t.Body.Contains("24 小时内", StringComparison.Ordinal));
        Assert.Contains(templates, t => t.Language == "zh-Hant" && t.Body.Contains("全額退款", StringComparison.Ordinal) && t.Body.Contains("折價券", StringComparison.Ordinal));
        Assert.Contains(templates, t => t.Language == "zh-Hans" && t.Body.Contains("是否满意", StringComparison.Ordinal));
        Assert.Contains(templates, t => t.Language == "en" && t.Body.Contains("Are you satisfied", StringComparison.Ordinal));
        // The apology offers a product exchange, so it is for product-quality complaints; the rest suit any category.
        Assert.Equal(3, templates.Count(t => t.CategoryCode == "productQuality"));
    }

    [Fact]
    public async Task Seeded_keyword_rules_are_stored_folded_and_raise_the_risk()
    {
        var rules = await app.QueryDbAsync(db => db.KeywordRules.AsNoTracking().ToListAsync(Ct));

        Assert.True(rules.Count >= 30, $"Only {rules.Count} rules seeded.");
        Assert.All(rules, r => Assert.Equal(KeywordRule.Fold(r.Phrase), r.FoldedPhrase));
        Assert.All(rules, r => Assert.True(r.MinimumSeverity >= Severity.High && r.RiskFlag, r.Phrase));
        foreach (var phrase in new[] { "lawyer", "律師", "律师", "消保官", "消协", "媒體", "媒体", "記者", "受傷", "受伤", "工信部", "公平會", "ombudsman" })
        {
            Assert.Contains(rules, r => r.Phrase == phrase);
        }
    }

    [Theory]
    [InlineData("我在使用時受傷了", "受傷", Severity.Critical)]
    [InlineData("My LAWYER will hear about this", "lawyer", Severity.High)]
    [InlineData("Ｉ ｗａｓ ｉｎｊｕｒｅｄ by the blade", "injured", Severity.Critical)]
    [InlineData("不然就去工信部投诉你们", "工信部", Severity.High)]
    [InlineData("我會找消保官", "消保官", Severity.High)]
    public async Task Seeded_rules_match_customer_text_in_any_case_and_width(string text, string phrase, Severity severity)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var screening = scope.ServiceProvider.GetRequiredService<KeywordScreening>();

        var matches = await screening.MatchingRulesAsync(text, Ct);

        var rule = Assert.Single(matches);
        Assert.Equal(phrase, rule.Phrase);
        Assert.Equal(severity, rule.MinimumSeverity);
    }

    [Theory]
    [InlineData("Please reply immediately about the intermediate part")]
    [InlineData("The voltage regulator is faulty")]
    [InlineData("The social media app crashed")]
    public async Task Ordinary_words_that_contain_a_risky_one_do_not_match(string text)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var screening = scope.ServiceProvider.GetRequiredService<KeywordScreening>();

        Assert.Empty(await screening.MatchingRulesAsync(text, Ct));
    }
}
