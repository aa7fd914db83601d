using ComplaintDesk.Application.Identity;
using ComplaintDesk.Domain.Actors;
using ComplaintDesk.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ComplaintDesk.IntegrationTests.Localization.WorkspacePages;

/// <summary>
/// Staff who read the workspace in a language and a time zone of their own (<see cref="StaffUser.PreferredLanguage"/>,
/// <see cref="StaffUser.TimeZone"/>), set on the account as an administrator would, so the claims at sign-in carry them.
/// Display names are Chinese, as a Chinese-speaking team's are; the e-mail (ASCII for Identity) is made up.
/// </summary>
internal static class WorkspaceStaff
{
    public static async Task<TestUser> CreateAsync(ComplaintDeskApp app, string displayName, string language, string timeZone,
        params string[] roles)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var email = $"ws.{Guid.NewGuid():N}@test.example";
        var user = new StaffUser
        {
            UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName, PreferredLanguage = language, TimeZone = timeZone,
        };
        Check(await users.CreateAsync(user, ComplaintDeskApp.Password));
        foreach (var role in roles)
        {
            Check(await users.AddToRoleAsync(user, role));
        }
        var parties = Party.None;
        if (roles.Contains(Roles.Agent)) parties |= Party.Agent;
        if (roles.Contains(Roles.Supervisor)) parties |= Party.Agent | Party.Supervisor;
        if (roles.Contains(Roles.Admin)) parties |= Party.Admin;
        return new TestUser(user.Id, email, displayName, new Actor(user.Id, displayName, parties));
    }

    /// <summary>What the account holds now.</summary>
    public static Task<(string Language, string TimeZone)> PreferencesAsync(ComplaintDeskApp app, string userId) =>
        app.QueryDbAsync(async db =>
        {
            var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == userId, TestContext.Current.CancellationToken);
            return (user.PreferredLanguage, user.TimeZone);
        });

    private static void Check(IdentityResult result) =>
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
}
