using System.Net;
using System.Runtime.CompilerServices;
using ComplaintDesk.Application.Features.Complaints;
using ComplaintDesk.Application.Features.Evidence;
using ComplaintDesk.Application.Features.Replies;
using ComplaintDesk.Application.Identity;
using ComplaintDesk.Domain.Complaints;
using ComplaintDesk.IntegrationTests.Features.Evidence;
using ComplaintDesk.IntegrationTests.Infrastructure;
using ComplaintDesk.IntegrationTests.Pages;
using Microsoft.EntityFrameworkCore;

namespace ComplaintDesk.IntegrationTests.Localization.WorkspacePages;

/// <summary>
/// The staff workspace for people whose language is Traditional or Simplified Chinese: every page — queue, intake,
/// case pages in each state with data in every section, evidence, notifications, settings, password, sign-in and
/// sign-out, access denied, errors — with no English left anywhere on it (<see cref="EnglishLeftovers"/>), and the
/// known words in the reader's own script and terms. The data is Chinese, as a Chinese-speaking team's would be.
/// </summary>
public sealed class WorkspacePagesInChineseTests(ComplaintDeskApp app) : IClassFixture<ComplaintDeskApp>, IAsyncLifetime
{
    private const string Photo = "水壺照片.png";
    private const string Invoice = "購買發票.pdf";

    /// <summary>The scene is made once per app: the tests of this class share its database.</summary>
    private static readonly ConditionalWeakTable<ComplaintDeskApp, Task<Scene>> Scenes = [];

    private Scene _scene = null!;

    private sealed record Reader(TestUser Agent, TestUser Supervisor);

    private sealed record Scene(
        IReadOnlyDictionary<string, Reader> Readers, string CustomerEmail, Guid CustomerId,
        Guid Resolving, Guid Closed, Guid FollowUp, Guid Received, Guid Escalated);

    public async ValueTask InitializeAsync()
    {
        Task<Scene> scene;
        lock (Scenes)
        {
            scene = Scenes.GetValue(app, MakeSceneAsync);
        }
        _scene = await scene;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static async Task<Scene> MakeSceneAsync(ComplaintDeskApp app)
    {
        var readers = new Dictionary<string, Reader>
        {
            ["zh-Hant"] = new(
                await WorkspaceStaff.CreateAsync(app, "林志明", "zh-Hant", "Asia/Taipei", Roles.Agent),
                await WorkspaceStaff.CreateAsync(app, "陳淑芬", "zh-Hant", "Asia/Taipei", Roles.Supervisor)),
            ["zh-Hans"] = new(
                await WorkspaceStaff.CreateAsync(app, "王建国", "zh-Hans", "Asia/Shanghai", Roles.Agent),
                await WorkspaceStaff.CreateAsync(app, "李秀英", "zh-Hans", "Asia/Shanghai", Roles.Supervisor)),
        };
        var agent = readers["zh-Hant"].Agent;
        var supervisor = readers["zh-Hant"].Supervisor;
        var tag = Guid.NewGuid().ToString("N")[..8];
        var email = $"meiling.{tag}@example.test";

        LogComplaintCommand Complaint(string subject, string description) => new()
        {
            Customer = new CustomerInput
            {
                Name = "陳美玲", Email = email, Phone = "+886 912 345 678", ExternalId = "778899", PreferredLanguage = "zh-Hant",
                PreferredContact = ContactMethod.Phone,
            },
            Channel = Channel.Phone, Category = "productQuality", Severity = Severity.Medium,
            Subject = subject, Description = description,
            OrderReference = "20261102001", ProductName = "電熱水壺",
            PurchaseDate = new DateOnly(2026, 10, 1), IncidentDate = new DateOnly(2026, 10, 30),
            ProductUsage = "每天早上燒開水。", DesiredResolution = DesiredResolution.Replacement, DesiredResolutionText = "希望換一台新的。",
        };
        Task<ComplaintView> Send(TestUser by, Mediator.ICommand<ComplaintView> command) => app.SendAsync<ComplaintView>(by.Actor, command);

        // Resolving, with something in every section: a keyword alert (律師), acknowledgement, assignments, notes of both
        // kinds, a reply, evidence, an escalation approved with a new owner.
        var resolving = await Send(agent, Complaint("電熱水壺漏水", "水壺底部漏水，差點燙傷小孩，已經找律師諮詢。"));
        var id = resolving.Id;
        await Send(agent, new AcknowledgeComplaintCommand { ComplaintId = id, Message = "已收到您的意見，我們會儘快處理。" });
        await Send(supervisor, new AssignComplaintCommand { ComplaintId = id, OwnerId = agent.Id });
        await app.SendAsync<TimelineEntry>(agent.Actor, new AddNoteCommand { ComplaintId = id, Body = "已致電客戶確認狀況。", Visibility = Visibility.Internal });
        await app.SendAsync<TimelineEntry>(agent.Actor, new AddNoteCommand { ComplaintId = id, Body = "已安排取件檢測。", Visibility = Visibility.Public });
        await app.SendAsync<ReplyView>(agent.Actor, new ReplyToComplaintCommand { ComplaintId = id, Body = "您好，我們已安排專人與您聯繫。" });
        await app.SendAsync<AttachmentView>(agent.Actor, EvidenceSamples.Upload(id, Photo, EvidenceSamples.Png));
        await app.SendAsync<AttachmentView>(agent.Actor, EvidenceSamples.Upload(id, Invoice, EvidenceSamples.Pdf));
        await Send(agent, new StartResolvingCommand { ComplaintId = id });
        await Send(agent, new EscalateComplaintCommand { ComplaintId = id, Reason = "客戶要求主管回覆。" });
        await Send(supervisor, new DecideEscalationCommand { ComplaintId = id, Approved = true, Comment = "同意升級，由主管接手。", NewOwnerId = supervisor.Id });

        // The same customer and order again an hour later, closed with an outcome (a repeat: 第 2 次).
        app.Clock.Advance(TimeSpan.FromHours(1));
        var closed = await Send(agent, Complaint("第二次反映漏水", "換貨後仍然漏水。"));
        await Send(readers["zh-Hans"].Supervisor, new AssignComplaintCommand { ComplaintId = closed.Id, OwnerId = readers["zh-Hans"].Agent.Id });
        await Send(agent, new AcknowledgeComplaintCommand { ComplaintId = closed.Id });
        await Send(agent, new StartResolvingCommand { ComplaintId = closed.Id });
        await Send(agent, new ResolveComplaintCommand { ComplaintId = closed.Id, Summary = "已全額退款。", Outcome = ResolutionOutcome.PartlyUpheld });

        // A third one waiting for the follow-up answer (第 3 次).
        app.Clock.Advance(TimeSpan.FromHours(1));
        var followUp = await Send(agent, Complaint("把手鬆動", "把手使用一週後鬆動。"));
        await Send(agent, new AcknowledgeComplaintCommand { ComplaintId = followUp.Id });
        await Send(agent, new StartResolvingCommand { ComplaintId = followUp.Id });
        await Send(agent, new ResolveComplaintCommand { ComplaintId = followUp.Id, Summary = "已寄送新把手。", Outcome = ResolutionOutcome.Upheld });
        await Send(agent, new StartFollowUpCommand { ComplaintId = followUp.Id });

        // Another customer's, just received and unassigned; and one escalated straight away.
        var received = await Send(agent, new LogComplaintCommand
        {
            Customer = new CustomerInput { Name = "張大同", Email = $"datong.{tag}@example.test" },
            Channel = Channel.WebForm, Category = "logistics", Subject = "包裹遲到", Description = "訂單已經十天還沒送到。",
        });
        var escalated = await Send(agent, new LogComplaintCommand
        {
            Customer = new CustomerInput { Name = "周小萍", Phone = "0912 000 111" },
            Channel = Channel.SocialMedia, Category = "serviceAttitude", Subject = "門市人員態度不佳", Description = "店員對我大聲說話。",
        });
        await Send(agent, new EscalateComplaintCommand { ComplaintId = escalated.Id, Reason = "客戶情緒激動。" });

        return new Scene(readers, email, resolving.Customer.Id, id, closed.Id, followUp.Id, received.Id, escalated.Id);
    }

    public static TheoryData<string> Languages => ["zh-Hant", "zh-Hans"];

    private static string Pick(string language, string traditional, string simplified) => language == "zh-Hant" ? traditional : simplified;

    private async Task<HtmlPage> PageAsync(TestUser user, string url)
    {
        using var session = await PageSession.SignInAsync(app, user);
        return await session.GetPageAsync(url);
    }

    private static void AssertChinese(HtmlPage page, string language, params string[] expected) =>
        AssertChinese(page, language, [], expected);

    private static void AssertChinese(HtmlPage page, string language, IReadOnlyList<string> alsoData, params string[] expected)
    {
        var left = EnglishLeftovers.In(page.Document, [Photo, Invoice, .. alsoData]);
        Assert.True(left.Count == 0, $"English left on {page.Url}:\n{string.Join("\n", left)}");
        Assert.Equal(language, page.Document.DocumentElement.GetAttribute("lang"));
        var text = EnglishLeftovers.TextOf(page.Document);
        foreach (var words in expected)
        {
            Assert.True(text.Contains(words, StringComparison.Ordinal), $"\"{words}\" is not on {page.Url}: {text}");
        }
    }

    private Task<List<string>> NotificationTextsAsync(TestUser user) =>
        app.QueryDbAsync(db => db.Notifications.Where(n => n.UserId == user.Id).Select(n => n.Text).ToListAsync(TestContext.Current.CancellationToken));

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task The_queue(string language)
    {
        var reader = _scene.Readers[language];

        var page = await PageAsync(reader.Agent, "/Complaints");

        Assert.Equal(Pick(language, "案件佇列", "案件队列"), page.Heading);
        AssertChinese(page, language,
            Pick(language, "我的案件", "我的案件"), Pick(language, "風險", "风险"), Pick(language, "重複客訴", "重复投诉"),
            Pick(language, "產品品質", "产品质量"), Pick(language, "處理中", "处理中"), Pick(language, "接手", "接手"),
            Pick(language, "網站表單", "网页表单"), Pick(language, "繁體中文", "简体中文"));
        Assert.Equal("true", page.Document.QuerySelector($"[data-testid=language-switch] button[value={language}]")!.GetAttribute("aria-pressed"));
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task The_escalations_view_of_a_supervisor(string language)
    {
        var page = await PageAsync(_scene.Readers[language].Supervisor, "/Complaints?view=escalated");

        AssertChinese(page, language, Pick(language, "升級案件", "升级案件"), Pick(language, "已升級", "已升级"), Pick(language, "社群媒體", "社交媒体"));
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task The_queue_with_a_filter_value_it_cannot_read(string language)
    {
        var page = await PageAsync(_scene.Readers[language].Agent, "/Complaints?limit=十");

        AssertChinese(page, language, Pick(language, "「十」不是有效的值", "“十”不是有效的值"));
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task The_intake_form(string language)
    {
        var page = await PageAsync(_scene.Readers[language].Agent, "/Complaints/New");

        Assert.Equal(Pick(language, "新增客訴", "新建投诉"), page.Heading);
        AssertChinese(page, language,
            Pick(language, "查詢既有客戶", "查找老客户"), Pick(language, "電子郵件", "电子邮箱"), Pick(language, "偏好聯絡方式", "首选联系方式"),
            Pick(language, "簡訊", "短信"), Pick(language, "門市", "门店"), Pick(language, "緊急", "紧急"), Pick(language, "換貨", "换货"),
            Pick(language, "登錄客訴", "登记投诉"));
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task The_customer_lookup_and_a_returning_customer(string language)
    {
        var agent = _scene.Readers[language].Agent;

        var found = await PageAsync(agent, $"/Complaints/New?findEmail={Uri.EscapeDataString(_scene.CustomerEmail)}");
        var nobody = await PageAsync(agent, "/Complaints/New?findEmail=nobody.here%40example.test");
        var chosen = await PageAsync(agent, $"/Complaints/New?customerId={_scene.CustomerId}");

        AssertChinese(found, language, Pick(language, "先前客訴 3 件", "之前投诉 3 件"), Pick(language, "近 12 個月補償金額", "近 12 个月补偿金额"),
            Pick(language, "使用這位客戶", "使用此客户"), Pick(language, "追蹤回訪", "追踪回访"));
        AssertChinese(nobody, language, Pick(language, "沒有客戶使用這個電子郵件", "没有客户使用此邮箱"));
        AssertChinese(chosen, language, Pick(language, "既有客戶：陳美玲（先前客訴 3 件）", "老客户：陳美玲（之前投诉 3 件）"));
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task The_intake_form_sent_back_with_its_errors(string language)
    {
        using var session = await PageSession.SignInAsync(app, _scene.Readers[language].Agent);
        var form = await session.GetPageAsync("/Complaints/New");

        using var response = await session.SubmitAsync(form, Pick(language, "登錄客訴", "登记投诉"));
        var page = await HtmlPage.ReadAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertChinese(page, language, Pick(language, "客訴尚未登錄，請檢查：", "投诉尚未登记，请检查："));
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task A_case_being_resolved_with_every_section_filled(string language)
    {
        var reader = _scene.Readers[language];

        var asAgent = await PageAsync(reader.Agent, $"/Complaints/{_scene.Resolving}");
        var asSupervisor = await PageAsync(reader.Supervisor, $"/Complaints/{_scene.Resolving}");

        AssertChinese(asAgent, language,
            Pick(language, "狀態：", "状态："), Pick(language, "風險標記", "风险标记"), Pick(language, "升級第 1 級", "升级第 1 级"),
            Pick(language, "嚴重程度：高", "严重程度：高"), Pick(language, "電話", "电话"), Pick(language, "繁體中文", "繁体中文"),
            Pick(language, "關鍵字「律師」：嚴重程度 中 → 高，已加上風險標記", "关键词“律師”：严重程度 中 → 高，已添加风险标记"),
            Pick(language, "系統", "系统"), Pick(language, "內部備註", "内部备注"), Pick(language, "給客戶的備註", "给客户的备注"),
            Pick(language, "回覆客戶", "回复客户"), Pick(language, "升級已核准", "升级已批准"), Pick(language, "已新增佐證資料", "已添加证据材料"),
            Pick(language, "（新建 → 已收到）", "（新建 → 已接收）"), Pick(language, "回覆範本", "回复模板"),
            Pick(language, "關於訂單 20261102001 的其他客訴", "关于订单 20261102001 的其他投诉"), Pick(language, "完成處理", "完成处理"),
            Pick(language, "佐證資料", "证据材料"), Pick(language, "新增備註", "添加备注"), "UTC+8");
        AssertChinese(asSupervisor, language, Pick(language, "申請升級", "申请升级"), Pick(language, "（主管）", "（主管）"));
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task Cases_in_the_other_states(string language)
    {
        var reader = _scene.Readers[language];

        var closed = await PageAsync(reader.Agent, $"/Complaints/{_scene.Closed}");
        var followUp = await PageAsync(reader.Agent, $"/Complaints/{_scene.FollowUp}");
        var received = await PageAsync(reader.Agent, $"/Complaints/{_scene.Received}");
        var escalated = await PageAsync(reader.Supervisor, $"/Complaints/{_scene.Escalated}");

        AssertChinese(closed, language, Pick(language, "90 天內第 2 次客訴", "90 天内第 2 次投诉"), Pick(language, "部分成立", "部分成立"),
            Pick(language, "重新開啟", "重新打开"), Pick(language, "開始追蹤回訪", "开始追踪回访"), Pick(language, "已結案", "已结案"));
        AssertChinese(followUp, language, Pick(language, "90 天內第 3 次客訴", "90 天内第 3 次投诉"), Pick(language, "確認客戶滿意", "确认客户满意"),
            Pick(language, "（非常滿意）", "（非常满意）"));
        AssertChinese(received, language, Pick(language, "確認受理", "确认受理"), Pick(language, "物流／配送", "物流/配送"), Pick(language, "未指派", "未分配"));
        AssertChinese(escalated, language, Pick(language, "升級決定", "升级决定"), Pick(language, "核准", "批准"), Pick(language, "駁回", "驳回"));
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task The_evidence_page(string language)
    {
        var page = await PageAsync(_scene.Readers[language].Agent, $"/Complaints/{_scene.Resolving}/Evidence");

        AssertChinese(page, language, Pick(language, "新增佐證資料", "添加证据材料"), Pick(language, "上傳", "上传"), Pick(language, "回到客訴", "返回投诉"));
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task Evidence_that_is_refused(string language)
    {
        using var session = await PageSession.SignInAsync(app, _scene.Readers[language].Agent);
        var casePage = await session.GetPageAsync($"/Complaints/{_scene.Received}");

        using var response = await session.SubmitAsync(casePage, Pick(language, "上傳", "上传"), null,
            [new UploadFile("file", "說明.txt", EvidenceSamples.Text, "text/plain")]);
        var page = await HtmlPage.ReadAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertChinese(page, language, ["說明.txt"], Pick(language, "檔案未新增：", "文件未添加："));
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task The_severity_suggestion_while_typing(string language)
    {
        using var session = await PageSession.SignInAsync(app, _scene.Readers[language].Agent);

        using var response = await session.GetAsync($"/Complaints/SeveritySuggestion?text={Uri.EscapeDataString("我要找律師")}&chosen=Medium");
        using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var message = json.RootElement.GetProperty("message").GetString()!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotMatch("[A-Za-z]{2,}", message);
        Assert.Contains(Pick(language, "關鍵字規則", "关键词规则"), message, StringComparison.Ordinal);
        Assert.Contains("律師", message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task The_notifications(string language)
    {
        var reader = _scene.Readers[language];

        var agents = await PageAsync(reader.Agent, "/Notifications");
        var supervisors = await PageAsync(reader.Supervisor, "/Notifications");

        // A notification's text is stored, composed by the application in its recipient's language when it is written
        // (Localization/Messages/NotificationLanguageTests); here, the page around it.
        AssertChinese(agents, language, await NotificationTextsAsync(reader.Agent),
            Pick(language, "全部標為已讀", "全部标为已读"), Pick(language, "案件指派", "案件分配"), Pick(language, "未讀", "未读"));
        AssertChinese(supervisors, language, await NotificationTextsAsync(reader.Supervisor),
            Pick(language, "升級申請", "升级申请"), Pick(language, "關鍵字警示", "关键词预警"));
        var bell = supervisors.TestId("notification-bell")!.TextContent;
        Assert.Contains(Pick(language, "則未讀", "条未读"), bell, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task Settings_password_and_sign_out(string language)
    {
        var agent = _scene.Readers[language].Agent;

        var settings = await PageAsync(agent, "/Account/Settings");
        var password = await PageAsync(agent, "/Account/ChangePassword");
        var signOut = await PageAsync(agent, "/Account/Logout");

        AssertChinese(settings, language, Pick(language, "我的設定", "我的设置"), Pick(language, "時區", "时区"), Pick(language, "台北", "台北"),
            Pick(language, "世界標準時間", "协调世界时"));
        AssertChinese(password, language, Pick(language, "目前密碼", "当前密码"));
        AssertChinese(signOut, language, Pick(language, "要在這個瀏覽器登出客訴處理台嗎？", "要在此浏览器上退出投诉处理台吗？"));
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task A_refused_password_change(string language)
    {
        using var session = await PageSession.SignInAsync(app, _scene.Readers[language].Agent);
        var form = await session.GetPageAsync("/Account/ChangePassword");

        using var response = await session.SubmitAsync(form, Pick(language, "變更密碼", "修改密码"), new()
        {
            ["CurrentPassword"] = ComplaintDeskApp.Password, ["NewPassword"] = "短", ["ConfirmPassword"] = "短",
        });
        var page = await HtmlPage.ReadAsync(response);

        AssertChinese(page, language, Pick(language, "密碼至少需要 12 個字元", "密码至少需要 12 个字符"));
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task Access_denied_and_the_error_pages(string language)
    {
        using var session = await PageSession.SignInAsync(app, _scene.Readers[language].Agent);

        var denied = await session.GetAsync("/Account/AccessDenied");
        var missing = await session.GetAsync($"/Complaints/{Guid.NewGuid()}");
        var error = await session.GetPageAsync("/Error");

        AssertChinese(await HtmlPage.ReadAsync(denied), language, Pick(language, "無權存取", "无权访问"), Pick(language, "回到案件佇列", "返回案件队列"));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        AssertChinese(await HtmlPage.ReadAsync(missing), language, Pick(language, "找不到頁面", "找不到页面"));
        AssertChinese(error, language, Pick(language, "發生錯誤", "出错了"), Pick(language, "追蹤碼：", "跟踪编号："));
    }

    [Theory]
    [InlineData("zh-Hant", "zh-TW")]
    [InlineData("zh-Hans", "zh-CN")]
    public async Task Signed_out_pages_follow_the_browser_language(string language, string acceptLanguage)
    {
        using var session = PageSession.Anonymous(app);
        session.Client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(acceptLanguage);

        var login = await session.GetPageAsync("/Account/Login");
        using var refused = await session.SubmitAsync(login, Pick(language, "登入", "登录"), new() { ["Email"] = "nobody@example.test", ["Password"] = "錯誤的密碼" });
        var denied = await session.GetAsync("/Account/AccessDenied");

        AssertChinese(login, language, Pick(language, "電子郵件", "电子邮箱"), Pick(language, "密碼", "密码"));
        AssertChinese(await HtmlPage.ReadAsync(refused), language, Pick(language, "電子郵件或密碼不正確。", "邮箱或密码不正确。"));
        AssertChinese(await HtmlPage.ReadAsync(denied), language, Pick(language, "登入", "登录"));
    }
}
