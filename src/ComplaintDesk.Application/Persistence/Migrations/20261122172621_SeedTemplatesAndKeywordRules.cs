using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ComplaintDesk.Application.Persistence.Migrations
{
    /// <summary>
    /// Seed data only: the five reply scripts of the source documents (acknowledge within 24 hours, clarifying questions,
    /// the solution menu, apology with compensation, the follow-up check) in English, Traditional and Simplified Chinese,
    /// and keyword rules for injuries, legal threats, consumer protection bodies, the media and regulators. Fixed ids and
    /// times, so every database holds the same rows; administrators change or delete them like any other.
    /// </summary>
    public partial class SeedTemplatesAndKeywordRules : Migration
    {
        private static readonly DateTimeOffset Seeded = new(2026, 11, 22, 0, 0, 0, TimeSpan.Zero);

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.InsertData(
                table: "ReplyTemplates",
                columns: new[] { "Id", "Title", "CategoryCode", "Language", "Body", "CreatedAt", "UpdatedAt" },
                values: new object[,]
                {
                    { new Guid("5eed7e00-0000-7000-8000-000000000001"), "Acknowledgement: we will reply within 24 hours", null, "en", "Dear {customerName},\n\nThank you for your feedback. We take your comments very seriously: your complaint (reference {reference}) has been passed to a member of staff who will handle it personally, and we will give you a further reply within 24 hours.\n\nYou can follow your complaint here: {statusLink}\n\nKind regards,\n{agentFirstName}", Seeded, Seeded },
                    { new Guid("5eed7e00-0000-7000-8000-000000000002"), "確認收到：24 小時內回覆", null, "zh-Hant", "{customerName} 您好：\n\n感謝您的反饋，我們非常重視您的意見，已將您的問題（案件編號 {reference}）轉交專人處理，並將於 24 小時內給您進一步的回覆。\n\n您可以在此查看處理進度：{statusLink}\n\n{agentFirstName} 敬上", Seeded, Seeded },
                    { new Guid("5eed7e00-0000-7000-8000-000000000003"), "确认收到：24 小时内回复", null, "zh-Hans", "{customerName} 您好：\n\n感谢您的反馈，我们非常重视您的意见，已将您的问题（投诉编号 {reference}）转交专人处理，并将在 24 小时内给您进一步的回复。\n\n您可以在此查看处理进度：{statusLink}\n\n{agentFirstName} 敬上", Seeded, Seeded },
                    { new Guid("5eed7e00-0000-7000-8000-000000000004"), "Clarifying questions: the details we need", null, "en", "Dear {customerName},\n\nThank you for contacting us about complaint {reference}. So that we do not misunderstand what you need, could you tell us:\n\n- What exactly is the problem you ran into?\n- Could you send us your order number or any related proof, so that we can help you faster?\n\nKind regards,\n{agentFirstName}", Seeded, Seeded },
                    { new Guid("5eed7e00-0000-7000-8000-000000000005"), "釐清問題：確認細節", null, "zh-Hant", "{customerName} 您好：\n\n感謝您就案件 {reference} 與我們聯繫。為避免誤解您的需求，想請您協助確認：\n\n- 請問您遇到的具體問題是什麼？\n- 能否提供訂單編號或相關證明，以便我們更快協助您？\n\n{agentFirstName} 敬上", Seeded, Seeded },
                    { new Guid("5eed7e00-0000-7000-8000-000000000006"), "澄清问题：确认细节", null, "zh-Hans", "{customerName} 您好：\n\n感谢您就投诉 {reference} 与我们联系。为避免误解您的需求，想请您协助确认：\n\n- 请问您遇到的具体问题是什么？\n- 能否提供订单编号或相关凭证，以便我们更快地协助您？\n\n{agentFirstName} 敬上", Seeded, Seeded },
                    { new Guid("5eed7e00-0000-7000-8000-000000000007"), "Solution options: refund, replacement or voucher", null, "en", "Dear {customerName},\n\nAbout your complaint {reference}, we can offer you:\n\n✅ a full refund\n✅ a replacement with a new item\n✅ a voucher as compensation\n\nWhich of these suits your needs best? As soon as you tell us, we will arrange it, by {resolveBy} at the latest.\n\nKind regards,\n{agentFirstName}", Seeded, Seeded },
                    { new Guid("5eed7e00-0000-7000-8000-000000000008"), "解決方案：退款、換貨或折價券", null, "zh-Hant", "{customerName} 您好：\n\n關於您的案件 {reference}，我們可以為您：\n\n✅ 全額退款\n✅ 更換新品\n✅ 提供折價券補償\n\n您認為哪一種方式最符合您的需求？收到您的回覆後，我們會立即安排，最遲於 {resolveBy} 前完成。\n\n{agentFirstName} 敬上", Seeded, Seeded },
                    { new Guid("5eed7e00-0000-7000-8000-000000000009"), "解决方案：退款、换货或优惠券", null, "zh-Hans", "{customerName} 您好：\n\n关于您的投诉 {reference}，我们可以为您：\n\n✅ 全额退款\n✅ 更换新品\n✅ 提供优惠券补偿\n\n您认为哪一种方式最符合您的需求？收到您的回复后，我们会立即安排，最迟于 {resolveBy} 前完成。\n\n{agentFirstName} 敬上", Seeded, Seeded },
                    { new Guid("5eed7e00-0000-7000-8000-000000000010"), "Apology with compensation: free exchange and 3 more months of warranty", "productQuality", "en", "Dear {customerName},\n\nWe are very sorry that you ran into this problem. We have arranged for a member of staff to contact you, and we will offer you a free exchange plus a 3-month extension of the warranty as compensation. We hope this makes up for the inconvenience.\n\nYour reference: {reference}\n\nKind regards,\n{agentFirstName}", Seeded, Seeded },
                    { new Guid("5eed7e00-0000-7000-8000-000000000011"), "致歉與補償：免費換貨＋延長保固 3 個月", "productQuality", "zh-Hant", "{customerName} 您好：\n\n非常抱歉讓您遇到這樣的問題，我們已安排專人與您聯繫，將提供「免費換貨＋延長保固 3 個月」的補償方案，希望能彌補您的不便。\n\n案件編號：{reference}\n\n{agentFirstName} 敬上", Seeded, Seeded },
                    { new Guid("5eed7e00-0000-7000-8000-000000000012"), "致歉与补偿：免费换货＋延长保修 3 个月", "productQuality", "zh-Hans", "{customerName} 您好：\n\n非常抱歉让您遇到这样的问题，我们已安排专人与您联系，将提供“免费换货＋延长保修 3 个月”的补偿方案，希望能弥补您的不便。\n\n投诉编号：{reference}\n\n{agentFirstName} 敬上", Seeded, Seeded },
                    { new Guid("5eed7e00-0000-7000-8000-000000000013"), "Follow-up: are you satisfied?", null, "en", "Dear {customerName},\n\nThank you for giving us the chance to improve. Are you satisfied with the way we handled your complaint {reference}? If you have any other suggestions, you are welcome to contact us at any time!\n\nKind regards,\n{agentFirstName}", Seeded, Seeded },
                    { new Guid("5eed7e00-0000-7000-8000-000000000014"), "後續追蹤：是否滿意？", null, "zh-Hant", "{customerName} 您好：\n\n感謝您給予我們改進的機會，請問您對這次的處理方式是否滿意？如有其他建議，歡迎隨時聯繫我們！\n\n案件編號：{reference}\n\n{agentFirstName} 敬上", Seeded, Seeded },
                    { new Guid("5eed7e00-0000-7000-8000-000000000015"), "跟进回访：是否满意？", null, "zh-Hans", "{customerName} 您好：\n\n感谢您给予我们改进的机会，请问您对这次的处理方式是否满意？如有其他建议，欢迎随时联系我们！\n\n投诉编号：{reference}\n\n{agentFirstName} 敬上", Seeded, Seeded },
                });

            // FoldedPhrase is KeywordRule.Fold(Phrase) written out, so this migration never changes meaning.
            migrationBuilder.InsertData(
                table: "KeywordRules",
                columns: new[] { "Id", "Phrase", "FoldedPhrase", "MinimumSeverity", "RiskFlag", "CreatedAt" },
                values: new object[,]
                {
                    { new Guid("5eed4b00-0000-7000-8000-000000000001"), "injured", "injured", "Critical", true, Seeded },
                    { new Guid("5eed4b00-0000-7000-8000-000000000002"), "injury", "injury", "Critical", true, Seeded },
                    { new Guid("5eed4b00-0000-7000-8000-000000000003"), "受傷", "受傷", "Critical", true, Seeded },
                    { new Guid("5eed4b00-0000-7000-8000-000000000004"), "受伤", "受伤", "Critical", true, Seeded },
                    { new Guid("5eed4b00-0000-7000-8000-000000000005"), "lawyer", "lawyer", "High", true, Seeded },
                    { new Guid("5eed4b00-0000-7000-8000-000000000006"), "solicitor", "solicitor", "High", true, Seeded },
                    { new Guid("5eed4b00-0000-7000-8000-000000000007"), "attorney", "attorney", "High", true, Seeded },
                    { new Guid("5eed4b00-0000-7000-8000-000000000008"), "legal action", "legal action", "High", true, Seeded },
                    { new Guid("5eed4b00-0000-7000-8000-000000000009"), "律師", "律師", "High", true, Seeded },
                    { new Guid("5eed4b00-0000-7000-8000-000000000010"), "律师", "律师", "High", true, Seeded },
                    { new Guid("5eed4b00-0000-7000-8000-000000000011"), "起訴", "起訴", "High", true, Seeded },
                    { new Guid("5eed4b00-0000-7000-8000-000000000012"), "起诉", "起诉", "High", true, Seeded },
                    { new Guid("5eed4b00-0000-7000-8000-000000000013"), "consumer protection", "consumer protection", "High", true, Seeded },
                    { new Guid("5eed4b00-0000-7000-8000-000000000014"), "trading standards", "trading standards", "High", true, Seeded },
                    { new Guid("5eed4b00-0000-7000-8000-000000000015"), "消保官", "消保官", "High", true, Seeded },
                    { new Guid("5eed4b00-0000-7000-8000-000000000016"), "消基會", "消基會", "High", true, Seeded },
                    { new Guid("5eed4b00-0000-7000-8000-000000000017"), "消費者保護", "消費者保護", "High", true, Seeded },
                    { new Guid("5eed4b00-0000-7000-8000-000000000018"), "消费者保护", "消费者保护", "High", true, Seeded },
                    { new Guid("5eed4b00-0000-7000-8000-000000000019"), "消協", "消協", "High", true, Seeded },
                    { new Guid("5eed4b00-0000-7000-8000-000000000020"), "消协", "消协", "High", true, Seeded },
                    { new Guid("5eed4b00-0000-7000-8000-000000000021"), "to the media", "to the media", "High", true, Seeded },
                    { new Guid("5eed4b00-0000-7000-8000-000000000022"), "journalist", "journalist", "High", true, Seeded },
                    { new Guid("5eed4b00-0000-7000-8000-000000000023"), "reporter", "reporter", "High", true, Seeded },
                    { new Guid("5eed4b00-0000-7000-8000-000000000024"), "newspaper", "newspaper", "High", true, Seeded },
                    { new Guid("5eed4b00-0000-7000-8000-000000000025"), "媒體", "媒體", "High", true, Seeded },
                    { new Guid("5eed4b00-0000-7000-8000-000000000026"), "媒体", "媒体", "High", true, Seeded },
                    { new Guid("5eed4b00-0000-7000-8000-000000000027"), "記者", "記者", "High", true, Seeded },
                    { new Guid("5eed4b00-0000-7000-8000-000000000028"), "记者", "记者", "High", true, Seeded },
                    { new Guid("5eed4b00-0000-7000-8000-000000000029"), "to the regulator", "to the regulator", "High", true, Seeded },
                    { new Guid("5eed4b00-0000-7000-8000-000000000030"), "ombudsman", "ombudsman", "High", true, Seeded },
                    { new Guid("5eed4b00-0000-7000-8000-000000000031"), "工信部", "工信部", "High", true, Seeded },
                    { new Guid("5eed4b00-0000-7000-8000-000000000032"), "公平會", "公平會", "High", true, Seeded },
                    { new Guid("5eed4b00-0000-7000-8000-000000000033"), "市场监管", "市场监管", "High", true, Seeded },
                    { new Guid("5eed4b00-0000-7000-8000-000000000034"), "市場監管", "市場監管", "High", true, Seeded },
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DeleteData(
                table: "KeywordRules",
                keyColumn: "Id",
                keyValues: new object[]
                {
                    new Guid("5eed4b00-0000-7000-8000-000000000001"),
                    new Guid("5eed4b00-0000-7000-8000-000000000002"),
                    new Guid("5eed4b00-0000-7000-8000-000000000003"),
                    new Guid("5eed4b00-0000-7000-8000-000000000004"),
                    new Guid("5eed4b00-0000-7000-8000-000000000005"),
                    new Guid("5eed4b00-0000-7000-8000-000000000006"),
                    new Guid("5eed4b00-0000-7000-8000-000000000007"),
                    new Guid("5eed4b00-0000-7000-8000-000000000008"),
                    new Guid("5eed4b00-0000-7000-8000-000000000009"),
                    new Guid("5eed4b00-0000-7000-8000-000000000010"),
                    new Guid("5eed4b00-0000-7000-8000-000000000011"),
                    new Guid("5eed4b00-0000-7000-8000-000000000012"),
                    new Guid("5eed4b00-0000-7000-8000-000000000013"),
                    new Guid("5eed4b00-0000-7000-8000-000000000014"),
                    new Guid("5eed4b00-0000-7000-8000-000000000015"),
                    new Guid("5eed4b00-0000-7000-8000-000000000016"),
                    new Guid("5eed4b00-0000-7000-8000-000000000017"),
                    new Guid("5eed4b00-0000-7000-8000-000000000018"),
                    new Guid("5eed4b00-0000-7000-8000-000000000019"),
                    new Guid("5eed4b00-0000-7000-8000-000000000020"),
                    new Guid("5eed4b00-0000-7000-8000-000000000021"),
                    new Guid("5eed4b00-0000-7000-8000-000000000022"),
                    new Guid("5eed4b00-0000-7000-8000-000000000023"),
                    new Guid("5eed4b00-0000-7000-8000-000000000024"),
                    new Guid("5eed4b00-0000-7000-8000-000000000025"),
                    new Guid("5eed4b00-0000-7000-8000-000000000026"),
                    new Guid("5eed4b00-0000-7000-8000-000000000027"),
                    new Guid("5eed4b00-0000-7000-8000-000000000028"),
                    new Guid("5eed4b00-0000-7000-8000-000000000029"),
                    new Guid("5eed4b00-0000-7000-8000-000000000030"),
                    new Guid("5eed4b00-0000-7000-8000-000000000031"),
                    new Guid("5eed4b00-0000-7000-8000-000000000032"),
                    new Guid("5eed4b00-0000-7000-8000-000000000033"),
                    new Guid("5eed4b00-0000-7000-8000-000000000034"),
                });

            migrationBuilder.DeleteData(
                table: "ReplyTemplates",
                keyColumn: "Id",
                keyValues: new object[]
                {
                    new Guid("5eed7e00-0000-7000-8000-000000000001"),
                    new Guid("5eed7e00-0000-7000-8000-000000000002"),
                    new Guid("5eed7e00-0000-7000-8000-000000000003"),
                    new Guid("5eed7e00-0000-7000-8000-000000000004"),
                    new Guid("5eed7e00-0000-7000-8000-000000000005"),
                    new Guid("5eed7e00-0000-7000-8000-000000000006"),
                    new Guid("5eed7e00-0000-7000-8000-000000000007"),
                    new Guid("5eed7e00-0000-7000-8000-000000000008"),
                    new Guid("5eed7e00-0000-7000-8000-000000000009"),
                    new Guid("5eed7e00-0000-7000-8000-000000000010"),
                    new Guid("5eed7e00-0000-7000-8000-000000000011"),
                    new Guid("5eed7e00-0000-7000-8000-000000000012"),
                    new Guid("5eed7e00-0000-7000-8000-000000000013"),
                    new Guid("5eed7e00-0000-7000-8000-000000000014"),
                    new Guid("5eed7e00-0000-7000-8000-000000000015"),
                });
        }
    }
}
