namespace ComplaintDesk.Domain;

/// <summary>Text limits shared by the EF configuration and the validators, so the two never disagree.</summary>
public static class FieldLengths
{
    public const int Reference = 20;
    public const int PersonName = 200;
    public const int Email = 254;
    public const int Phone = 40;
    public const int ExternalId = 100;
    public const int Language = 10;
    public const int CategoryCode = 50;
    public const int CategoryName = 100;
    public const int Subject = 200;
    public const int Description = 8000;
    public const int OrderReference = 100;
    public const int ProductName = 200;
    public const int ProductUsage = 2000;
    public const int DesiredResolutionText = 2000;
    public const int Reason = 2000;
    public const int Summary = 4000;
    public const int NoteBody = 8000;
    public const int UserId = 64;
    public const int FileName = 255;
    public const int ContentType = 100;
    public const int StorageKey = 100;
    public const int TemplateTitle = 200;
    public const int TemplateBody = 8000;
    public const int KeywordPhrase = 100;
    public const int NotificationText = 500;
    public const int TimeZone = 64;
    public const int EmailSubject = 300;
    public const int EmailBody = 32000;
    public const int OutboxError = 1000;
}
