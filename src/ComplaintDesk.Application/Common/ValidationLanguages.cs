using System.Globalization;
using FluentValidation.Resources;

namespace ComplaintDesk.Application.Common;

/// <summary>
/// FluentValidation ships its messages in zh-TW and zh-CN; our cultures are zh-Hant and zh-Hans, so map them.
/// Our own messages use WithMessage(_ => …) with resource lookups, which follow the same UI culture.
/// </summary>
public sealed class ValidationLanguages : LanguageManager
{
    public override string GetString(string key, CultureInfo? culture = null)
    {
        var ui = culture ?? CultureInfo.CurrentUICulture;
        var mapped = ui.Name switch
        {
            _ when ui.Name.StartsWith("zh-Hant", StringComparison.OrdinalIgnoreCase) => CultureInfo.GetCultureInfo("zh-TW"),
            _ when ui.Name.StartsWith("zh-Hans", StringComparison.OrdinalIgnoreCase) => CultureInfo.GetCultureInfo("zh-CN"),
            _ => ui,
        };
        return base.GetString(key, mapped);
    }
}
