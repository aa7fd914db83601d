using System.Security.Claims;
using ComplaintDesk.Application.Common;
using ComplaintDesk.Application.Identity;
using ComplaintDesk.Domain.Actors;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace ComplaintDesk.Web.Identity;

/// <summary>The signed-in user as the domain sees them: id, name to show, and the parties their roles make them.</summary>
public sealed class HttpCurrentActor(IHttpContextAccessor accessor) : ICurrentActor
{
    public Actor Actor => FromPrincipal(accessor.HttpContext?.User);

    public static Actor FromPrincipal(ClaimsPrincipal? user)
    {
        if (user?.Identity?.IsAuthenticated != true)
        {
            return new Actor(null, "Anonymous", Party.None);
        }
        var parties = Party.None;
        if (user.IsInRole(Roles.Agent)) parties |= Party.Agent;
        if (user.IsInRole(Roles.Supervisor)) parties |= Party.Agent | Party.Supervisor; // a supervisor can do what an agent does
        if (user.IsInRole(Roles.Admin)) parties |= Party.Admin;
        var name = user.FindFirstValue(StaffClaims.DisplayName) ?? user.Identity.Name ?? "Staff";
        return new Actor(user.FindFirstValue(ClaimTypes.NameIdentifier), name, parties);
    }
}

public static class StaffPrincipal
{
    /// <summary>Agents and supervisors handle cases; the one reading of that rule for pages (the domain enforces it).</summary>
    public static bool HandlesCases(this ClaimsPrincipal user) => HttpCurrentActor.FromPrincipal(user).Is(Party.Agent | Party.Supervisor);
}

public static class StaffClaims
{
    public const string DisplayName = "display_name";
}

/// <summary>Puts the display name into the cookie and the bearer token, so no request has to look it up.</summary>
public sealed class StaffClaimsPrincipalFactory(UserManager<StaffUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<StaffUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(StaffUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(StaffClaims.DisplayName, user.DisplayName));
        identity.AddClaim(new Claim(Localization.WorkspaceCultures.LanguageClaim, user.PreferredLanguage));
        identity.AddClaim(new Claim(Localization.WorkspaceCultures.TimeZoneClaim, user.TimeZone));
        return identity;
    }
}

public static class Policies
{
    /// <summary>Anyone on the staff: agents, supervisors, administrators (reading).</summary>
    public const string Staff = "Staff";
    /// <summary>Those who handle cases: agents and supervisors.</summary>
    public const string CaseHandler = "CaseHandler";
    public const string Supervisor = "Supervisor";
    public const string Admin = "Admin";
}
