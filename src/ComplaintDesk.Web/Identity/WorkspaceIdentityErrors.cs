using ComplaintDesk.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace ComplaintDesk.Web.Identity;

/// <summary>
/// ASP.NET Core Identity's error texts (a new password too short, an e-mail already taken…) in the request language.
/// The keys are Identity's own English wording; English, and any text without a translation, stays Identity's own.
/// </summary>
public sealed class WorkspaceIdentityErrors(IStringLocalizer<SharedResource> localizer) : IdentityErrorDescriber
{
    public override IdentityError DefaultError() => Translate(base.DefaultError());
    public override IdentityError ConcurrencyFailure() => Translate(base.ConcurrencyFailure());
    public override IdentityError PasswordMismatch() => Translate(base.PasswordMismatch());
    public override IdentityError InvalidToken() => Translate(base.InvalidToken());
    public override IdentityError InvalidUserName(string? userName) => Translate(base.InvalidUserName(userName), userName);
    public override IdentityError InvalidEmail(string? email) => Translate(base.InvalidEmail(email), email);
    public override IdentityError DuplicateUserName(string userName) => Translate(base.DuplicateUserName(userName), userName);
    public override IdentityError DuplicateEmail(string email) => Translate(base.DuplicateEmail(email), email);
    public override IdentityError UserAlreadyHasPassword() => Translate(base.UserAlreadyHasPassword());
    public override IdentityError UserAlreadyInRole(string role) => Translate(base.UserAlreadyInRole(role), role);
    public override IdentityError UserNotInRole(string role) => Translate(base.UserNotInRole(role), role);
    public override IdentityError PasswordTooShort(int length) => Translate(base.PasswordTooShort(length), length);
    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => Translate(base.PasswordRequiresUniqueChars(uniqueChars), uniqueChars);
    public override IdentityError PasswordRequiresNonAlphanumeric() => Translate(base.PasswordRequiresNonAlphanumeric());
    public override IdentityError PasswordRequiresDigit() => Translate(base.PasswordRequiresDigit());
    public override IdentityError PasswordRequiresLower() => Translate(base.PasswordRequiresLower());
    public override IdentityError PasswordRequiresUpper() => Translate(base.PasswordRequiresUpper());

    /// <summary>The translation is keyed by the English format (Identity's texts put the value in place of {0}).</summary>
    private IdentityError Translate(IdentityError error, object? argument = null)
    {
        var key = EnglishFormats.GetValueOrDefault(error.Code);
        if (key is null)
        {
            return error;
        }
        var text = argument is null ? localizer[key] : localizer[key, argument];
        return text.ResourceNotFound ? error : new IdentityError { Code = error.Code, Description = text.Value };
    }

    /// <summary>Identity's English texts, as formats: the resource keys.</summary>
    private static readonly Dictionary<string, string> EnglishFormats = new()
    {
        [nameof(DefaultError)] = "An unknown failure has occurred.",
        [nameof(ConcurrencyFailure)] = "Optimistic concurrency failure, object has been modified.",
        [nameof(PasswordMismatch)] = "Incorrect password.",
        [nameof(InvalidToken)] = "Invalid token.",
        [nameof(InvalidUserName)] = "Username '{0}' is invalid, can only contain letters or digits.",
        [nameof(InvalidEmail)] = "Email '{0}' is invalid.",
        [nameof(DuplicateUserName)] = "Username '{0}' is already taken.",
        [nameof(DuplicateEmail)] = "Email '{0}' is already taken.",
        [nameof(UserAlreadyHasPassword)] = "User already has a password set.",
        [nameof(UserAlreadyInRole)] = "User already in role '{0}'.",
        [nameof(UserNotInRole)] = "User is not in role '{0}'.",
        [nameof(PasswordTooShort)] = "Passwords must be at least {0} characters.",
        [nameof(PasswordRequiresUniqueChars)] = "Passwords must use at least {0} different characters.",
        [nameof(PasswordRequiresNonAlphanumeric)] = "Passwords must have at least one non alphanumeric character.",
        [nameof(PasswordRequiresDigit)] = "Passwords must have at least one digit ('0'-'9').",
        [nameof(PasswordRequiresLower)] = "Passwords must have at least one lowercase ('a'-'z').",
        [nameof(PasswordRequiresUpper)] = "Passwords must have at least one uppercase ('A'-'Z').",
    };
}
