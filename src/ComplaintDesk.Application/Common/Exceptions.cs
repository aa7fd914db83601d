namespace ComplaintDesk.Application.Common;

/// <summary>The thing does not exist, or is not the caller's to see. 404 in the API.</summary>
public sealed class NotFoundException(string what, object key) : Exception($"{what} {key} was not found.");

/// <summary>Someone else changed the record first. 409 in the API (412 when the caller sent If-Match).</summary>
public sealed class ConcurrencyConflictException()
    : Exception("This was changed by someone else in the meantime. Reload it and try again.");
