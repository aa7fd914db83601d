using ComplaintDesk.Application.Common;
using ComplaintDesk.Application.Features.Administration;
using ComplaintDesk.Domain;
using ComplaintDesk.Domain.Complaints;
using ComplaintDesk.IntegrationTests.Features.Complaints;
using ComplaintDesk.IntegrationTests.Infrastructure;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Severity = ComplaintDesk.Domain.Complaints.Severity;

namespace ComplaintDesk.IntegrationTests.Features.Administration;

public sealed class KeywordRuleAdministrationTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    private readonly AdminSteps _steps = new(app);
    private readonly ComplaintSteps _complaints = new(app);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string NewPhrase() => $"recall {Guid.NewGuid():N}"[..15];

    [Fact]
    public async Task A_new_rule_applies_to_the_next_complaint_in_upper_case_and_full_width()
    {
        var admin = await _steps.CreateAdminAsync();
        var agent = await app.CreateAgentAsync();
        var rule = await _steps.SendAsync<KeywordRuleView>(admin, new CreateKeywordRuleCommand
        {
            Phrase = " class action ", MinimumSeverity = Severity.Critical, RiskFlag = true,
        });

        var logged = await _complaints.LogAsync(agent, ComplaintSteps.NewComplaint() with
        {
            Severity = Severity.Low, Description = "We are preparing a ＣＬＡＳＳ ＡＣＴＩＯＮ against you.",
        });

        Assert.Equal("class action", rule.Phrase);
        var stored = await _complaints.StoredAsync(logged.Id);
        Assert.Equal(Severity.Critical, stored.Severity);
        Assert.True(stored.RiskFlag);
        var alert = Assert.Single(await _complaints.EventsAsync(logged.Id), e => e.Kind == TimelineEventKind.KeywordAlert);
        Assert.Contains("\"class action\"", alert.Text);
        Assert.Equal(Visibility.Internal, alert.Visibility);
    }

    [Fact]
    public async Task A_rule_is_changed_and_deleted_and_then_no_longer_applies()
    {
        var admin = await _steps.CreateAdminAsync();
        var agent = await app.CreateAgentAsync();
        var phrase = NewPhrase();
        var rule = await _steps.SendAsync<KeywordRuleView>(admin, new CreateKeywordRuleCommand { Phrase = phrase, MinimumSeverity = Severity.High });

        var changed = await _steps.SendAsync<KeywordRuleView>(admin, new UpdateKeywordRuleCommand
        {
            Id = rule.Id, Phrase = phrase.ToUpperInvariant(), MinimumSeverity = Severity.Critical, RiskFlag = true,
        });
        var stored = await app.QueryDbAsync(db => db.KeywordRules.AsNoTracking().SingleAsync(r => r.Id == rule.Id, Ct));
        Assert.Equal((phrase.ToUpperInvariant(), phrase, Severity.Critical, true), (changed.Phrase, stored.FoldedPhrase, stored.MinimumSeverity, stored.RiskFlag));

        await _steps.SendAsync<Unit>(admin, new DeleteKeywordRuleCommand(rule.Id));
        var logged = await _complaints.LogAsync(agent, ComplaintSteps.NewComplaint() with { Severity = Severity.Low, Description = $"About the {phrase}." });

        Assert.Equal(Severity.Low, (await _complaints.StoredAsync(logged.Id)).Severity);
        await Assert.ThrowsAsync<NotFoundException>(() => _steps.SendAsync<Unit>(admin, new DeleteKeywordRuleCommand(rule.Id)));
        await Assert.ThrowsAsync<NotFoundException>(() => _steps.SendAsync<KeywordRuleView>(admin, new UpdateKeywordRuleCommand
        {
            Id = rule.Id, Phrase = phrase, MinimumSeverity = Severity.High,
        }));
    }

    [Theory]
    [InlineData("lawyer")]
    [InlineData("LAWYER")]
    [InlineData("ＬＡＷＹＥＲ")]
    [InlineData("  Lawyer ")]
    [InlineData("律師")]
    public async Task A_phrase_that_folds_to_an_existing_one_is_refused(string phrase)
    {
        var admin = await _steps.CreateAdminAsync();
        var before = await app.QueryDbAsync(db => db.KeywordRules.CountAsync(Ct));

        var refused = await Assert.ThrowsAsync<ValidationException>(() =>
            _steps.SendAsync<KeywordRuleView>(admin, new CreateKeywordRuleCommand { Phrase = phrase, MinimumSeverity = Severity.High }));

        Assert.Equal("Phrase", Assert.Single(refused.Errors).PropertyName);
        Assert.Equal(before, await app.QueryDbAsync(db => db.KeywordRules.CountAsync(Ct)));
    }

    [Fact]
    public async Task Changing_a_rule_to_the_phrase_of_another_is_refused_but_keeping_its_own_phrase_is_fine()
    {
        var admin = await _steps.CreateAdminAsync();
        var rule = await _steps.SendAsync<KeywordRuleView>(admin, new CreateKeywordRuleCommand { Phrase = NewPhrase(), MinimumSeverity = Severity.High });

        var refused = await Assert.ThrowsAsync<ValidationException>(() => _steps.SendAsync<KeywordRuleView>(admin, new UpdateKeywordRuleCommand
        {
            Id = rule.Id, Phrase = "Journalist", MinimumSeverity = Severity.High,
        }));
        var kept = await _steps.SendAsync<KeywordRuleView>(admin, new UpdateKeywordRuleCommand
        {
            Id = rule.Id, Phrase = rule.Phrase, MinimumSeverity = Severity.Medium,
        });

        Assert.Equal("Phrase", Assert.Single(refused.Errors).PropertyName);
        Assert.Equal(Severity.Medium, kept.MinimumSeverity);
    }

    public static TheoryData<CreateKeywordRuleCommand, string> InvalidRules => new()
    {
        { new CreateKeywordRuleCommand { Phrase = "", MinimumSeverity = Severity.High }, "Phrase" },
        { new CreateKeywordRuleCommand { Phrase = "a", MinimumSeverity = Severity.High }, "Phrase" },
        { new CreateKeywordRuleCommand { Phrase = new string('x', FieldLengths.KeywordPhrase + 1), MinimumSeverity = Severity.High }, "Phrase" },
        { new CreateKeywordRuleCommand { Phrase = "sue", MinimumSeverity = null }, "MinimumSeverity" },
        { new CreateKeywordRuleCommand { Phrase = "sue", MinimumSeverity = (Severity)42 }, "MinimumSeverity" },
    };

    [Theory]
    [MemberData(nameof(InvalidRules))]
    public async Task An_invalid_rule_is_refused_with_a_field_error(CreateKeywordRuleCommand command, string field)
    {
        var admin = await _steps.CreateAdminAsync();

        var refused = await Assert.ThrowsAsync<ValidationException>(() => _steps.SendAsync<KeywordRuleView>(admin, command));

        Assert.Contains(refused.Errors, e => e.PropertyName == field);
    }

    [Fact]
    public async Task Only_administrators_see_and_change_rules()
    {
        var supervisor = await app.CreateSupervisorAsync();

        await Assert.ThrowsAsync<ActionForbiddenException>(() => _steps.SendAsync<IReadOnlyList<KeywordRuleView>>(supervisor, new ListKeywordRulesQuery()));
        await Assert.ThrowsAsync<ActionForbiddenException>(() => _steps.SendAsync<KeywordRuleView>(supervisor,
            new CreateKeywordRuleCommand { Phrase = NewPhrase(), MinimumSeverity = Severity.High }));
    }
}
