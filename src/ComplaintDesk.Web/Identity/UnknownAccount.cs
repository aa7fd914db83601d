using ComplaintDesk.Application.Identity;
using Microsoft.AspNetCore.Identity;

namespace ComplaintDesk.Web.Identity;

/// <summary>
/// Sign-in answers the same for an unknown e-mail and a wrong password; this makes it take as long too, by hashing
/// the attempt against a throwaway hash (PBKDF2, like a real check) when there is no account to check against.
/// </summary>
public static class UnknownAccount
{
    private static readonly StaffUser Nobody = new();
    private static readonly Lazy<string> DummyHash = new(() =>
        new PasswordHasher<StaffUser>().HashPassword(Nobody, Guid.NewGuid().ToString("N")));

    public static void SpendAPasswordCheck(IPasswordHasher<StaffUser> hasher, string? password) =>
        hasher.VerifyHashedPassword(Nobody, DummyHash.Value, password ?? "");
}
