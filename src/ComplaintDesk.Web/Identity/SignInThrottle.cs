using ComplaintDesk.Web.Hosting;

namespace ComplaintDesk.Web.Identity;

/// <summary>
/// Per-address throttle on the two sign-in doors, on top of Identity's per-account lockout: one address cannot try
/// many accounts quickly. Per instance (in memory): with N instances an address gets at most N times the budget,
/// which still stops a scripted attack; the per-account lockout is shared through the database.
/// </summary>
public static class SignInThrottle
{
    public const string Policy = "sign-in";

    public static IServiceCollection AddSignInThrottle(this IServiceCollection services, IConfiguration configuration) =>
        services.AddPerAddressLimit(Policy, configuration.GetValue("SignIn:AttemptsPerMinute", 20));
}
