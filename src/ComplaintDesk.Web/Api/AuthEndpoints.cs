using ComplaintDesk.Application.Common;
using ComplaintDesk.Application.Identity;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using ComplaintDesk.Web.Identity;
using Microsoft.AspNetCore.Identity;

namespace ComplaintDesk.Web.Api;

public sealed record TokenRequest(string? Email, string? Password);

public static class AuthEndpoints
{
    /// <summary>POST /api/v1/auth/token: e-mail and password for a bearer token. One answer for every failure.</summary>
    public static void MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/auth/token", async Task<Results<SignInHttpResult, ProblemHttpResult>> (
            TokenRequest request, UserManager<StaffUser> users, SignInManager<StaffUser> signIn) =>
        {
            var user = string.IsNullOrWhiteSpace(request.Email) ? null : await users.FindByEmailAsync(request.Email);
            if (user is not null && !string.IsNullOrEmpty(request.Password))
            {
                var result = await signIn.CheckPasswordSignInAsync(user, request.Password, lockoutOnFailure: true);
                if (result.Succeeded)
                {
                    var principal = await signIn.CreateUserPrincipalAsync(user);
                    return TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme);
                }
            }
            else
            {
                UnknownAccount.SpendAPasswordCheck(users.PasswordHasher, request.Password);
            }
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, type: ProblemTypes.ForRule("invalid-credentials"),
                title: Texts.Get("Sign-in failed"), detail: Texts.Get("The e-mail or password is not right, or the account is locked."));
        })
        .AllowAnonymous()
        .RequireRateLimiting(SignInThrottle.Policy)
        .WithTags("Authentication")
        .WithName("CreateToken")
        .Produces<AccessTokenResponse>();
    }
}
