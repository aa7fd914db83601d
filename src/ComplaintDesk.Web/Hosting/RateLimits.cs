using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace ComplaintDesk.Web.Hosting;

/// <summary>
/// The one shape of throttle the app uses (the sign-in doors, the customer's pages): so many requests a minute per
/// client address, in memory per instance. Every refusal, whichever policy made it, is a 429 saying when to come back.
/// </summary>
public static class RateLimits
{
    public static IServiceCollection AddPerAddressLimit(this IServiceCollection services, string policy, int permitsPerMinute) =>
        services.AddRateLimiter(options =>
        {
            // Set by each policy alike (the same values), so no policy depends on another being registered.
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = AddRetryAfter;
            options.AddPolicy(policy, PerAddress(permitsPerMinute));
        });

    /// <summary>A fixed window of one minute per client address; nothing queues.</summary>
    public static Func<HttpContext, RateLimitPartition<string>> PerAddress(int permitsPerMinute) => context =>
        RateLimitPartition.GetFixedWindowLimiter(
            context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = permitsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });

    private static ValueTask AddRetryAfter(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
        context.HttpContext.Response.Headers.RetryAfter =
            Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return ValueTask.CompletedTask;
    }
}
