using ComplaintDesk.Application.Features.Notifications;
using ComplaintDesk.Domain.Alerts;
using ComplaintDesk.Domain.Notifications;
using ComplaintDesk.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Severity = ComplaintDesk.Domain.Complaints.Severity;

namespace ComplaintDesk.IntegrationTests.Features.Notifications;

/// <summary>Notification steps shared by the slice, API and page tests: read what was stored, set up a backlog.</summary>
public sealed class NotificationSteps(ComplaintDeskApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Everything stored for one user, oldest first.</summary>
    public Task<List<Notification>> ForAsync(TestUser user) =>
        app.QueryDbAsync(db => db.Notifications.AsNoTracking().Where(n => n.UserId == user.Id).OrderBy(n => n.Id).ToListAsync(Ct));

    public Task<List<Notification>> ForComplaintAsync(TestUser user, Guid complaintId) =>
        app.QueryDbAsync(db => db.Notifications.AsNoTracking()
            .Where(n => n.UserId == user.Id && n.ComplaintId == complaintId).OrderBy(n => n.Id).ToListAsync(Ct));

    /// <summary>Notifications written straight to the table (for paging and counting), oldest first; returns their ids.</summary>
    public Task<List<long>> SeedAsync(TestUser user, int count, string text = "Seeded notification")
    {
        return app.QueryDbAsync(async db =>
        {
            var rows = Enumerable.Range(1, count)
                .Select(i => new Notification(user.Id, NotificationKind.Assigned, null, $"CD-2026-{i:D6}", $"{text} {i}", app.Clock.GetUtcNow()))
                .ToList();
            db.Notifications.AddRange(rows);
            await db.SaveChangesAsync(Ct);
            return rows.Select(n => n.Id).ToList();
        });
    }

    /// <summary>
    /// A keyword rule with exactly these settings, written straight to the table. The migrations seed common phrases
    /// (lawyer, 律師…), so an existing rule for the phrase is changed rather than added twice.
    /// </summary>
    public Task AddKeywordRuleAsync(string phrase, Severity minimumSeverity, bool riskFlag) =>
        app.QueryDbAsync(async db =>
        {
            var folded = KeywordRule.Fold(phrase.Trim());
            if (await db.KeywordRules.SingleOrDefaultAsync(r => r.FoldedPhrase == folded, Ct) is { } existing)
            {
                existing.Change(phrase, minimumSeverity, riskFlag);
            }
            else
            {
                db.KeywordRules.Add(new KeywordRule(phrase, minimumSeverity, riskFlag, app.Clock.GetUtcNow()));
            }
            return await db.SaveChangesAsync(Ct);
        });

    public Task DisableAsync(TestUser user) =>
        app.QueryDbAsync(db => db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.Disabled, true), Ct));

    public Task<UnreadCount> UnreadAsync(TestUser user) => app.SendAsync<UnreadCount>(user.Actor, new CountUnreadNotificationsQuery());

    public Task<NotificationPage> ListAsync(TestUser user, ListNotificationsQuery? query = null) =>
        app.SendAsync<NotificationPage>(user.Actor, query ?? new ListNotificationsQuery());
}
