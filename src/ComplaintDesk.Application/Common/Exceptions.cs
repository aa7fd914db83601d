namespace ComplaintDesk.Application.Common;

/// <summary>
/// The thing does not exist, or is not the caller's to see. 404 in the API. The message is made in the reader's
/// language when thrown (the request's culture): <paramref name="what"/> is an English noun such as "Complaint".
/// </summary>
public sealed class NotFoundException(string what, object key) : Exception(Texts.Format("{0} {1} was not found.", Texts.Get(what), key));

/// <summary>Someone else changed the record first. 409 in the API (412 when the caller sent If-Match).</summary>
public sealed class ConcurrencyConflictException()
    : Exception(Texts.Get("This was changed by someone else in the meantime. Reload it and try again."));
