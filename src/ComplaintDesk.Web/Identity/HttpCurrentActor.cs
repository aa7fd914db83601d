using System.Security.Claims;
using ComplaintDesk.Application.Common;
using ComplaintDesk.Application.Identity;
using ComplaintDesk.Domain.Actors;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace ComplaintDesk.Web.Identity;

/// <summary>
/// The signed-in user as the domain sees them: id, name to show, and the parties their roles make them. On the
/// customer's status page, a request without a staff sign-in acts as the customer whose link the page resolved
/// (<see cref="UseCustomer"/>); nothing else can make a request the customer.
/// </summary>
public sealed class HttpCurrentActor(IHttpContextAccessor accessor) : ICurrentActor
{
    private const string CustomerKey = "ComplaintDesk.CustomerActor";

    public Actor Actor => accessor.HttpContext is { } http && http.User.Identity?.IsAuthenticated != true
                          && http.Items.TryGetValue(CustomerKey, out var customer) && customer is Actor { Parties: Party.Customer } actor
        ? actor
        : FromPrincipal(accessor.HttpContext?.User);

    /// <summary>
    /// Called by the status page once a token resolved: the rest of this request acts as <paramref name="customer"/>.
    /// Staff signed in keep acting as themselves (they record the customer's answer as staff).
    /// </summary>
    public static void UseCustomer(HttpContext http, Actor customer)
    {
        if (!customer.Is(Party.Customer) || customer.UserId is not null)
        {
            throw new ArgumentException("Only a customer actor acts through a status link.", nameof(customer));
        }
        http.Items[CustomerKey] = customer;
    }

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
