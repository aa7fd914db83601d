using ComplaintDesk.Application.Common;
using ComplaintDesk.Application.Features.Compensation;
using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.Application.Identity;
using ComplaintDesk.Domain;
using ComplaintDesk.Domain.Compensation;
using ComplaintDesk.IntegrationTests.Features.Complaints;
using ComplaintDesk.IntegrationTests.Infrastructure;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace ComplaintDesk.IntegrationTests.Features.Compensation;

/// <summary>
/// The compensation policy through the command layer: the seeded defaults, a save read back from PostgreSQL, every
/// refusal as a field error (kinds, currency, money, supervisor below agent, people who are not there or do not make
/// offers, the same person twice), the version check, administrators only — and the policy at work: a per-person
/// override sends an agent's offer straight to the customer, a kind switched off cannot be offered, and the currency
/// stays once compensation has been granted in it. The tests of this class share a database: each starts from no
/// offers, no ledger lines and the seeded policy.
/// </summary>
public sealed class CompensationPolicyTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>, IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly LedgerSteps _steps = new(app);

    public async ValueTask InitializeAsync() => await _steps.ResetAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private Task<TestUser> AdminAsync() => app.CreateUserAsync("Policy Admin", Roles.Admin);

    private Task<CompensationPolicy> StoredAsync() =>
        app.QueryDbAsync(db => db.CompensationPolicies.AsNoTracking().SingleAsync(p => p.Id == CompensationPolicy.SingletonId, Ct));

    private async Task<string[]> RefusedAsync(TestUser admin, SaveCompensationPolicyCommand command)
    {
        var refused = await Assert.ThrowsAsync<ValidationException>(() => app.SendAsync<CompensationPolicyView>(admin.Actor, command));
        return [.. refused.Errors.Select(e => e.PropertyName).Distinct().Order(StringComparer.Ordinal)];
    }

    [Fact]
    public async Task The_policy_reads_as_seeded_with_its_version()
    {
        var admin = await AdminAsync();

        var policy = await app.SendAsync<CompensationPolicyView>(admin.Actor, new GetCompensationPolicyQuery());

        Assert.Equal(("TWD", 1000m, 20000m, 5000m), (policy.Currency, policy.AgentLimit, policy.SupervisorLimit, policy.WarningThreshold));
        Assert.Equal(Enum.GetValues<CompensationKind>(), policy.EnabledKinds);
        Assert.Empty(policy.UserLimits);
        Assert.Equal((await StoredAsync()).Version, policy.Version);
    }

    [Fact]
    public async Task A_save_replaces_kinds_currency_limits_threshold_and_overrides_and_gives_a_new_version()
    {
        var admin = await AdminAsync();
        var agent = await app.CreateAgentAsync("Olga Override");
        var supervisor = await app.CreateSupervisorAsync("Sam Senior");
        var before = await app.SendAsync<CompensationPolicyView>(admin.Actor, new GetCompensationPolicyQuery());

        var saved = await app.SendAsync<CompensationPolicyView>(admin.Actor, new SaveCompensationPolicyCommand
        {
            EnabledKinds = [CompensationKind.Voucher, CompensationKind.PartialRefund, CompensationKind.Voucher],
            Currency = " usd ",
            AgentLimit = 250.50m,
            SupervisorLimit = 250.50m,
            WarningThreshold = 0m,
            UserLimits = [new UserLimitInput { UserId = agent.Id, Limit = 5000m }, new UserLimitInput { UserId = supervisor.Id, Limit = 0m }],
            ExpectedVersion = before.Version,
        });

        var stored = await StoredAsync();
        Assert.Equal([CompensationKind.PartialRefund, CompensationKind.Voucher], stored.EnabledKinds);
        Assert.Equal(("USD", 250.50m, 250.50m, 0m), (stored.Currency, stored.AgentLimit, stored.SupervisorLimit, stored.WarningThreshold));
        Assert.Equal([new UserAuthority(agent.Id, 5000m), new UserAuthority(supervisor.Id, 0m)], stored.UserLimits.OrderByDescending(u => u.Limit));
        Assert.Equal(stored.Version, saved.Version);
        Assert.NotEqual(before.Version, saved.Version);
        Assert.Equal([("Olga Override", 5000m), ("Sam Senior", 0m)], saved.UserLimits.Select(u => (u.DisplayName, u.Limit)));
    }

    [Fact]
    public async Task Every_refused_value_is_a_field_error_and_nothing_is_saved()
    {
        var admin = await AdminAsync();
        var agent = await app.CreateAgentAsync();
        var before = await StoredAsync();
        var valid = LedgerSteps.SeededPolicy;

        Assert.Equal(["EnabledKinds"], await RefusedAsync(admin, valid with { EnabledKinds = [] }));
        Assert.Equal(["EnabledKinds"], await RefusedAsync(admin, valid with { EnabledKinds = null }));
        Assert.Equal(["EnabledKinds[0]"], await RefusedAsync(admin, valid with { EnabledKinds = [(CompensationKind)42] }));
        Assert.Equal(["Currency"], await RefusedAsync(admin, valid with { Currency = "" }));
        Assert.Equal(["Currency"], await RefusedAsync(admin, valid with { Currency = "DOLLARS" }));
        Assert.Equal(["Currency"], await RefusedAsync(admin, valid with { Currency = "XYZ" }));
        Assert.Equal(["Currency"], await RefusedAsync(admin, valid with { Currency = "NT$" }));
        Assert.Equal(["AgentLimit"], await RefusedAsync(admin, valid with { AgentLimit = -0.01m }));
        Assert.Equal(["AgentLimit"], await RefusedAsync(admin, valid with { AgentLimit = 10.005m }));
        Assert.Equal(["AgentLimit"], await RefusedAsync(admin, valid with { AgentLimit = null }));
        Assert.Equal(["SupervisorLimit"], await RefusedAsync(admin, valid with { SupervisorLimit = Money.MaxAmount + 0.01m }));
        Assert.Equal(["SupervisorLimit"], await RefusedAsync(admin, valid with { AgentLimit = 1000m, SupervisorLimit = 999.99m }));
        Assert.Equal(["WarningThreshold"], await RefusedAsync(admin, valid with { WarningThreshold = 1.5m / 1000m }));
        Assert.Equal(["UserLimits[0].UserId"], await RefusedAsync(admin, valid with { UserLimits = [new UserLimitInput { UserId = "", Limit = 1m }] }));
        Assert.Equal(["UserLimits[0].Limit"], await RefusedAsync(admin, valid with { UserLimits = [new UserLimitInput { UserId = agent.Id, Limit = -5m }] }));
        Assert.Equal(["UserLimits[0].Limit"], await RefusedAsync(admin, valid with { UserLimits = [new UserLimitInput { UserId = agent.Id }] }));
        Assert.Equal(["UserLimits[1].UserId"], await RefusedAsync(admin, valid with
        {
            UserLimits = [new UserLimitInput { UserId = agent.Id, Limit = 5m }, new UserLimitInput { UserId = agent.Id, Limit = 6m }],
        }));

        var after = await StoredAsync();
        Assert.Equal((before.Version, before.Currency, before.AgentLimit), (after.Version, after.Currency, after.AgentLimit));
    }

    [Fact]
    public async Task An_override_names_an_agent_or_supervisor_who_exists()
    {
        var admin = await AdminAsync();
        var agent = await app.CreateAgentAsync();
        var otherAdmin = await app.CreateUserAsync("Admin Only", Roles.Admin);
        var valid = LedgerSteps.SeededPolicy;

        Assert.Equal(["UserLimits[1].UserId", "UserLimits[2].UserId"], await RefusedAsync(admin, valid with
        {
            UserLimits =
            [
                new UserLimitInput { UserId = agent.Id, Limit = 10m },
                new UserLimitInput { UserId = Guid.NewGuid().ToString(), Limit = 10m },
                new UserLimitInput { UserId = otherAdmin.Id, Limit = 10m },
            ],
        }));
        Assert.Empty((await StoredAsync()).UserLimits);
    }

    [Fact]
    public async Task A_save_against_an_older_version_is_a_conflict()
    {
        var admin = await AdminAsync();
        var shown = await app.SendAsync<CompensationPolicyView>(admin.Actor, new GetCompensationPolicyQuery());
        await app.SendAsync<CompensationPolicyView>(admin.Actor, LedgerSteps.SeededPolicy with { WarningThreshold = 6000m, ExpectedVersion = shown.Version });

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            app.SendAsync<CompensationPolicyView>(admin.Actor, LedgerSteps.SeededPolicy with { AgentLimit = 1m, ExpectedVersion = shown.Version }));

        var stored = await StoredAsync();
        Assert.Equal((6000m, 1000m), (stored.WarningThreshold, stored.AgentLimit));
    }

    [Fact]
    public async Task Only_administrators_read_or_change_the_policy()
    {
        var supervisor = await app.CreateSupervisorAsync();
        var agent = await app.CreateAgentAsync();

        await Assert.ThrowsAsync<ActionForbiddenException>(() => app.SendAsync<CompensationPolicyView>(supervisor.Actor, new GetCompensationPolicyQuery()));
        await Assert.ThrowsAsync<ActionForbiddenException>(() => app.SendAsync<CompensationPolicyView>(agent.Actor, new GetCompensationPolicyQuery()));
        await Assert.ThrowsAsync<ActionForbiddenException>(() =>
            app.SendAsync<CompensationPolicyView>(supervisor.Actor, LedgerSteps.SeededPolicy with { SupervisorLimit = 1_000_000m }));
        Assert.Equal(20000m, (await StoredAsync()).SupervisorLimit);
    }

    [Fact]
    public async Task A_personal_limit_sends_an_agents_offer_beyond_the_role_limit_straight_to_the_customer()
    {
        var admin = await AdminAsync();
        var trusted = await app.CreateAgentAsync("Trusted Agent");
        var ordinary = await app.CreateAgentAsync("Ordinary Agent");
        var trustedCase = await app.SendAsync<ComplaintView>(trusted.Actor, ComplaintSteps.NewComplaint());
        var ordinaryCase = await app.SendAsync<ComplaintView>(ordinary.Actor, ComplaintSteps.NewComplaint());

        await app.SendAsync<CompensationPolicyView>(admin.Actor, LedgerSteps.SeededPolicy with
        {
            UserLimits = [new UserLimitInput { UserId = trusted.Id, Limit = 3000m }],
        });
        var straight = await _steps.OfferAsync(trusted, trustedCase.Id, CompensationKind.PartialRefund, 3000m);
        var needsApproval = await _steps.OfferAsync(ordinary, ordinaryCase.Id, CompensationKind.PartialRefund, 3000m);

        Assert.Equal(OfferState.Offered, straight.State);
        Assert.Equal(OfferState.AwaitingApproval, needsApproval.State);

        // A personal limit below the role's narrows it as well: one cent over it waits for a supervisor.
        await app.SendAsync<CompensationPolicyView>(admin.Actor, LedgerSteps.SeededPolicy with
        {
            UserLimits = [new UserLimitInput { UserId = trusted.Id, Limit = 100m }],
        });
        var another = await app.SendAsync<ComplaintView>(trusted.Actor, ComplaintSteps.NewComplaint());
        Assert.Equal(OfferState.AwaitingApproval, (await _steps.OfferAsync(trusted, another.Id, CompensationKind.Voucher, 100.01m)).State);
    }

    [Fact]
    public async Task A_kind_switched_off_cannot_be_offered_and_new_limits_apply_to_the_next_offer()
    {
        var admin = await AdminAsync();
        var agent = await app.CreateAgentAsync();
        var complaint = await app.SendAsync<ComplaintView>(agent.Actor, ComplaintSteps.NewComplaint());
        await app.SendAsync<CompensationPolicyView>(admin.Actor, LedgerSteps.SeededPolicy with
        {
            EnabledKinds = [CompensationKind.Voucher], AgentLimit = 50m,
        });

        var refused = await Assert.ThrowsAsync<ValidationException>(() => _steps.OfferAsync(agent, complaint.Id, CompensationKind.Gift, 10m));
        var offer = await _steps.OfferAsync(agent, complaint.Id, CompensationKind.Voucher, 50.01m);

        Assert.Equal("Options[0].Kind", Assert.Single(refused.Errors).PropertyName);
        Assert.Equal(OfferState.AwaitingApproval, offer.State);
    }

    [Fact]
    public async Task The_currency_changes_while_nothing_was_granted_and_stays_once_the_ledger_has_a_line_in_it()
    {
        var admin = await AdminAsync();
        var agent = await app.CreateAgentAsync();

        // Nothing granted or on offer yet: the currency may change, and back.
        await app.SendAsync<CompensationPolicyView>(admin.Actor, LedgerSteps.SeededPolicy with { Currency = "EUR" });
        Assert.Equal("EUR", (await StoredAsync()).Currency);
        await app.SendAsync<CompensationPolicyView>(admin.Actor, LedgerSteps.SeededPolicy);

        // An offer in front of the customer holds the currency too.
        var complaint = await app.SendAsync<ComplaintView>(agent.Actor, ComplaintSteps.NewComplaint());
        var open = await _steps.OfferAsync(agent, complaint.Id, CompensationKind.Voucher, 20m);
        Assert.Equal(["Currency"], await RefusedAsync(admin, LedgerSteps.SeededPolicy with { Currency = "EUR" }));

        await app.SendAsync<OfferView>(agent.Actor, new AnswerOfferCommand { OfferId = open.Id, OfferVersion = open.Version, OptionId = open.Options[0].Id });
        var refused = await Assert.ThrowsAsync<ValidationException>(() =>
            app.SendAsync<CompensationPolicyView>(admin.Actor, LedgerSteps.SeededPolicy with { Currency = "EUR", AgentLimit = 5m }));

        var error = Assert.Single(refused.Errors);
        Assert.Equal(("Currency", "Amounts in TWD are in the ledger or on offer; the currency cannot change while they are."), (error.PropertyName, error.ErrorMessage));
        Assert.Equal(("TWD", 1000m), ((await StoredAsync()).Currency, (await StoredAsync()).AgentLimit));
        // The same currency, written in another case, is no change; everything else may still change.
        await app.SendAsync<CompensationPolicyView>(admin.Actor, LedgerSteps.SeededPolicy with { Currency = "twd", AgentLimit = 5m });
        Assert.Equal(5m, (await StoredAsync()).AgentLimit);
    }
}
