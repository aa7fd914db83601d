using ComplaintDesk.Application.Identity;
using ComplaintDesk.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace ComplaintDesk.IntegrationTests.Localization.AdminPages;

/// <summary>
/// Staff who read the workspace in a chosen language: <see cref="StaffUser.PreferredLanguage"/> set when the account is
/// made, as an administrator would set it, so the language claim at sign-in carries it. Names may be Chinese (the
/// e-mail address, which Identity restricts to ASCII, is made up separately).
/// </summary>
internal static class ChineseStaff
{
    public static async Task<TestUser> CreateAsync(ComplaintDeskApp app, string displayName, string language, params string[] roles)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var email = $"staff.{Guid.NewGuid():N}@test.example";
        var user = new StaffUser
        {
            UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName, PreferredLanguage = language,
            TimeZone = language == "zh-Hans" ? "Asia/Shanghai" : "Asia/Taipei",
        };
        Check(await users.CreateAsync(user, ComplaintDeskApp.Password));
        foreach (var role in roles)
        {
            Check(await users.AddToRoleAsync(user, role));
        }
        var parties = Domain.Actors.Party.None;
        if (roles.Contains(Roles.Agent)) parties |= Domain.Actors.Party.Agent;
        if (roles.Contains(Roles.Supervisor)) parties |= Domain.Actors.Party.Agent | Domain.Actors.Party.Supervisor;
        if (roles.Contains(Roles.Admin)) parties |= Domain.Actors.Party.Admin;
        return new TestUser(user.Id, email, displayName, new Domain.Actors.Actor(user.Id, displayName, parties));
    }

    private static void Check(IdentityResult result) =>
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
}
