using Microsoft.AspNetCore.Identity;

namespace ComplaintDesk.Application.Identity;

/// <summary>A signed-in person: agent, supervisor or administrator.</summary>
public sealed class StaffUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    /// <summary>en, zh-Hant or zh-Hans: the language the workspace speaks to this person.</summary>
    public string PreferredLanguage { get; set; } = "en";

    /// <summary>IANA time zone in which this person reads dates and times.</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>A disabled user cannot sign in, and their cookies and tokens stop working on the next request.</summary>
    public bool Disabled { get; set; }
}

public static class Roles
{
    public const string Agent = "Agent";
    public const string Supervisor = "Supervisor";
    public const string Admin = "Admin";

    public static IReadOnlyList<string> All { get; } = [Agent, Supervisor, Admin];
}
