using System.Text.RegularExpressions;
using ComplaintDesk.Application.Features.Replies;

namespace ComplaintDesk.Application.Features.Administration;

/// <summary>
/// The placeholders a reply template may use, for the editor's checks and its preview. Filling them in is
/// <see cref="TemplateRenderer"/>'s job — the same code the reply composer uses, so the preview shows what a
/// customer would read. Plain text in, plain text out: the page that shows it encodes it.
/// </summary>
public static partial class ReplyTemplatePlaceholders
{
    public static IReadOnlyList<string> All { get; } = ["customerName", "reference", "acknowledgeBy", "resolveBy", "agentFirstName", "statusLink"];

    /// <summary>What the administrator's preview fills in.</summary>
    public static TemplateValues Sample { get; } = new(
        "Mia Chen", "CD-2026-000123",
        new DateTimeOffset(2026, 11, 3, 9, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 7, 9, 0, 0, TimeSpan.Zero),
        "Alice", TemplateValues.StatusLinkComingSoon);

    /// <summary>Every {name} the body uses that the renderer would not fill — most likely a typo.</summary>
    public static IEnumerable<string> Unknown(string body) =>
        Placeholder().Matches(body).Select(m => m.Groups["name"].Value).Distinct().Where(name => !All.Contains(name));

    public static string Preview(string body) => TemplateRenderer.Render(body, Sample);

    /// <summary>The renderer's notion of a placeholder.</summary>
    [GeneratedRegex(@"\{(?<name>[A-Za-z]+)\}")]
    private static partial Regex Placeholder();
}
