using System.Globalization;
using System.Net;
using System.Text;
using ComplaintDesk.Application.Common;
using ComplaintDesk.Application.Features.StatusLinks;
using ComplaintDesk.Domain.Compensation;
using ComplaintDesk.Domain.Customers;
using ComplaintDesk.Domain.Notifications;
using static ComplaintDesk.Application.Features.Outbox.MessageLayout;

namespace ComplaintDesk.Application.Features.Outbox;

/// <summary>What a customer-facing message is about, as facts; <see cref="CustomerMessages.Compose"/> turns them into words.</summary>
public sealed record CustomerMessageFacts(string Reference, string CustomerName, string Subject)
{
    /// <summary>The staff's words: the acknowledgement's message, a reply, an information request, the resolution summary.</summary>
    public string? Text { get; init; }

    /// <summary>Offer made: the options as the customer sees them, and the time to answer by.</summary>
    public IReadOnlyList<OfferLine> Options { get; init; } = [];
    public DateTimeOffset? AnswerBy { get; init; }

    /// <summary>
    /// The IANA zone dates are shown in (<see cref="CaseTimeZone"/>: the case's calendar's); null or unknown: the usual
    /// zone of the customer's language, as on the status page.
    /// </summary>
    public string? TimeZone { get; init; }

    /// <summary>
    /// False when the message goes without a status link (staff revoked the case's links and issued none since): the
    /// bodies then hold no <see cref="OutboxMessage.LinkPlaceholder"/> and point the customer to the usual channels.
    /// </summary>
    public bool HasLink { get; init; } = true;
}

public sealed record OfferLine(CompensationKind Kind, decimal Amount, string Currency, string CustomerText);

/// <summary>A message ready for the outbox: subject, plain text and HTML, with <see cref="OutboxMessage.LinkPlaceholder"/> where the link goes.</summary>
public sealed record RenderedMessage(string Subject, string Text, string Html);

/// <summary>
/// The one place customer-facing messages are worded, per kind, in the customer's language (en, zh-Hant, zh-Hans;
/// anything else is English). The words come from <see cref="Texts"/>, keyed by the English wording below. Each message
/// is built once as blocks, then written as plain text and as HTML, so the two always say the same thing.
/// </summary>
public static class CustomerMessages
{
    public static RenderedMessage Compose(OutboxKind kind, CustomerMessageFacts facts, string? language)
    {
        var culture = Languages.CultureOf(language);
        string T(string english, params object?[] arguments) => Texts.Format(culture, english, arguments);
        var about = facts.Subject.Trim();
        var blocks = new List<Block>
        {
            new Paragraph(string.IsNullOrWhiteSpace(facts.CustomerName) ? T("Hello,") : T("Dear {0},", facts.CustomerName.Trim())),
        };

        string subject;
        string linkIntro;
        switch (kind)
        {
            case OutboxKind.Acknowledgement:
                subject = T("Your complaint {0}: we have received it", facts.Reference);
                blocks.Add(new Paragraph(T("Thank you for telling us about “{0}”. We are sorry for the trouble it has caused you. We have received your complaint and are looking into it.", about)));
                AddStaffText(blocks, T("A message from our team:"), facts.Text);
                linkIntro = T("We will keep you informed. On this page you can follow your complaint, read our messages and write to us:");
                break;
            case OutboxKind.OfferMade:
                subject = T("Your complaint {0}: our offer to you", facts.Reference);
                blocks.Add(new Paragraph(facts.Options.Count > 1
                    ? T("We are sorry for what happened. To make it right, please choose the option that suits you best:")
                    : T("We are sorry for what happened. To make it right, we would like to offer you the following:")));
                blocks.Add(new Options([.. facts.Options.Select(o => new OptionItem(
                    T("{0}: {1}", o.Kind, Amount(o.Amount, o.Currency, culture)), o.CustomerText.Trim()))]));
                if (facts.AnswerBy is { } answerBy)
                {
                    blocks.Add(new Paragraph(T("Please answer by {0}.", When(answerBy, facts.TimeZone, language, culture))));
                }
                linkIntro = facts.Options.Count > 1
                    ? T("On this page you can choose an option, or tell us why none of them suits you:")
                    : T("On this page you can accept the offer, or tell us why it does not suit you:");
                break;
            case OutboxKind.StaffMessage:
                subject = T("Your complaint {0}: a new message from us", facts.Reference);
                blocks.Add(new Paragraph(T("We have written to you about your complaint “{0}”:", about)));
                blocks.Add(new Quote(facts.Text?.Trim() ?? ""));
                linkIntro = T("On this page you can read all our messages and reply to us:");
                break;
            case OutboxKind.InformationRequested:
                subject = T("Your complaint {0}: we need some information from you", facts.Reference);
                blocks.Add(new Paragraph(T("To move your complaint “{0}” forward, we need a little more information from you:", about)));
                blocks.Add(new Quote(facts.Text?.Trim() ?? ""));
                linkIntro = T("Please answer on this page; you can add a photo there too:");
                break;
            case OutboxKind.Resolution:
                subject = T("Your complaint {0}: resolved", facts.Reference);
                if (string.IsNullOrWhiteSpace(facts.Text))
                {
                    blocks.Add(new Paragraph(T("Your complaint “{0}” has been resolved.", about)));
                }
                else
                {
                    blocks.Add(new Paragraph(T("Your complaint “{0}” has been resolved. This is what we did:", about)));
                    blocks.Add(new Quote(facts.Text.Trim()));
                }
                blocks.Add(new Paragraph(T("Thank you for your patience.")));
                linkIntro = T("If anything is still not right, please tell us on this page:");
                break;
            case OutboxKind.FollowUpQuestion:
                subject = T("Your complaint {0}: are you satisfied?", facts.Reference);
                blocks.Add(new Paragraph(T("We recently resolved your complaint “{0}”, and we would like to hear from you.", about)));
                blocks.Add(new Paragraph(T("Are you satisfied with how we handled this?"), Strong: true));
                linkIntro = T("Please answer on this page; it takes a minute. If something is still not right, we will look at it again:");
                break;
            case OutboxKind.NewStatusLink:
                subject = T("Your complaint {0}: a new link to follow it", facts.Reference);
                blocks.Add(new Paragraph(T("Here is a new link to follow your complaint “{0}”. The links we sent you before no longer open.", about)));
                linkIntro = T("Follow your complaint on this page:");
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a customer message; staff notifications go through StaffMessages.");
        }

        if (facts.HasLink)
        {
            blocks.Add(new LinkBlock(linkIntro));
            blocks.Add(new Paragraph(T("Keep this link to yourself: anyone who has it can see your complaint."), Small: true));
        }
        else
        {
            blocks.Add(new Paragraph(T("To reach us, please contact our customer service as before.")));
        }
        blocks.Add(new Paragraph(T("Reference: {0}", facts.Reference), Small: true));
        blocks.Add(new SignOff(T("Kind regards,"), T("Customer care team")));

        var flatSubject = EmailChannel.OneLine(subject);
        return new RenderedMessage(flatSubject, MessageLayout.ToText(blocks), MessageLayout.ToHtml(blocks, flatSubject, culture));
    }

    private static void AddStaffText(List<Block> blocks, string label, string? text)
    {
        if (!string.IsNullOrWhiteSpace(text))
        {
            blocks.Add(new Paragraph(label));
            blocks.Add(new Quote(text.Trim()));
        }
    }

    /// <summary>Money as the customer reads it: two decimals in the language's digits, then the currency code.</summary>
    internal static string Amount(decimal amount, string currency, CultureInfo culture) =>
        amount.ToString("N2", culture) + " " + currency.Trim().ToUpperInvariant();

    /// <summary>
    /// A moment in the case's zone, in the language's usual form, with the zone named: "Thursday 5 November 2026,
    /// 17:00 (Taipei time, UTC+8)", "2026年11月5日（星期四）17:00（台北時間，UTC+8）".
    /// </summary>
    internal static string When(DateTimeOffset at, string? timeZone, string? language, CultureInfo culture)
    {
        var (id, zone) = ZoneOf(timeZone, language);
        var local = TimeZoneInfo.ConvertTime(at, zone);
        var pattern = culture.TwoLetterISOLanguageName == "zh" ? "yyyy年M月d日（dddd）HH:mm" : "dddd d MMMM yyyy, HH:mm";
        var offset = local.Offset;
        var utc = offset == TimeSpan.Zero
            ? "UTC"
            : "UTC" + (offset < TimeSpan.Zero ? "-" : "+") + (offset.Minutes == 0
                ? offset.Duration().Hours.ToString(CultureInfo.InvariantCulture)
                : offset.Duration().ToString(@"h\:mm", CultureInfo.InvariantCulture));
        var date = local.ToString(pattern, culture);
        return id == "UTC"
            ? Texts.Format(culture, "{0} ({1})", date, utc)
            : Texts.Format(culture, "{0} ({1}, {2})", date, ZoneName(id, culture), utc);
    }

    /// <summary>The places a desk in Taiwan and its markets most often names; any other zone is named by its id.</summary>
    private static readonly Dictionary<string, string> ZoneNames = new(StringComparer.Ordinal)
    {
        ["Asia/Taipei"] = "Taipei time",
        ["Asia/Shanghai"] = "Beijing time",
        ["Asia/Hong_Kong"] = "Hong Kong time",
        ["Asia/Macau"] = "Macau time",
        ["Asia/Singapore"] = "Singapore time",
        ["Asia/Kuala_Lumpur"] = "Kuala Lumpur time",
        ["Asia/Tokyo"] = "Tokyo time",
        ["Asia/Seoul"] = "Seoul time",
        ["Europe/London"] = "London time",
        ["America/New_York"] = "New York time",
        ["America/Los_Angeles"] = "Los Angeles time",
        ["Australia/Sydney"] = "Sydney time",
    };

    private static string ZoneName(string id, CultureInfo culture) =>
        ZoneNames.TryGetValue(id, out var english) ? Texts.Get(english, culture) : id;

    private static (string Id, TimeZoneInfo Zone) ZoneOf(string? id, string? language)
    {
        foreach (var candidate in new[] { id, CaseTimeZone.UsualFor(language) })
        {
            if (!string.IsNullOrWhiteSpace(candidate) && TimeZoneInfo.TryFindSystemTimeZoneById(candidate.Trim(), out var zone))
            {
                return (candidate.Trim(), zone);
            }
        }
        return ("UTC", TimeZoneInfo.Utc);
    }
}

/// <summary>A staff notification by e-mail: the bell's text (already in the recipient's language) and a link to the case.</summary>
public static class StaffMessages
{
    public static RenderedMessage Compose(string reference, string notificationText, string caseUrl, string? language)
    {
        var culture = Languages.CultureOf(language);
        var subject = EmailChannel.OneLine(string.IsNullOrWhiteSpace(reference)
            ? Texts.Get("[ComplaintDesk] Notification", culture)
            : Texts.Format(culture, "[ComplaintDesk] {0}", reference.Trim()));
        List<Block> blocks =
        [
            new Paragraph(notificationText.Trim()),
            new UrlBlock(Texts.Get("Open the case:", culture), caseUrl),
            new Paragraph(Texts.Get("You receive this because of your role in ComplaintDesk.", culture), Small: true),
        ];
        return new RenderedMessage(subject, MessageLayout.ToText(blocks), MessageLayout.ToHtml(blocks, subject, culture));
    }
}

/// <summary>Writes blocks as plain text and as simple, self-contained HTML (inline styles only; nothing loaded from elsewhere).</summary>
internal static class MessageLayout
{
    private const string Muted = "color:#52606d;font-size:13px;";

    internal abstract record Block;

    /// <summary>A paragraph of our own words (any values in it are inserted as text and encoded for HTML).</summary>
    internal sealed record Paragraph(string Text, bool Strong = false, bool Small = false) : Block;

    /// <summary>Words someone wrote (staff's message, resolution summary): kept line by line, set apart.</summary>
    internal sealed record Quote(string Text) : Block;

    internal sealed record OptionItem(string Title, string Detail);

    internal sealed record Options(IReadOnlyList<OptionItem> Items) : Block;

    /// <summary>The status link: only the placeholder, filled in by the dispatcher when the message is sent.</summary>
    internal sealed record LinkBlock(string Intro) : Block;

    /// <summary>A plain URL known now (staff's case page).</summary>
    internal sealed record UrlBlock(string Intro, string Url) : Block;

    internal sealed record SignOff(string Closing, string Signature) : Block;

    public static string ToText(IReadOnlyList<Block> blocks)
    {
        var text = new StringBuilder();
        foreach (var block in blocks)
        {
            switch (block)
            {
                case Paragraph p:
                    text.Append(Lines(p.Text));
                    break;
                case Quote q:
                    text.AppendJoin('\n', Lines(q.Text).Split('\n').Select(line => line.Length == 0 ? "" : "    " + line));
                    break;
                case Options o:
                    text.AppendJoin("\n\n", o.Items.Select((item, i) =>
                        $"{i + 1}. {item.Title}" + (item.Detail.Length == 0 ? "" : "\n   " + Lines(item.Detail).Replace("\n", "\n   ", StringComparison.Ordinal))));
                    break;
                case LinkBlock l:
                    text.Append(l.Intro).Append('\n').Append(OutboxMessage.LinkPlaceholder);
                    break;
                case UrlBlock u:
                    text.Append(u.Intro).Append('\n').Append(u.Url);
                    break;
                case SignOff s:
                    text.Append(s.Closing).Append('\n').Append(s.Signature);
                    break;
            }
            text.Append("\n\n");
        }
        return text.ToString().TrimEnd() + "\n";
    }

    public static string ToHtml(IReadOnlyList<Block> blocks, string title, CultureInfo culture)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"").Append(culture.Name).Append("\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>").Append(Encode(title)).Append("</title>\n</head>\n")
            .Append("<body style=\"margin:0;padding:16px;background:#ffffff;color:#1f2933;font-family:sans-serif;font-size:16px;line-height:1.6;\">\n")
            .Append("<div style=\"max-width:600px;margin:0 auto;\">\n");
        foreach (var block in blocks)
        {
            switch (block)
            {
                case Paragraph { Strong: true } p:
                    html.Append("<p style=\"margin:0 0 16px;font-weight:bold;\">").Append(Encode(p.Text)).Append("</p>\n");
                    break;
                case Paragraph { Small: true } p:
                    html.Append("<p style=\"margin:0 0 16px;").Append(Muted).Append("\">").Append(Encode(p.Text)).Append("</p>\n");
                    break;
                case Paragraph p:
                    html.Append("<p style=\"margin:0 0 16px;\">").Append(Encode(p.Text)).Append("</p>\n");
                    break;
                case Quote q:
                    html.Append("<blockquote style=\"margin:0 0 16px;padding:8px 12px;border-left:4px solid #cbd2d9;background:#f5f7fa;\">")
                        .Append(Encode(q.Text)).Append("</blockquote>\n");
                    break;
                case Options o:
                    html.Append("<ol style=\"margin:0 0 16px;padding-left:24px;\">\n");
                    foreach (var item in o.Items)
                    {
                        html.Append("<li style=\"margin:0 0 8px;\"><strong>").Append(Encode(item.Title)).Append("</strong>");
                        if (item.Detail.Length > 0)
                        {
                            html.Append("<br>").Append(Encode(item.Detail));
                        }
                        html.Append("</li>\n");
                    }
                    html.Append("</ol>\n");
                    break;
                case LinkBlock l:
                    // The placeholder stands for a URL of our own (base URL + base64url token): nothing in it needs encoding.
                    html.Append("<p style=\"margin:0 0 16px;\">").Append(Encode(l.Intro)).Append("<br>\n<a href=\"").Append(OutboxMessage.LinkPlaceholder)
                        .Append("\" style=\"color:#0b5cad;word-break:break-all;\">").Append(OutboxMessage.LinkPlaceholder).Append("</a></p>\n");
                    break;
                case UrlBlock u:
                    html.Append("<p style=\"margin:0 0 16px;\">").Append(Encode(u.Intro)).Append("<br>\n<a href=\"").Append(WebUtility.HtmlEncode(u.Url))
                        .Append("\" style=\"color:#0b5cad;word-break:break-all;\">").Append(WebUtility.HtmlEncode(u.Url)).Append("</a></p>\n");
                    break;
                case SignOff s:
                    html.Append("<p style=\"margin:0 0 16px;\">").Append(Encode(s.Closing)).Append("<br>").Append(Encode(s.Signature)).Append("</p>\n");
                    break;
            }
        }
        return html.Append("</div>\n</body>\n</html>\n").ToString();
    }

    /// <summary>Line breaks normalised to \n, trailing spaces dropped.</summary>
    private static string Lines(string text) =>
        string.Join('\n', text.ReplaceLineEndings("\n").Split('\n').Select(line => line.TrimEnd()));

    /// <summary>HTML-encoded, line breaks kept as &lt;br&gt;.</summary>
    private static string Encode(string text) =>
        string.Join("<br>\n", Lines(text).Split('\n').Select(WebUtility.HtmlEncode));
}
