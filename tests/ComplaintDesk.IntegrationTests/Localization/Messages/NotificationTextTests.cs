using System.Globalization;
using ComplaintDesk.Application.Features.Notifications;
using ComplaintDesk.Domain.Complaints;
using ComplaintDesk.Domain.Notifications;

namespace ComplaintDesk.IntegrationTests.Localization.Messages;

/// <summary>
/// A notification's words are chosen by its recipient's language, not by the culture of the request that causes it:
/// an English-speaking agent's request composes a Simplified Chinese text for a zh-Hans supervisor, and the other way
/// round. (The interceptor passes each recipient's <c>PreferredLanguage</c>.)
/// </summary>
public sealed class NotificationTextTests
{
    private static readonly NotificationFacts Alert = new("CD-2026-000042", "Andy English")
    {
        Phrases = ["律师", "lawyer"], Severity = Severity.High, RiskFlag = true,
    };

    [Theory]
    [InlineData("zh-Hans", "en", NotificationKind.KeywordAlert, "CD-2026-000042 触发关键词警报：“律师”、“lawyer”。严重程度现为“高”，并已标记风险。")]
    [InlineData("zh-Hant", "en", NotificationKind.KeywordAlert, "CD-2026-000042 觸發關鍵字警示：「律师」、「lawyer」。嚴重程度現為「高」，並已標記風險。")]
    [InlineData("en", "zh-Hans", NotificationKind.KeywordAlert,
        "Keyword alert on CD-2026-000042: \"律师\", \"lawyer\". Severity is now High and the case carries a risk flag.")]
    [InlineData("zh-Hans", "en", NotificationKind.Assigned, "Andy English 将 CD-2026-000042 分配给您。")]
    [InlineData("zh-Hant", "zh-Hans", NotificationKind.Assigned, "Andy English 將 CD-2026-000042 指派給您。")]
    [InlineData("zh-Hans", "en", NotificationKind.EscalationRequested, "Andy English 将 CD-2026-000042 升级，需要主管决定：Customer is angry.")]
    [InlineData("zh-Hant", "en", NotificationKind.EscalationRequested, "Andy English 將 CD-2026-000042 升級，需要主管決定：Customer is angry.")]
    [InlineData("fr", "zh-Hant", NotificationKind.Assigned, "Andy English assigned CD-2026-000042 to you.")]
    public void The_recipients_language_chooses_the_words_whatever_the_senders(string recipient, string sender, NotificationKind kind, string expected)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(sender);
        try
        {
            var facts = kind == NotificationKind.EscalationRequested ? Alert with { Reason = "Customer is angry." } : Alert;
            Assert.Equal(expected, NotificationText.Compose(kind, facts, recipient));
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
