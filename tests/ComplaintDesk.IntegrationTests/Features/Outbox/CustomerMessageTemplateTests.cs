using System.Net;
using System.Text.RegularExpressions;
using ComplaintDesk.Application.Features.Outbox;
using ComplaintDesk.Application.Features.StatusLinks;
using ComplaintDesk.Domain.Compensation;
using ComplaintDesk.Domain.Customers;
using ComplaintDesk.Domain.Notifications;

namespace ComplaintDesk.IntegrationTests.Features.Outbox;

/// <summary>
/// The customer's and staff's message templates, without the app: every kind in every language is complete, carries the
/// status link exactly where it should, encodes what people typed, and speaks the customer's language.
/// </summary>
public sealed partial class CustomerMessageTemplateTests
{
    private const string Link = OutboxMessage.LinkPlaceholder;
    private const string Reference = "CD-2026-000123";

    private static readonly OutboxKind[] CustomerKinds = [.. Enum.GetValues<OutboxKind>().Where(k => k != OutboxKind.StaffNotification)];

    public static TheoryData<OutboxKind, string> KindsAndLanguages()
    {
        var data = new TheoryData<OutboxKind, string>();
        foreach (var kind in CustomerKinds)
        {
            foreach (var language in Languages.All)
            {
                data.Add(kind, language);
            }
        }
        return data;
    }

    public static TheoryData<OutboxKind, string> KindsInChinese()
    {
        var data = new TheoryData<OutboxKind, string>();
        foreach (var kind in CustomerKinds)
        {
            data.Add(kind, Languages.TraditionalChinese);
            data.Add(kind, Languages.SimplifiedChinese);
        }
        return data;
    }

    private static CustomerMessageFacts Facts(string name = "Ann Customer", string subject = "Kettle stopped working",
        string text = "Please send us a photo of the label.\nThank you.", string customerText = "We refund the whole price.") =>
        new(Reference, name, subject)
        {
            Text = text,
            Options =
            [
                new OfferLine(CompensationKind.FullRefund, 1200m, "TWD", customerText),
                new OfferLine(CompensationKind.Replacement, 600.5m, "TWD", "A new kettle, delivered free."),
            ],
            AnswerBy = new DateTimeOffset(2026, 11, 9, 9, 0, 0, TimeSpan.Zero),
        };

    private static int Count(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;

    [Theory]
    [MemberData(nameof(KindsAndLanguages))]
    public void Every_kind_in_every_language_is_complete_and_carries_the_link_once(OutboxKind kind, string language)
    {
        var message = CustomerMessages.Compose(kind, Facts(), language);

        Assert.False(string.IsNullOrWhiteSpace(message.Subject));
        Assert.Contains(Reference, message.Subject, StringComparison.Ordinal);
        Assert.DoesNotMatch("[\r\n]", message.Subject);
        Assert.Equal(1, Count(message.Text, Link));
        Assert.Equal(2, Count(message.Html, Link));
        Assert.Contains($"<a href=\"{Link}\"", message.Html, StringComparison.Ordinal);
        Assert.Contains($">{Link}</a>", message.Html, StringComparison.Ordinal);
        foreach (var part in new[] { message.Subject, message.Text, message.Html })
        {
            Assert.DoesNotMatch(@"\{\d+(:[^}]*)?\}", part); // no hole left unfilled
        }
        Assert.Contains("Ann Customer", message.Text, StringComparison.Ordinal);
        Assert.Contains("Ann Customer", message.Html, StringComparison.Ordinal);
        Assert.Contains(Reference, message.Text, StringComparison.Ordinal);
        // Plain text is plain; HTML is one self-contained document that loads nothing from anywhere.
        Assert.DoesNotMatch("<[A-Za-z/!]", message.Text);
        Assert.StartsWith("<!DOCTYPE html>", message.Html, StringComparison.Ordinal);
        Assert.Contains($"<html lang=\"{language}\">", message.Html, StringComparison.Ordinal);
        Assert.Contains("<meta charset=\"utf-8\">", message.Html, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"(?i)<img|<link|<script|<style|<iframe|@import|url\(|https?:|src=", message.Html);
    }

    [Theory]
    [MemberData(nameof(KindsAndLanguages))]
    public void What_people_typed_is_encoded_in_html_and_kept_as_it_is_in_text(OutboxKind kind, string language)
    {
        const string name = "<script>alert(1)</script> \"&'";
        const string subject = "<b>Broken</b> & \"burnt\"";
        const string text = "<img src=x onerror=alert(1)>\nSecond line & more";
        const string customerText = "<a href=\"javascript:alert(1)\">click</a>";

        var message = CustomerMessages.Compose(kind, Facts(name, subject, text, customerText), language);

        Assert.Contains(WebUtility.HtmlEncode(name), message.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", message.Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>", message.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", message.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("javascript:alert(1)\">", message.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("\"&'", message.Html, StringComparison.Ordinal);
        Assert.Contains(name, message.Text, StringComparison.Ordinal);
        if (kind is OutboxKind.StaffMessage or OutboxKind.InformationRequested or OutboxKind.Resolution or OutboxKind.Acknowledgement)
        {
            Assert.Contains(WebUtility.HtmlEncode("<img src=x onerror=alert(1)>") + "<br>", message.Html, StringComparison.Ordinal);
            Assert.Contains(WebUtility.HtmlEncode("Second line & more"), message.Html, StringComparison.Ordinal);
            Assert.Contains("    <img src=x onerror=alert(1)>\n    Second line & more", message.Text, StringComparison.Ordinal);
        }
        if (kind == OutboxKind.OfferMade)
        {
            Assert.Contains(WebUtility.HtmlEncode(customerText), message.Html, StringComparison.Ordinal);
            Assert.Contains(customerText, message.Text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(KindsInChinese))]
    public void Chinese_messages_are_in_chinese_throughout(OutboxKind kind, string language)
    {
        var facts = Facts(name: "王小明", subject: "熱水壺壞了", text: "請提供產品標籤的照片。") with
        {
            Options = [new OfferLine(CompensationKind.FullRefund, 1200m, "TWD", "退還全額貨款。"), new OfferLine(CompensationKind.Replacement, 600.5m, "TWD", "免費寄送新的熱水壺。")],
        };

        var message = CustomerMessages.Compose(kind, facts, language);

        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", message.Subject);
        foreach (var part in new[] { message.Subject, message.Text })
        {
            // Nothing Latin is left but the values (reference, currency, zone offset) and the link's placeholder.
            var words = part.Replace(Reference, "", StringComparison.Ordinal).Replace(Link, "", StringComparison.Ordinal)
                .Replace("TWD", "", StringComparison.Ordinal).Replace("UTC", "", StringComparison.Ordinal);
            Assert.DoesNotMatch("[A-Za-z]{2,}", words);
        }
        Assert.Contains("王小明", message.Text, StringComparison.Ordinal);
        var other = CustomerMessages.Compose(kind, facts,
            language == Languages.TraditionalChinese ? Languages.SimplifiedChinese : Languages.TraditionalChinese);
        Assert.NotEqual(message.Text, other.Text);
    }

    [Theory]
    [MemberData(nameof(KindsAndLanguages))]
    public void Without_a_link_the_message_carries_no_placeholder_and_still_signs_off(OutboxKind kind, string language)
    {
        var message = CustomerMessages.Compose(kind, Facts() with { HasLink = false }, language);

        Assert.DoesNotContain(Link, message.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(Link, message.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<a ", message.Html, StringComparison.Ordinal);
        Assert.Equal(CustomerMessages.Compose(kind, Facts(), language).Subject, message.Subject);
    }

    [Theory]
    [InlineData("en", "Your complaint CD-2026-000123: our offer to you",
        "1. Full refund: 1,200.00 TWD\n   We refund the whole price.\n\n2. Replacement: 600.50 TWD\n   A new kettle, delivered free.",
        "Please answer by Monday 9 November 2026, 09:00 (UTC).")]
    [InlineData("zh-Hant", "您的申訴 CD-2026-000123：我們為您準備的補償方案",
        "1. 全額退款：1,200.00 TWD\n   We refund the whole price.\n\n2. 換貨：600.50 TWD\n   A new kettle, delivered free.",
        "請於 2026年11月9日（星期一）17:00（台北時間，UTC+8） 前回覆。")]
    [InlineData("zh-Hans", "您的投诉 CD-2026-000123：我们为您准备的补偿方案",
        "1. 全额退款：1,200.00 TWD\n   We refund the whole price.\n\n2. 换货：600.50 TWD\n   A new kettle, delivered free.",
        "请于 2026年11月9日（星期一）17:00（北京时间，UTC+8） 前回复。")]
    public void An_offer_lists_each_option_in_words_with_its_amount_and_the_time_to_answer_by(string language, string subject,
        string options, string answerBy)
    {
        var message = CustomerMessages.Compose(OutboxKind.OfferMade, Facts(), language);

        Assert.Equal(subject, message.Subject);
        Assert.Contains(options, message.Text, StringComparison.Ordinal);
        Assert.Contains(answerBy, message.Text, StringComparison.Ordinal);
        Assert.Contains("<ol", message.Html, StringComparison.Ordinal);
        Assert.Equal(2, Count(message.Html, "<li"));
        Assert.Contains(WebUtility.HtmlEncode(answerBy), message.Html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("America/New_York", "Monday 9 November 2026, 04:00 (New York time, UTC-5)")]
    [InlineData("Europe/London", "Monday 9 November 2026, 09:00 (London time, UTC)")]
    [InlineData("Asia/Kolkata", "Monday 9 November 2026, 14:30 (Asia/Kolkata, UTC+5:30)")]
    [InlineData("UTC", "Monday 9 November 2026, 09:00 (UTC)")]
    [InlineData("Not/AZone", "Monday 9 November 2026, 09:00 (UTC)")]
    [InlineData(null, "Monday 9 November 2026, 09:00 (UTC)")]
    public void The_answer_by_time_is_shown_in_the_cases_zone_with_the_zone_named(string? zone, string expected)
    {
        var message = CustomerMessages.Compose(OutboxKind.OfferMade, Facts() with { TimeZone = zone }, Languages.English);

        Assert.Contains($"Please answer by {expected}.", message.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Languages.English, "UTC")]
    [InlineData(Languages.TraditionalChinese, "Asia/Taipei")]
    [InlineData(Languages.SimplifiedChinese, "Asia/Shanghai")]
    [InlineData("fr", "UTC")]
    public void Without_a_case_zone_times_are_in_the_usual_zone_of_the_language_as_on_the_status_page(string language, string usual)
    {
        Assert.Equal(usual, CaseTimeZone.UsualFor(language));
        foreach (var unknown in new[] { null, "Not/AZone" })
        {
            Assert.Equal(CustomerMessages.Compose(OutboxKind.OfferMade, Facts() with { TimeZone = usual }, language).Text,
                CustomerMessages.Compose(OutboxKind.OfferMade, Facts() with { TimeZone = unknown }, language).Text);
        }
    }

    [Fact]
    public void A_single_option_offer_is_worded_as_one_offer_and_no_answer_by_date_means_no_date_line()
    {
        var facts = Facts() with { Options = [new OfferLine(CompensationKind.Voucher, 300m, "twd", "A voucher for your next order.")], AnswerBy = null };

        var message = CustomerMessages.Compose(OutboxKind.OfferMade, facts, Languages.English);

        Assert.Contains("we would like to offer you the following:", message.Text, StringComparison.Ordinal);
        Assert.Contains("1. Voucher: 300.00 TWD\n   A voucher for your next order.", message.Text, StringComparison.Ordinal);
        Assert.Contains("accept the offer", message.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("answer by", message.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(OutboxKind.Acknowledgement, "Your complaint CD-2026-000123: we have received it", "We have received your complaint")]
    [InlineData(OutboxKind.StaffMessage, "Your complaint CD-2026-000123: a new message from us", "We have written to you about your complaint “Kettle stopped working”:")]
    [InlineData(OutboxKind.InformationRequested, "Your complaint CD-2026-000123: we need some information from you", "we need a little more information from you:")]
    [InlineData(OutboxKind.Resolution, "Your complaint CD-2026-000123: resolved", "has been resolved. This is what we did:")]
    [InlineData(OutboxKind.FollowUpQuestion, "Your complaint CD-2026-000123: are you satisfied?", "Are you satisfied with how we handled this?")]
    [InlineData(OutboxKind.NewStatusLink, "Your complaint CD-2026-000123: a new link to follow it", "The links we sent you before no longer open.")]
    public void Each_kind_says_what_happened_greets_the_customer_and_signs_off(OutboxKind kind, string subject, string says)
    {
        var message = CustomerMessages.Compose(kind, Facts(), Languages.English);

        Assert.Equal(subject, message.Subject);
        Assert.StartsWith("Dear Ann Customer,\n\n", message.Text, StringComparison.Ordinal);
        Assert.Contains(says, message.Text, StringComparison.Ordinal);
        Assert.EndsWith("Kind regards,\nCustomer care team\n", message.Text, StringComparison.Ordinal);
        if (kind is OutboxKind.Acknowledgement or OutboxKind.StaffMessage or OutboxKind.InformationRequested or OutboxKind.Resolution)
        {
            Assert.Contains("    Please send us a photo of the label.\n    Thank you.", message.Text, StringComparison.Ordinal);
        }
        else
        {
            Assert.DoesNotContain("photo of the label", message.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void An_unknown_language_gets_english_and_a_blank_name_a_plain_greeting()
    {
        var message = CustomerMessages.Compose(OutboxKind.Acknowledgement, Facts(name: "  "), "fr");

        Assert.StartsWith("Hello,\n\n", message.Text, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"en\">", message.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Staff_notification_is_not_a_customer_message()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CustomerMessages.Compose(OutboxKind.StaffNotification, Facts(), Languages.English));
    }

    [Theory]
    [InlineData("en", "[ComplaintDesk] CD-2026-000123", "Open the case:")]
    [InlineData("zh-Hant", "[客訴處理台] CD-2026-000123", "開啟案件：")]
    [InlineData("zh-Hans", "[客诉处理台] CD-2026-000123", "打开案件：")]
    public void A_staff_e_mail_carries_the_bells_text_and_the_case_link_in_the_recipients_language(string language, string subject, string open)
    {
        const string url = "http://localhost/Complaints/0193a000-0000-7000-8000-000000000001?x=1&y=2";
        const string text = "Sue escalated CD-2026-000123; it needs a supervisor's decision: <b>media</b> & lawyers";

        var message = StaffMessages.Compose(Reference, text, url, language);

        Assert.Equal(subject, message.Subject);
        Assert.StartsWith(text + "\n\n" + open + "\n" + url + "\n", message.Text, StringComparison.Ordinal);
        Assert.Contains(WebUtility.HtmlEncode(text), message.Html, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"{WebUtility.HtmlEncode(url)}\"", message.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>media", message.Html, StringComparison.Ordinal);
        Assert.DoesNotContain(Link, message.Text + message.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_reference_with_line_breaks_cannot_add_a_header_line_to_a_subject()
    {
        var staff = StaffMessages.Compose("CD-1\r\nBcc: someone@example.test", "Text.", "http://localhost/", Languages.English);
        var customer = CustomerMessages.Compose(OutboxKind.Resolution, Facts() with { Reference = "CD-1\nBcc: someone@example.test" }, Languages.English);

        Assert.Equal("[ComplaintDesk] CD-1 Bcc: someone@example.test", staff.Subject);
        Assert.DoesNotMatch("[\r\n]", customer.Subject);
    }
}
