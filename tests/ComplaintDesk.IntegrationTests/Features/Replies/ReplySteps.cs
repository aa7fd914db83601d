using ComplaintDesk.Domain.Templates;
using ComplaintDesk.IntegrationTests.Infrastructure;

namespace ComplaintDesk.IntegrationTests.Features.Replies;

/// <summary>Reply templates straight into the table: their administration is another area's, and not under test here.</summary>
public static class ReplySteps
{
    public static async Task<ReplyTemplate> CreateTemplateAsync(this ComplaintDeskApp app, string title, string body,
        string language = "en", string? category = null)
    {
        var template = new ReplyTemplate(title, category, language, body, app.Clock.GetUtcNow());
        await app.QueryDbAsync(db =>
        {
            db.ReplyTemplates.Add(template);
            return db.SaveChangesAsync(TestContext.Current.CancellationToken);
        });
        return template;
    }
}
