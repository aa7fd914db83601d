namespace ComplaintDesk.Domain.Templates;

/// <summary>
/// A reply script with placeholders such as {customerName}, {reference}, {acknowledgeBy}, {resolveBy},
/// {agentFirstName} and {statusLink}, for one language and optionally one category.
/// </summary>
public sealed class ReplyTemplate
{
    private ReplyTemplate() { }

    public ReplyTemplate(string title, string? categoryCode, string language, string body, DateTimeOffset at)
    {
        Id = Guid.CreateVersion7(at);
        Change(title, categoryCode, language, body, at);
        CreatedAt = at;
    }

    public Guid Id { get; private set; }
    public string Title { get; private set; } = "";
    /// <summary>Null: suits any category.</summary>
    public string? CategoryCode { get; private set; }
    public string Language { get; private set; } = "";
    public string Body { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public void Change(string title, string? categoryCode, string language, string body, DateTimeOffset at)
    {
        Title = title.Trim();
        CategoryCode = string.IsNullOrWhiteSpace(categoryCode) ? null : categoryCode;
        Language = language;
        Body = body.Trim();
        UpdatedAt = at;
    }
}
