using ComplaintDesk.Application.Identity;
using ComplaintDesk.Domain.Actors;
using ComplaintDesk.IntegrationTests.Infrastructure;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ComplaintDesk.IntegrationTests.Features.Administration;

/// <summary>Slice-test steps for administration: an administrator, commands sent as them, the user row as stored.</summary>
public sealed class AdminSteps(ComplaintDeskApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public Task<TestUser> CreateAdminAsync(string name = "Ada Admin") => app.CreateUserAsync(name, Roles.Admin);

    public Task<T> SendAsync<T>(TestUser by, IMessage message) => app.SendAsync<T>(by.Actor, message);

    public Task<T> SendAsync<T>(Actor actor, IMessage message) => app.SendAsync<T>(actor, message);

    public Task<StaffUser> StoredUserAsync(string id) =>
        app.QueryDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == id, Ct));

    public Task<List<string>> StoredRolesAsync(string id) =>
        app.QueryDbAsync(db => (
                from userRole in db.UserRoles
                join role in db.Roles on userRole.RoleId equals role.Id
                where userRole.UserId == id
                select role.Name!)
            .OrderBy(n => n).ToListAsync(Ct));

    /// <summary>A password that passes Identity's rules: 12+ characters, upper, lower, digit, symbol.</summary>
    public static string StrongPassword() => $"Initial-{Guid.NewGuid():N}"[..20] + "A1!";
}
