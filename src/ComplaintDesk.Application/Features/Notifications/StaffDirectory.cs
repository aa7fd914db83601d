using ComplaintDesk.Application.Identity;
using ComplaintDesk.Application.Persistence;

namespace ComplaintDesk.Application.Features.Notifications;

/// <summary>Who hears of what: the active holders of a role, and the language each reads.</summary>
public static class StaffDirectory
{
    /// <summary>A bound, not a page: supervisors and administrators are a handful.</summary>
    public const int MaxRecipients = 500;

    /// <summary>Active holders of <paramref name="roleName"/>: the role, and not disabled.</summary>
    public static IQueryable<string> InRole(ComplaintDeskDbContext db, string roleName) => (
            from user in db.Users
            join userRole in db.UserRoles on user.Id equals userRole.UserId
            join role in db.Roles on userRole.RoleId equals role.Id
            where role.Name == roleName && !user.Disabled
            select user.Id)
        .Distinct()
        .OrderBy(id => id)
        .Take(MaxRecipients);

    /// <summary>Each recipient reads a notification in their own language, whatever the sender's.</summary>
    public static IQueryable<RecipientLanguage> Languages(ComplaintDeskDbContext db, IReadOnlyCollection<string> recipients) =>
        db.Users.Where(u => recipients.Contains(u.Id)).Select(u => new RecipientLanguage(u.Id, u.PreferredLanguage));

    public static IQueryable<string> Supervisors(ComplaintDeskDbContext db) => InRole(db, Roles.Supervisor);

    public static IQueryable<string> Administrators(ComplaintDeskDbContext db) => InRole(db, Roles.Admin);
}

public sealed record RecipientLanguage(string Id, string Language);
