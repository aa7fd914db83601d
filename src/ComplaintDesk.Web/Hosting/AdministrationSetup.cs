using System.Security.Claims;
using ComplaintDesk.Application.Identity;
using ComplaintDesk.Web.Api;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ComplaintDesk.Web.Hosting;

/// <summary>Services and endpoints of the Administration area, kept out of Program.cs.</summary>
public static class AdministrationSetup
{
    public static IServiceCollection AddAdministrationArea(this IServiceCollection services, IConfiguration configuration)
    {
        // Replaces the SignInManager registered by AddSignInManager(): the login page and the token endpoint both ask it.
        services.Replace(ServiceDescriptor.Scoped<SignInManager<StaffUser>, StaffSignInManager>());
        return services;
    }

    /// <summary>Runs after authentication and before authorization.</summary>
    public static WebApplication UseAdministrationArea(this WebApplication app)
    {
        app.UseMiddleware<CurrentAccountCheck>();
        app.MapAdministrationEndpoints();
        return app;
    }
}

/// <summary>
/// A disabled account cannot sign in, by either door (the login page's PasswordSignInAsync and the token endpoint's
/// CheckPasswordSignInAsync both ask <see cref="CanSignInAsync"/> first). They answer "not allowed", which both doors
/// show with the same words as a wrong password.
/// </summary>
public sealed class StaffSignInManager(
    UserManager<StaffUser> userManager, IHttpContextAccessor contextAccessor, IUserClaimsPrincipalFactory<StaffUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor, ILogger<SignInManager<StaffUser>> logger, IAuthenticationSchemeProvider schemes,
    IUserConfirmation<StaffUser> confirmation)
    : SignInManager<StaffUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(StaffUser user) => !user.Disabled && await base.CanSignInAsync(user);
}

/// <summary>
/// Makes "disable" and "sign out everywhere" take effect on the very next request, on every instance: each request
/// that carries a cookie or a bearer token is checked against the user's row — it must exist, not be disabled, and
/// still have the security stamp the cookie or token was issued with (disabling, a role change and a new password
/// all renew it). One primary-key read per signed-in request and no cache beyond the request, so no instance can
/// hold a stale answer. A stale cookie is signed out and the request goes on anonymous (pages then send the person
/// to the sign-in page); a stale bearer token is a 401 problem, like any invalid token.
/// </summary>
public sealed class CurrentAccountCheck(RequestDelegate next, IOptions<IdentityOptions> identityOptions, ILogger<CurrentAccountCheck> logger)
{
    private readonly ClaimsIdentityOptions _claims = identityOptions.Value.ClaimsIdentity;

    public async Task InvokeAsync(HttpContext context, AccountStates accounts)
    {
        var checkedThisRequest = new Dictionary<string, AccountState?>(StringComparer.Ordinal);

        if (context.User.Identity?.IsAuthenticated == true && !await IsCurrentAsync(context.User, accounts, checkedThisRequest, context.RequestAborted))
        {
            await context.SignOutAsync(IdentityConstants.ApplicationScheme);
            context.User = new ClaimsPrincipal(new ClaimsIdentity());
        }

        if (context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            // The API's policies authenticate this scheme again later; the handler keeps this result for the request.
            var bearer = await context.AuthenticateAsync(IdentityConstants.BearerScheme);
            if (bearer.Succeeded && !await IsCurrentAsync(bearer.Principal, accounts, checkedThisRequest, context.RequestAborted))
            {
                await RefuseTokenAsync(context);
                return;
            }
        }

        await next(context);
    }

    private async Task<bool> IsCurrentAsync(ClaimsPrincipal principal, AccountStates accounts,
        Dictionary<string, AccountState?> checkedThisRequest, CancellationToken cancellationToken)
    {
        var userId = principal.FindFirstValue(_claims.UserIdClaimType);
        var stamp = principal.FindFirstValue(_claims.SecurityStampClaimType);
        if (string.IsNullOrEmpty(userId) || string.IsNullOrEmpty(stamp))
        {
            return false;
        }
        if (!checkedThisRequest.TryGetValue(userId, out var account))
        {
            account = await accounts.FindAsync(userId, cancellationToken);
            checkedThisRequest[userId] = account;
        }
        var current = account is { Disabled: false } && string.Equals(account.SecurityStamp, stamp, StringComparison.Ordinal);
        if (!current)
        {
            logger.LogInformation("Refused the credentials of user {UserId}: {Reason}", userId,
                account is null ? "no such user" : account.Disabled ? "disabled" : "signed out by a security change");
        }
        return current;
    }

    /// <summary>The same answer as for a token that was never valid: 401, problem+json, type /problems/unauthenticated.</summary>
    private static async Task RefuseTokenAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = "Bearer";
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = StatusCodes.Status401Unauthorized, Type = ProblemTypes.Unauthenticated },
        });
    }
}
