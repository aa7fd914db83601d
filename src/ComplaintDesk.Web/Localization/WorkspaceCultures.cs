using System.Globalization;
using System.Security.Claims;
using ComplaintDesk.Domain.Customers;
using Microsoft.AspNetCore.Localization;

namespace ComplaintDesk.Web.Localization;

/// <summary>The workspace speaks English, Traditional Chinese and Simplified Chinese; a signed-in user's choice wins.</summary>
public static class WorkspaceCultures
{
    public const string LanguageClaim = "language";
    public const string TimeZoneClaim = "time_zone";

    public static IReadOnlyList<CultureInfo> Supported { get; } = Languages.All.Select(CultureInfo.GetCultureInfo).ToList();

    public static RequestLocalizationOptions Options()
    {
        var options = new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(Languages.English),
            SupportedCultures = Supported.ToList(),
            SupportedUICultures = Supported.ToList(),
            // zh-TW → zh-Hant and zh-CN → zh-Hans through the parent culture chain.
            FallBackToParentCultures = true,
            FallBackToParentUICultures = true,
        };
        options.RequestCultureProviders =
        [
            new UserLanguageProvider(),
            new CookieRequestCultureProvider(),
            new AcceptLanguageHeaderRequestCultureProvider(),
        ];
        return options;
    }

    /// <summary>The language the signed-in user chose (a claim in their cookie or token).</summary>
    private sealed class UserLanguageProvider : RequestCultureProvider
    {
        public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
        {
            var language = httpContext.User.FindFirstValue(LanguageClaim);
            return Task.FromResult(string.IsNullOrEmpty(language) ? null : new ProviderCultureResult(language));
        }
    }
}
