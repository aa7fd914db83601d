using System.Globalization;
using System.Text;
using ComplaintDesk.Domain.Complaints;

namespace ComplaintDesk.Domain.Customers;

/// <summary>A customer is its own record so that repeat complainants are visible (matched on e-mail or phone).</summary>
public sealed class Customer
{
    private Customer() { }

    public Customer(string name, string? email, string? phone, string? externalId, string preferredLanguage,
        ContactMethod preferredContact, DateTimeOffset at)
    {
        Id = Guid.CreateVersion7(at);
        Name = name.Trim();
        Email = string.IsNullOrWhiteSpace(email) ? null : email.Trim();
        Phone = string.IsNullOrWhiteSpace(phone) ? null : phone.Trim();
        NormalisedEmail = NormaliseEmail(email);
        NormalisedPhone = NormalisePhone(phone);
        ExternalId = string.IsNullOrWhiteSpace(externalId) ? null : externalId.Trim();
        PreferredLanguage = preferredLanguage;
        PreferredContact = preferredContact;
        CreatedAt = at;
    }

    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    public string? Email { get; private set; }
    public string? Phone { get; private set; }
    public string? NormalisedEmail { get; private set; }
    public string? NormalisedPhone { get; private set; }
    public string? ExternalId { get; private set; }
    public string PreferredLanguage { get; private set; } = Languages.English;
    public ContactMethod PreferredContact { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    /// <summary>A VIP customer's cases may follow their own SLA cells.</summary>
    public bool Vip { get; private set; }

    public void MarkVip(bool vip) => Vip = vip;

    /// <summary>A returning customer may give contact details we lacked; we add them, never overwrite.</summary>
    public void CompleteContactDetails(string? email, string? phone, string? externalId)
    {
        if (Email is null && !string.IsNullOrWhiteSpace(email))
        {
            Email = email.Trim();
            NormalisedEmail = NormaliseEmail(email);
        }
        if (Phone is null && !string.IsNullOrWhiteSpace(phone))
        {
            Phone = phone.Trim();
            NormalisedPhone = NormalisePhone(phone);
        }
        if (ExternalId is null && !string.IsNullOrWhiteSpace(externalId))
        {
            ExternalId = externalId.Trim();
        }
    }

    public static string? NormaliseEmail(string? email) =>
        string.IsNullOrWhiteSpace(email) ? null : email.Trim().Normalize(NormalizationForm.FormKC).ToLowerInvariant();

    /// <summary>Digits only, with a leading + kept: "+886 2-1234 5678" and "+88621234 5678" match.</summary>
    public static string? NormalisePhone(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone))
        {
            return null;
        }
        var text = phone.Trim().Normalize(NormalizationForm.FormKC);
        var digits = new StringBuilder();
        if (text.StartsWith('+'))
        {
            digits.Append('+');
        }
        foreach (var c in text.Where(char.IsAsciiDigit))
        {
            digits.Append(c);
        }
        return digits.Length == 0 ? null : digits.ToString();
    }
}

public static class Languages
{
    public const string English = "en";
    public const string TraditionalChinese = "zh-Hant";
    public const string SimplifiedChinese = "zh-Hans";

    public static IReadOnlyList<string> All { get; } = [English, TraditionalChinese, SimplifiedChinese];

    /// <summary>The culture stored text is written in for <paramref name="language"/>: one of <see cref="All"/>, anything else English.</summary>
    public static CultureInfo CultureOf(string? language) =>
        CultureInfo.GetCultureInfo(language is not null && All.Contains(language) ? language : English);
}
