using ComplaintDesk.Application.Features.Replies;

namespace ComplaintDesk.IntegrationTests.Features.Replies;

public sealed class TemplateRendererTests
{
    private static readonly TemplateValues Values = new(
        "Mei Lin", "CD-2026-000042",
        new DateTimeOffset(2026, 11, 3, 9, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 7, 9, 0, 0, TimeSpan.Zero),
        "Alice", TemplateValues.StatusLinkComingSoon);

    [Fact]
    public void Every_known_placeholder_is_filled()
    {
        var text = TemplateRenderer.Render(
            "Dear {customerName}, about {reference}: we reply by {acknowledgeBy} and resolve by {resolveBy}. " +
            "Follow it at {statusLink}. {agentFirstName}", Values);

        Assert.Equal(
            "Dear Mei Lin, about CD-2026-000042: we reply by 2026-11-03 09:00 UTC and resolve by 2026-11-07 09:00 UTC. " +
            "Follow it at (status link coming soon). Alice", text);
    }

    [Theory]
    [InlineData("Hello {customername}", "Hello {customername}")] // names are case-sensitive
    [InlineData("Hello {unknown} {customerName}", "Hello {unknown} Mei Lin")]
    [InlineData("{ customerName }", "{ customerName }")]
    [InlineData("{{customerName}}", "{Mei Lin}")]
    [InlineData("No placeholders at all.", "No placeholders at all.")]
    [InlineData("{customerName}{customerName}", "Mei LinMei Lin")]
    public void Unknown_or_malformed_placeholders_are_left_as_written(string body, string expected)
    {
        Assert.Equal(expected, TemplateRenderer.Render(body, Values));
    }

    [Fact]
    public void Nothing_is_html_encoded_here_razor_encodes_on_output()
    {
        var values = Values with { CustomerName = "<b>Tom & \"Jerry\"</b>" };

        Assert.Equal("Dear <b>Tom & \"Jerry\"</b>,", TemplateRenderer.Render("Dear {customerName},", values));
    }

    [Fact]
    public void A_value_holding_a_placeholder_is_not_filled_again()
    {
        var values = Values with { CustomerName = "{reference}" };

        Assert.Equal("Dear {reference} (CD-2026-000042)", TemplateRenderer.Render("Dear {customerName} ({reference})", values));
    }

    [Theory]
    [InlineData("Alice Agent", "Alice")]
    [InlineData("  Bob  ", "Bob")]
    [InlineData("王小明", "王小明")]
    [InlineData("Anne-Marie van Dijk", "Anne-Marie")]
    public void The_agents_first_name_is_the_first_word_of_the_display_name(string displayName, string expected)
    {
        Assert.Equal(expected, TemplateValues.FirstName(displayName));
    }

    [Theory]
    [InlineData("en", "We reply by (date to be confirmed) and resolve by (date to be confirmed).")]
    [InlineData("zh-Hant", "We reply by （日期另行通知） and resolve by （日期另行通知）.")]
    [InlineData("zh-Hans", "We reply by （日期另行通知） and resolve by （日期另行通知）.")]
    [InlineData("fr", "We reply by (date to be confirmed) and resolve by (date to be confirmed).")]
    public void A_case_without_deadlines_promises_no_time_in_the_templates_language(string language, string expected)
    {
        var values = Values with { AcknowledgeBy = null, ResolveBy = null, Language = language };

        Assert.Equal(expected, TemplateRenderer.Render("We reply by {acknowledgeBy} and resolve by {resolveBy}.", values));
    }

    [Fact]
    public void Only_the_missing_deadline_falls_back()
    {
        var values = Values with { AcknowledgeBy = null };

        Assert.Equal("(date to be confirmed) / 2026-11-07 09:00 UTC", TemplateRenderer.Render("{acknowledgeBy} / {resolveBy}", values));
    }
}
