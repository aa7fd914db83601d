using Microsoft.AspNetCore.Identity;

namespace ComplaintDesk.Application.Identity;

/// <summary>A signed-in person: agent, supervisor or administrator.</summary>
public sealed class StaffUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
}

public static class Roles
{
    public const string Agent = "Agent";
    public const string Supervisor = "Supervisor";
    public const string Admin = "Admin";

    public static IReadOnlyList<string> All { get; } = [Agent, Supervisor, Admin];
}
