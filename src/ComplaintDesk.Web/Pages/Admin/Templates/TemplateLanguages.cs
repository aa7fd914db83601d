using ComplaintDesk.Domain.Customers;

namespace ComplaintDesk.Web.Pages.Admin.Templates;

/// <summary>The languages a template can be written in, each named in itself.</summary>
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
