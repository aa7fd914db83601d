using ComplaintDesk.Application.Features.Administration;
using ComplaintDesk.Application.Identity;
using ComplaintDesk.Domain;
using ComplaintDesk.IntegrationTests.Infrastructure;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ComplaintDesk.IntegrationTests.Features.Administration;

public sealed class UserAdministrationTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    private readonly AdminSteps _steps = new(app);

    private static string NewEmail(string name) => $"{name}.{Guid.NewGuid():N}@staff.example";

    [Fact]
    public async Task A_created_user_is_stored_with_roles_language_and_time_zone_and_can_sign_in_with_the_initial_password()
    {
        var admin = await _steps.CreateAdminAsync();
        var email = NewEmail("wang");
        var password = AdminSteps.StrongPassword();

        var view = await _steps.SendAsync<UserView>(admin, new CreateUserCommand
        {
            Email = $"  {email} ", DisplayName = " Wang Xiaoming ", Roles = [Roles.Supervisor, Roles.Agent], InitialPassword = password,
            PreferredLanguage = "zh-Hans", TimeZone = "Asia/Shanghai",
        });

        var stored = await _steps.StoredUserAsync(view.Id);
        Assert.Equal(email, stored.Email);
        Assert.Equal(email, stored.UserName);
        Assert.Equal("Wang Xiaoming", stored.DisplayName);
        Assert.Equal("zh-Hans", stored.PreferredLanguage);
        Assert.Equal("Asia/Shanghai", stored.TimeZone);
        Assert.False(stored.Disabled);
        Assert.True(stored.LockoutEnabled); // failed sign-ins count towards the lockout
        Assert.Equal(["Agent", "Supervisor"], await _steps.StoredRolesAsync(view.Id));
        Assert.Equal(["Agent", "Supervisor"], view.Roles);
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        Assert.True(await users.CheckPasswordAsync(stored, password));
    }

    [Fact]
    public async Task Language_and_time_zone_default_to_english_and_utc()
    {
        var admin = await _steps.CreateAdminAsync();

        var view = await _steps.SendAsync<UserView>(admin, new CreateUserCommand
        {
            Email = NewEmail("plain"), DisplayName = "Plain Agent", Roles = [Roles.Agent], InitialPassword = AdminSteps.StrongPassword(),
        });

        Assert.Equal("en", view.PreferredLanguage);
        Assert.Equal("UTC", view.TimeZone);
    }

    public static TheoryData<CreateUserCommand, string> InvalidUsers => new()
    {
        { Valid() with { Email = "not-an-email" }, "Email" },
        { Valid() with { DisplayName = " " }, "DisplayName" },
        { Valid() with { DisplayName = new string('n', FieldLengths.PersonName + 1) }, "DisplayName" },
        { Valid() with { Roles = [] }, "Roles" },
        { Valid() with { Roles = ["Owner"] }, "Roles" },
        { Valid() with { InitialPassword = "" }, "InitialPassword" },
        { Valid() with { InitialPassword = "short" }, "InitialPassword" },
        { Valid() with { InitialPassword = "alllowercaseletters" }, "InitialPassword" },
        { Valid() with { PreferredLanguage = "fr" }, "PreferredLanguage" },
        { Valid() with { TimeZone = "Mars/Olympus_Mons" }, "TimeZone" },
    };

    private static CreateUserCommand Valid() => new()
    {
        Email = NewEmail("valid"), DisplayName = "Valid Person", Roles = [Roles.Agent], InitialPassword = "Valid-password-123",
    };

    [Theory]
    [MemberData(nameof(InvalidUsers))]
    public async Task An_invalid_user_is_refused_with_a_field_error_and_nothing_stored(CreateUserCommand command, string field)
    {
        var admin = await _steps.CreateAdminAsync();
        var before = await app.QueryDbAsync(db => db.Users.CountAsync(TestContext.Current.CancellationToken));

        var refused = await Assert.ThrowsAsync<ValidationException>(() => _steps.SendAsync<UserView>(admin, command));

        Assert.Contains(refused.Errors, e => e.PropertyName == field);
        Assert.Equal(before, await app.QueryDbAsync(db => db.Users.CountAsync(TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task A_taken_email_address_in_any_case_is_one_plain_field_error()
    {
        var admin = await _steps.CreateAdminAsync();
        var email = NewEmail("taken");
        await _steps.SendAsync<UserView>(admin, Valid() with { Email = email });

        var refused = await Assert.ThrowsAsync<ValidationException>(() => _steps.SendAsync<UserView>(admin, Valid() with { Email = email.ToUpperInvariant() }));

        var error = Assert.Single(refused.Errors);
        Assert.Equal("Email", error.PropertyName);
        Assert.Equal("There is an account with this e-mail address already.", error.ErrorMessage);
    }

    [Fact]
    public async Task Renaming_changes_the_name_only_and_keeps_sessions()
    {
        var admin = await _steps.CreateAdminAsync();
        var agent = await app.CreateAgentAsync("Old Name");
        var before = await _steps.StoredUserAsync(agent.Id);

        var view = await _steps.SendAsync<UserView>(admin, new UpdateUserCommand { UserId = agent.Id, DisplayName = " New Name " });

        var after = await _steps.StoredUserAsync(agent.Id);
        Assert.Equal("New Name", after.DisplayName);
        Assert.Equal("New Name", view.DisplayName);
        Assert.Equal(before.SecurityStamp, after.SecurityStamp);
        Assert.Equal(["Agent"], await _steps.StoredRolesAsync(agent.Id));
    }

    [Fact]
    public async Task Changing_roles_replaces_them_and_renews_the_security_stamp()
    {
        var admin = await _steps.CreateAdminAsync();
        var agent = await app.CreateAgentAsync();
        var before = await _steps.StoredUserAsync(agent.Id);

        var view = await _steps.SendAsync<UserView>(admin, new UpdateUserCommand { UserId = agent.Id, Roles = [Roles.Supervisor, Roles.Supervisor] });

        Assert.Equal(["Supervisor"], await _steps.StoredRolesAsync(agent.Id));
        Assert.Equal(["Supervisor"], view.Roles);
        Assert.NotEqual(before.SecurityStamp, (await _steps.StoredUserAsync(agent.Id)).SecurityStamp);
    }

    [Fact]
    public async Task Disabling_sets_the_flag_and_renews_the_stamp_and_enabling_clears_the_flag()
    {
        var admin = await _steps.CreateAdminAsync();
        var agent = await app.CreateAgentAsync();
        var before = await _steps.StoredUserAsync(agent.Id);

        var disabled = await _steps.SendAsync<UserView>(admin, new UpdateUserCommand { UserId = agent.Id, Disabled = true });
        var whileDisabled = await _steps.StoredUserAsync(agent.Id);
        var enabled = await _steps.SendAsync<UserView>(admin, new UpdateUserCommand { UserId = agent.Id, Disabled = false });

        Assert.True(disabled.Disabled);
        Assert.True(whileDisabled.Disabled);
        Assert.NotEqual(before.SecurityStamp, whileDisabled.SecurityStamp);
        Assert.False(enabled.Disabled);
        Assert.False((await _steps.StoredUserAsync(agent.Id)).Disabled);
    }

    [Fact]
    public async Task An_administrator_can_neither_disable_themselves_nor_drop_their_own_admin_role()
    {
        var admin = await _steps.CreateAdminAsync();

        var disable = await Assert.ThrowsAsync<ValidationException>(() =>
            _steps.SendAsync<UserView>(admin, new UpdateUserCommand { UserId = admin.Id, Disabled = true }));
        var demote = await Assert.ThrowsAsync<ValidationException>(() =>
            _steps.SendAsync<UserView>(admin, new UpdateUserCommand { UserId = admin.Id, Roles = [Roles.Agent] }));

        Assert.Equal("Disabled", Assert.Single(disable.Errors).PropertyName);
        Assert.Equal("Roles", Assert.Single(demote.Errors).PropertyName);
        var stored = await _steps.StoredUserAsync(admin.Id);
        Assert.False(stored.Disabled);
        Assert.Equal(["Admin"], await _steps.StoredRolesAsync(admin.Id));
    }

    [Fact]
    public async Task An_unknown_user_is_not_found()
    {
        var admin = await _steps.CreateAdminAsync();

        await Assert.ThrowsAsync<ComplaintDesk.Application.Common.NotFoundException>(() =>
            _steps.SendAsync<UserView>(admin, new UpdateUserCommand { UserId = Guid.NewGuid().ToString(), Disabled = true }));
    }

    [Fact]
    public async Task Agents_and_supervisors_cannot_send_user_commands()
    {
        var agent = await app.CreateAgentAsync();
        var supervisor = await app.CreateSupervisorAsync();

        foreach (var who in new[] { agent, supervisor })
        {
            await Assert.ThrowsAsync<ActionForbiddenException>(() => _steps.SendAsync<UserView>(who, Valid()));
            await Assert.ThrowsAsync<ActionForbiddenException>(() =>
                _steps.SendAsync<UserView>(who, new UpdateUserCommand { UserId = who.Id, Roles = [Roles.Admin] }));
            await Assert.ThrowsAsync<ActionForbiddenException>(() => _steps.SendAsync<UserPage>(who, new ListUsersQuery()));
        }
        Assert.Equal(["Agent"], await _steps.StoredRolesAsync(agent.Id));
    }

    [Fact]
    public async Task The_list_pages_through_every_user_without_gaps_or_repeats_and_shows_roles()
    {
        var admin = await _steps.CreateAdminAsync();
        for (var i = 0; i < 4; i++)
        {
            await app.CreateUserAsync($"Paged {i}", Roles.Agent, Roles.Supervisor);
        }
        var total = await app.QueryDbAsync(db => db.Users.CountAsync(TestContext.Current.CancellationToken));

        var seen = new List<UserView>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await _steps.SendAsync<UserPage>(admin, new ListUsersQuery { Limit = 2, Cursor = cursor });
            Assert.True(page.Items.Count <= 2);
            seen.AddRange(page.Items);
            cursor = page.NextCursor;
            pages++;
        }
        while (cursor is not null && pages < 50);

        Assert.Equal(total, seen.Count);
        Assert.Equal(seen.Count, seen.Select(u => u.Id).Distinct().Count());
        Assert.All(seen.Where(u => u.DisplayName.StartsWith("Paged", StringComparison.Ordinal)), u => Assert.Equal(["Agent", "Supervisor"], u.Roles));
    }
    [Fact]
    public async Task A_reset_password_replaces_the_old_one_lifts_the_lockout_and_renews_the_stamp()
    {
        var admin = await _steps.CreateAdminAsync();
        var agent = await app.CreateAgentAsync();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
            var locked = await users.FindByIdAsync(agent.Id);
            await users.SetLockoutEndDateAsync(locked!, DateTimeOffset.UtcNow.AddMinutes(15));
        }
        var before = await _steps.StoredUserAsync(agent.Id);
        var password = AdminSteps.StrongPassword();

        await _steps.SendAsync<Unit>(admin, new ResetUserPasswordCommand { UserId = agent.Id, NewPassword = password });

        var after = await _steps.StoredUserAsync(agent.Id);
        Assert.Null(after.LockoutEnd);
        Assert.Equal(0, after.AccessFailedCount);
        Assert.NotEqual(before.SecurityStamp, after.SecurityStamp);
        await using var check = app.Services.CreateAsyncScope();
        var manager = check.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        Assert.True(await manager.CheckPasswordAsync(after, password));
        Assert.False(await manager.CheckPasswordAsync(after, ComplaintDeskApp.Password));
    }

    [Fact]
    public async Task A_weak_reset_password_is_a_field_error_and_the_old_password_stays()
    {
        var admin = await _steps.CreateAdminAsync();
        var agent = await app.CreateAgentAsync();
        var agentActor = agent.Actor;

        var weak = await Assert.ThrowsAsync<ValidationException>(() =>
            _steps.SendAsync<Unit>(admin, new ResetUserPasswordCommand { UserId = agent.Id, NewPassword = "weak" }));
        await Assert.ThrowsAsync<ActionForbiddenException>(() =>
            _steps.SendAsync<Unit>(agentActor, new ResetUserPasswordCommand { UserId = admin.Id, NewPassword = AdminSteps.StrongPassword() }));

        Assert.All(weak.Errors, e => Assert.Equal("NewPassword", e.PropertyName));
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        Assert.True(await users.CheckPasswordAsync(await _steps.StoredUserAsync(agent.Id), ComplaintDeskApp.Password));
        Assert.True(await users.CheckPasswordAsync(await _steps.StoredUserAsync(admin.Id), ComplaintDeskApp.Password));
    }
}
