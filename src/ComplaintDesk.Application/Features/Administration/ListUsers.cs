using ComplaintDesk.Application.Common;
using ComplaintDesk.Application.Identity;
using ComplaintDesk.Application.Persistence;
using ComplaintDesk.Domain;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ComplaintDesk.Application.Features.Administration;

public sealed record UserView(
    string Id, string Email, string DisplayName, IReadOnlyList<string> Roles, bool Disabled,
    string PreferredLanguage, string TimeZone, DateTimeOffset? LockedOutUntil);

public sealed record UserPage(IReadOnlyList<UserView> Items, string? NextCursor);

/// <summary>Staff accounts by e-mail address, a page at a time (keyset on the unique user name: no OFFSET).</summary>
public sealed record ListUsersQuery : IQuery<UserPage>
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public int? Limit { get; init; }
    /// <summary>The <see cref="UserPage.NextCursor"/> of the page before.</summary>
    public string? Cursor { get; init; }
}

public sealed class ListUsersValidator : AbstractValidator<ListUsersQuery>
{
    public ListUsersValidator()
    {
        RuleFor(q => q.Limit).InclusiveBetween(1, ListUsersQuery.MaxLimit);
        RuleFor(q => q.Cursor).MaximumLength(FieldLengths.Email);
    }
}

public sealed class ListUsersHandler(ComplaintDeskDbContext db, ICurrentActor currentActor, TimeProvider clock)
    : IQueryHandler<ListUsersQuery, UserPage>
{
    public async ValueTask<UserPage> Handle(ListUsersQuery query, CancellationToken cancellationToken)
    {
        Administrators.EnsureAdmin(currentActor.Actor);
        var users = db.Users.AsNoTracking();
        if (!string.IsNullOrEmpty(query.Cursor))
        {
            users = users.Where(u => string.Compare(u.NormalizedUserName, query.Cursor) > 0);
        }
        var limit = query.Limit ?? ListUsersQuery.DefaultLimit;
        var rows = await users.OrderBy(u => u.NormalizedUserName).Take(limit + 1).ToListAsync(cancellationToken);
        var page = rows.Take(limit).ToList();
        var views = await UserViews.ForAsync(db, page, clock.GetUtcNow(), cancellationToken);
        return new UserPage(views, rows.Count > limit ? page[^1].NormalizedUserName : null);
    }
}

/// <summary>One user, as the edit page and the API's Location show it.</summary>
public sealed record GetUserQuery(string UserId) : IQuery<UserView>;

public sealed class GetUserHandler(ComplaintDeskDbContext db, ICurrentActor currentActor, TimeProvider clock) : IQueryHandler<GetUserQuery, UserView>
{
    public async ValueTask<UserView> Handle(GetUserQuery query, CancellationToken cancellationToken)
    {
        Administrators.EnsureAdmin(currentActor.Actor);
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == query.UserId, cancellationToken)
            ?? throw new NotFoundException("User", query.UserId);
        return (await UserViews.ForAsync(db, [user], clock.GetUtcNow(), cancellationToken))[0];
    }
}

internal static class UserViews
{
    /// <summary>The roles of all <paramref name="users"/> in one query, not one per user.</summary>
    public static async Task<IReadOnlyList<UserView>> ForAsync(ComplaintDeskDbContext db, IReadOnlyList<StaffUser> users, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var ids = users.Select(u => u.Id).ToList();
        var roles = await (
                from userRole in db.UserRoles
                join role in db.Roles on userRole.RoleId equals role.Id
                where ids.Contains(userRole.UserId)
                select new { userRole.UserId, role.Name })
            .ToListAsync(cancellationToken);
        var byUser = roles.ToLookup(r => r.UserId, r => r.Name!);
        return users.Select(u => new UserView(
                u.Id, u.Email ?? u.UserName ?? "", u.DisplayName,
                Roles.All.Where(r => byUser[u.Id].Contains(r)).ToList(), // in the one fixed order: Agent, Supervisor, Admin
                u.Disabled, u.PreferredLanguage, u.TimeZone,
                u.LockoutEnd > now ? u.LockoutEnd : null))
            .ToList();
    }
}
