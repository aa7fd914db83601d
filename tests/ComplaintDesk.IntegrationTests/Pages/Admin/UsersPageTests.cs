using System.Net;
using ComplaintDesk.Application.Identity;
using ComplaintDesk.IntegrationTests.Features.Administration;
using ComplaintDesk.IntegrationTests.Infrastructure;
using ComplaintDesk.Web.Pages.Account;
using Microsoft.EntityFrameworkCore;

namespace ComplaintDesk.IntegrationTests.Pages.Admin;

public sealed class UsersPageTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>
{
    private readonly AdminSteps _steps = new(app);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<PageSession> AdminSessionAsync() => await PageSession.SignInAsync(app, await app.CreateUserAsync("Page Admin", Roles.Admin));

    [Fact]
    public async Task An_administrator_creates_a_user_through_the_form_and_that_person_signs_in()
    {
        using var admin = await AdminSessionAsync();
        var form = await admin.GetPageAsync("/Admin/Users/New");
        var email = $"chen.{Guid.NewGuid():N}@staff.example";
        var password = AdminSteps.StrongPassword();

        using var created = await admin.SubmitAsync(form, "Create user", new()
        {
            ["E-mail"] = email, ["Display name"] = "Chen Mei", ["Supervisor"] = "on", ["Initial password"] = password,
            ["Language"] = "zh-Hant", ["Time zone"] = "Asia/Taipei",
        });
        var list = await admin.FollowAsync(created);

        Assert.Contains($"Chen Mei ({email}) can sign in now", list.Document.QuerySelector("[data-testid=status]")!.TextContent);
        var row = list.Document.QuerySelectorAll("[data-testid=user-row]").Single(r => r.TextContent.Contains(email, StringComparison.Ordinal));
        Assert.Contains("Supervisor", row.TextContent);
        Assert.Contains("Active", row.TextContent);
        var stored = await app.QueryDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Email == email, Ct));
        Assert.Equal(("zh-Hant", "Asia/Taipei"), (stored.PreferredLanguage, stored.TimeZone));
        Assert.Equal(["Supervisor"], await _steps.StoredRolesAsync(stored.Id));

        using var newcomer = PageSession.Anonymous(app);
        using var signedIn = await newcomer.SignInAsync(email, password);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
    }

    [Fact]
    public async Task A_refused_user_shows_field_errors_keeps_the_typing_and_never_echoes_the_password()
    {
        using var admin = await AdminSessionAsync();
        var existing = await app.CreateAgentAsync();
        var form = await admin.GetPageAsync("/Admin/Users/New");

        using var taken = await admin.SubmitAsync(form, "Create user", new()
        {
            ["E-mail"] = existing.Email, ["Display name"] = "<script>alert(1)</script>", ["Initial password"] = AdminSteps.StrongPassword(),
        });
        var takenPage = await HtmlPage.ReadAsync(taken);
        using var weak = await admin.SubmitAsync(form, "Create user", new()
        {
            ["E-mail"] = $"weak.{Guid.NewGuid():N}@staff.example", ["Display name"] = "Weak Password", ["Initial password"] = "short",
        });
        var weakPage = await HtmlPage.ReadAsync(weak);

        Assert.Equal(HttpStatusCode.OK, taken.StatusCode);
        Assert.Equal("There is an account with this e-mail address already.", takenPage.FieldError("Command.Email"));
        Assert.Equal("<script>alert(1)</script>", takenPage.FieldValue("Command.DisplayName"));
        Assert.Empty(takenPage.Document.QuerySelectorAll("main script"));
        Assert.NotEmpty(weakPage.FieldError("Command.InitialPassword"));
        Assert.All(new[] { takenPage, weakPage }, page => Assert.Equal("", page.FieldValue("Command.InitialPassword")));
    }

    [Fact]
    public async Task Roles_and_name_are_changed_on_the_edit_page()
    {
        using var admin = await AdminSessionAsync();
        var agent = await app.CreateAgentAsync("Edit Me");
        var edit = await admin.GetPageAsync($"/Admin/Users/Edit/{agent.Id}");
        Assert.Equal("Edit Me", edit.FieldValue("DisplayName"));

        using var saved = await admin.PostAsync($"/Admin/Users/Edit/{agent.Id}",
        [
            new("DisplayName", "Edited"), new("Roles", "Agent"), new("Roles", "Supervisor"),
            new("__RequestVerificationToken", edit.AntiforgeryToken("Save changes")),
        ]);
        var after = await admin.FollowAsync(saved);

        Assert.Equal("Saved.", after.Document.QuerySelector("[data-testid=status]")!.TextContent.Trim());
        Assert.Equal("Edited", after.Heading);
        Assert.Equal(["Agent", "Supervisor"], await _steps.StoredRolesAsync(agent.Id));

        using var noRoles = await admin.PostAsync($"/Admin/Users/Edit/{agent.Id}",
            [new("DisplayName", "Edited"), new("__RequestVerificationToken", after.AntiforgeryToken("Save changes"))]);
        var refused = await HtmlPage.ReadAsync(noRoles);
        Assert.Equal("Choose at least one role.", refused.FieldError("Roles"));
        Assert.Equal(["Agent", "Supervisor"], await _steps.StoredRolesAsync(agent.Id));
    }

    [Fact]
    public async Task An_administrator_sees_no_disable_button_for_themselves_and_keeps_their_session_after_changing_their_own_roles()
    {
        var adminUser = await app.CreateUserAsync("Self Editor", Roles.Admin);
        using var admin = await PageSession.SignInAsync(app, adminUser);
        var edit = await admin.GetPageAsync($"/Admin/Users/Edit/{adminUser.Id}");

        Assert.DoesNotContain("Disable account", edit.Buttons);
        using var saved = await admin.SubmitAsync(edit, "Save changes", new() { ["Agent"] = "on" }); // ticks Agent only: Admin is refused…
        var refused = await HtmlPage.ReadAsync(saved);
        Assert.Equal("You cannot take the Admin role from yourself.", refused.FieldError("Roles"));

        using var added = await admin.PostAsync($"/Admin/Users/Edit/{adminUser.Id}",
        [
            new("DisplayName", "Self Editor"), new("Roles", "Agent"), new("Roles", "Admin"),
            new("__RequestVerificationToken", edit.AntiforgeryToken("Save changes")),
        ]);
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        // The stamp changed with the roles, and this session was signed in again: it goes on, now also as an agent.
        using var queue = await admin.GetAsync("/Complaints/New");
        Assert.Equal(HttpStatusCode.OK, queue.StatusCode);
    }

    [Fact]
    public async Task Disabling_from_the_list_signs_the_person_out_on_every_instance_at_the_next_request_and_sign_in_refuses_them()
    {
        using var admin = await AdminSessionAsync();
        var agent = await app.CreateAgentAsync("Soon Disabled");
        var first = app.CreateClient(AdminPageSteps.NoCookieJar);
        var cookie = await AdminPageSteps.SignInCookieAsync(first, agent.Email);
        await using var secondInstance = app.WithWebHostBuilder(_ => { });
        var second = secondInstance.CreateClient(AdminPageSteps.NoCookieJar);
        using (var before = await AdminPageSteps.GetWithCookieAsync(second, "/Complaints", cookie))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        var list = await admin.GetPageAsync("/Admin/Users");
        while (!list.Document.QuerySelectorAll("[data-testid=user-row]").Any(r => r.TextContent.Contains(agent.Email, StringComparison.Ordinal)))
        {
            list = await admin.GetPageAsync(list.Link("Next page").GetAttribute("href")!);
        }
        using var disabled = await admin.SubmitAsync(list, $"Disable {agent.Email}");
        var after = await admin.FollowAsync(disabled);

        Assert.Contains("Soon Disabled is disabled", after.Document.QuerySelector("[data-testid=status]")!.TextContent);
        using var onSecond = await AdminPageSteps.GetWithCookieAsync(second, "/Complaints", cookie);
        using var onFirst = await AdminPageSteps.GetWithCookieAsync(first, "/Complaints", cookie);
        foreach (var response in new[] { onSecond, onFirst })
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQueryOf());
            Assert.Equal("ComplaintDesk.Auth=", AdminPageSteps.AuthCookie(response)); // the stale cookie is deleted
        }

        using var again = PageSession.Anonymous(app);
        var refused = await HtmlPage.ReadAsync(await again.SignInAsync(agent.Email, ComplaintDeskApp.Password));
        Assert.Contains(LoginModel.FailedMessage, refused.Text);
    }
    [Fact]
    public async Task A_new_password_set_on_the_edit_page_lets_a_locked_out_person_sign_in_again()
    {
        using var admin = await AdminSessionAsync();
        var agent = await app.CreateAgentAsync();
        using var person = PageSession.Anonymous(app);
        for (var i = 0; i < 5; i++)
        {
            using var wrong = await person.SignInAsync(agent.Email, $"Wrong-password-{i}");
        }
        var edit = await admin.GetPageAsync($"/Admin/Users/Edit/{agent.Id}");
        Assert.Contains("Locked after failed sign-ins", edit.Text);
        var password = AdminSteps.StrongPassword();

        using var weak = await admin.SubmitAsync(edit, "Set password", new() { ["New password"] = "weak" });
        var refused = await HtmlPage.ReadAsync(weak);
        var done = await admin.FollowAsync(await admin.SubmitAsync(edit, "Set password", new() { ["New password"] = password }));

        Assert.NotEmpty(refused.FieldError("NewPassword"));
        Assert.Equal("", refused.FieldValue("NewPassword"));
        Assert.StartsWith("The new password is set", done.Document.QuerySelector("[data-testid=status]")!.TextContent.Trim());
        Assert.DoesNotContain("Locked after failed sign-ins", done.Text);
        using var signedIn = await person.SignInAsync(agent.Email, password);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
    }
}
