using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace ComplaintDesk.Domain.StatusLinks;

/// <summary>
/// One private status link of a complaint: a capability URL (<c>/s/{token}</c>) for a customer without an account.
/// Only the SHA-256 of the token is kept; the token itself exists in the answer that issued it and in the message that
/// carries it. A complaint may have several live links (each message carries its own); revoking revokes them all.
/// </summary>
public sealed class StatusLink
{
    private StatusLink() { }

    public StatusLink(Guid complaintId, byte[] tokenHash, DateTimeOffset issuedAt)
    {
        Id = Guid.CreateVersion7(issuedAt);
        ComplaintId = complaintId;
        TokenHash = tokenHash;
        IssuedAt = issuedAt;
    }

    public Guid Id { get; private set; }
    public Guid ComplaintId { get; private set; }
    public byte[] TokenHash { get; private set; } = [];
    public DateTimeOffset IssuedAt { get; private set; }
    public DateTimeOffset? RevokedAt { get; private set; }

    public void Revoke(DateTimeOffset at) => RevokedAt ??= at;

    /// <summary>
    /// Closed for good this long ago → the link answers 410 Gone. A case in follow-up or reopened is not closed, so its
    /// links live; the clock starts again at the next closure.
    /// </summary>
    public static bool IsExpired(Complaints.ComplaintState state, DateTimeOffset? closedAt, TimeSpan lifetimeAfterClosure, DateTimeOffset now) =>
        state == Complaints.ComplaintState.Closed && closedAt is { } closed && closed + lifetimeAfterClosure <= now;
}

/// <summary>The token of a status link: 256 random bits, base64url without padding (43 characters).</summary>
public static class StatusLinkToken
{
    public const int Bytes = 32;
    public const int Length = 43;

    public static string New() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(Bytes));

    public static byte[] Hash(string token) => SHA256.HashData(Encoding.ASCII.GetBytes(token));

    /// <summary>Exactly 43 base64url characters; anything else is refused before the database is asked.</summary>
    public static bool IsWellFormed(string? token) =>
        token is { Length: Length } && token.All(c => c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_');

    /// <summary>What logs may say about a token: the first 8 hex digits of its hash — enough to correlate, useless to open.</summary>
    public static string LogId(string token) => Convert.ToHexStringLower(Hash(token))[..8];

    /// <summary>Compares two hashes in constant time.</summary>
    public static bool Matches(byte[] storedHash, byte[] presentedHash) => CryptographicOperations.FixedTimeEquals(storedHash, presentedHash);
}
