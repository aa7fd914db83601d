using System.Globalization;
using System.Linq.Expressions;
using System.Reflection;
using System.Text.RegularExpressions;
using FluentValidation.Internal;
using FluentValidation.Resources;

namespace ComplaintDesk.Application.Common;

/// <summary>
/// FluentValidation ships its messages in zh-TW and zh-CN; our cultures are zh-Hant and zh-Hans, so map them.
/// Our own messages use WithMessage(_ => …) with resource lookups (<see cref="Texts"/>), which follow the same UI culture.
/// </summary>
public sealed partial class ValidationLanguages : LanguageManager
{
    public ValidationLanguages()
    {
        // FluentValidation's Chinese says 不能為Null: a word no reader of a Chinese page should meet.
        AddTranslation("zh-TW", "NotNullValidator", "'{PropertyName}' 不能為空。");
        AddTranslation("zh-TW", "NullValidator", "'{PropertyName}' 必須為空。");
        AddTranslation("zh-CN", "NotNullValidator", "'{PropertyName}' 不能为空。");
        AddTranslation("zh-CN", "NullValidator", "'{PropertyName}' 必须为空。");
    }

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

    /// <summary>
    /// The field name FluentValidation's own messages quote ('Display Name' 不能為空), in the reader's language: the key
    /// is the property path in words ("Customer.Name" → "Customer Name"). English, and a name without a translation,
    /// stay FluentValidation's own (null). Resolved when a message is made, so the request's culture counts.
    /// For <c>ValidatorOptions.Global.DisplayNameResolver</c>.
    /// </summary>
    public static string? DisplayName(Type type, MemberInfo? member, LambdaExpression? expression)
    {
        var culture = CultureInfo.CurrentUICulture;
        if (member is null || Texts.IsEnglish(culture))
        {
            return null;
        }
        var path = expression is null ? member.Name : PropertyChain.FromExpression(expression).ToString();
        var key = string.Join(' ', path.Split('.').Select(segment => WordStart().Replace(segment, " $1")));
        var translated = Texts.Get(key, culture);
        return translated == key ? null : translated;
    }

    /// <summary>An upper-case letter after a lower-case letter or digit starts a word: "DisplayName" → "Display Name".</summary>
    [GeneratedRegex("(?<=[a-z0-9])([A-Z])")]
    private static partial Regex WordStart();
}
