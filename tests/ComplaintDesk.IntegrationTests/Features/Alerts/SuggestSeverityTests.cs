using System.Net;
using System.Text.Json;
using ComplaintDesk.Application.Features.Alerts;
using ComplaintDesk.IntegrationTests.Features.Notifications;
using ComplaintDesk.IntegrationTests.Infrastructure;
using ComplaintDesk.IntegrationTests.Pages;
using FluentValidation;
using Severity = ComplaintDesk.Domain.Complaints.Severity;

namespace ComplaintDesk.IntegrationTests.Features.Alerts;

/// <summary>The severity the keyword rules suggest while the intake form is typed: the query and its JSON endpoint.</summary>
public sealed class SuggestSeverityTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    private readonly NotificationSteps _steps = new(app);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<SeveritySuggestion> SuggestAsync(TestUser by, string? text) =>
        app.SendAsync<SeveritySuggestion>(by.Actor, new SuggestSeverityQuery { Text = text });

    [Fact]
    public async Task The_strongest_matching_rule_sets_the_suggested_severity_and_any_rule_the_risk_flag()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        await _steps.AddKeywordRuleAsync($"zorbex {tag}", Severity.Medium, riskFlag: true);
        await _steps.AddKeywordRuleAsync($"黑箱{tag}", Severity.Critical, riskFlag: false);
        var agent = await app.CreateAgentAsync();

        // Full-width letters and upper case fold to the rule's phrase.
        var suggestion = await SuggestAsync(agent, $"這是黑箱{tag}，也是ＺＯＲＢＥＸ {tag.ToUpperInvariant()}");

        Assert.Equal(Severity.Critical, suggestion.Severity);
        Assert.True(suggestion.RiskFlag);
        Assert.Equal([$"黑箱{tag}", $"zorbex {tag}"], suggestion.Phrases);
        Assert.Equal($"Keyword rules suggest severity Critical (黑箱{tag}, zorbex {tag}) and a risk flag.", suggestion.Message());
        Assert.EndsWith("Saving raises the severity from Low to Critical.", suggestion.Message(Severity.Low), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    [InlineData("The kettle leaks.")]
    public async Task No_match_suggests_nothing(string? text)
    {
        var agent = await app.CreateAgentAsync();

        var suggestion = await SuggestAsync(agent, text);

        Assert.Null(suggestion.Severity);
        Assert.False(suggestion.RiskFlag);
        Assert.Empty(suggestion.Phrases);
        Assert.Equal("", suggestion.Message(Severity.Low));
    }

    [Fact]
    public async Task A_text_over_10000_characters_is_refused()
    {
        var agent = await app.CreateAgentAsync();

        await Assert.ThrowsAsync<ValidationException>(() => SuggestAsync(agent, new string('x', SuggestSeverityQuery.MaxText + 1)));
    }

    [Fact]
    public async Task The_endpoint_answers_json_for_a_text_with_a_rule_phrase()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        await _steps.AddKeywordRuleAsync($"quillon {tag}", Severity.High, riskFlag: true);
        var agent = await app.CreateAgentAsync();
        using var session = await PageSession.SignInAsync(app, agent);

        using var response = await session.GetAsync(
            $"/Complaints/SeveritySuggestion?text={Uri.EscapeDataString($"My Quillon {tag} will call.")}&chosen=Medium");
        var body = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(body);
        Assert.Equal("High", json.RootElement.GetProperty("severity").GetString());
        Assert.True(json.RootElement.GetProperty("riskFlag").GetBoolean());
        Assert.Equal([$"quillon {tag}"], json.RootElement.GetProperty("phrases").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal($"Keyword rules suggest severity High (quillon {tag}) and a risk flag. Saving raises the severity from Medium to High.",
            json.RootElement.GetProperty("message").GetString());
    }

    [Fact]
    public async Task The_endpoint_answers_an_empty_suggestion_when_nothing_matches()
    {
        var agent = await app.CreateAgentAsync();
        using var session = await PageSession.SignInAsync(app, agent);

        using var response = await session.GetAsync("/Complaints/SeveritySuggestion?text=Nothing%20special");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("severity").ValueKind);
        Assert.Equal("", json.RootElement.GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_long_text_goes_by_post_with_the_anti_forgery_token_and_a_post_without_it_is_refused()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        await _steps.AddKeywordRuleAsync($"黑箱{tag}", Severity.Critical, riskFlag: true);
        var agent = await app.CreateAgentAsync();
        using var session = await PageSession.SignInAsync(app, agent);
        var anyPage = await session.GetPageAsync("/Notifications");
        var text = new string('長', 5000) + $"黑箱{tag}";

        using var withToken = new HttpRequestMessage(HttpMethod.Post, "/Complaints/SeveritySuggestion")
        {
            Content = new FormUrlEncodedContent([new("text", text)]),
        };
        withToken.Headers.Add("RequestVerificationToken", anyPage.AntiforgeryToken("Sign out"));
        using var answered = await session.Client.SendAsync(withToken, Ct);
        using var refused = await session.PostAsync("/Complaints/SeveritySuggestion", [new("text", text)]);

        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        using var json = JsonDocument.Parse(await answered.Content.ReadAsStringAsync(Ct));
        Assert.Equal("Critical", json.RootElement.GetProperty("severity").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
    }

    [Fact]
    public async Task A_text_over_the_limit_answers_400()
    {
        var agent = await app.CreateAgentAsync();
        using var session = await PageSession.SignInAsync(app, agent);
        var anyPage = await session.GetPageAsync("/Notifications");

        using var request = new HttpRequestMessage(HttpMethod.Post, "/Complaints/SeveritySuggestion")
        {
            Content = new FormUrlEncodedContent([new("text", new string('x', SuggestSeverityQuery.MaxText + 1))]),
        };
        request.Headers.Add("RequestVerificationToken", anyPage.AntiforgeryToken("Sign out"));
        using var response = await session.Client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Anonymous_callers_are_sent_to_sign_in()
    {
        using var session = PageSession.Anonymous(app);

        using var response = await session.GetAsync("/Complaints/SeveritySuggestion?text=lawyer");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQueryOf(), StringComparison.Ordinal);
    }
}
