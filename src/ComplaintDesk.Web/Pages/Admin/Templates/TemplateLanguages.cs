using ComplaintDesk.Domain.Customers;

namespace ComplaintDesk.Web.Pages.Admin.Templates;

/// <summary>
/// The languages a template can be written in, each named in itself; the views show the name in the reader's language
/// (the name is the AdminResource key: English → 英文, 简体中文 → 簡體中文 for a Traditional Chinese reader).
/// </summary>
public static class TemplateLanguages
{
    public static IReadOnlyList<(string Code, string Name)> Choices { get; } =
    [
        (Languages.English, "English"),
        (Languages.TraditionalChinese, "繁體中文"),
        (Languages.SimplifiedChinese, "简体中文"),
    ];

    public static string Name(string code) => Choices.FirstOrDefault(c => c.Code == code).Name ?? code;
}
