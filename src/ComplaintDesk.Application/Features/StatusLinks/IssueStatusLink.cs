using ComplaintDesk.Application.Features.Complaints;
using FluentValidation;
using Mediator;

namespace ComplaintDesk.Application.Features.StatusLinks;

/// <summary>The new link, shown once: afterwards only its hash exists.</summary>
public sealed record StatusLinkView(string StatusLink, DateTimeOffset IssuedAt);

/// <summary>
/// Staff issue a new status link (the customer lost it, or it leaked): every older link of the case stops opening at
/// once, and the customer is sent the new one.
/// </summary>
public sealed record IssueStatusLinkCommand : ComplaintCommand, ICommand<StatusLinkView>;

public sealed class IssueStatusLinkValidator : AbstractValidator<IssueStatusLinkCommand>
{
    public IssueStatusLinkValidator() => RuleFor(c => c.ComplaintId).NotEmpty();
}

public sealed class IssueStatusLinkHandler(ComplaintEditor editor, StatusLinkIssuer links) : ICommandHandler<IssueStatusLinkCommand, StatusLinkView>
{
    public async ValueTask<StatusLinkView> Handle(IssueStatusLinkCommand command, CancellationToken cancellationToken)
    {
        var complaint = await editor.LoadAsync(command, cancellationToken);
        complaint.RecordStatusLink(issued: true, editor.Actor, editor.Now);
        await links.RevokeAllAsync(editor.Db, complaint.Id, cancellationToken);
        var url = links.Issue(editor.Db, complaint.Id);
        await editor.SaveAsync(complaint, cancellationToken);
        return new StatusLinkView(url, editor.Now);
    }
}

/// <summary>Staff revoke every status link of the case: from the next request on, on every instance, they answer 404.</summary>
public sealed record RevokeStatusLinkCommand : ComplaintCommand, ICommand<ComplaintView>;

public sealed class RevokeStatusLinkValidator : AbstractValidator<RevokeStatusLinkCommand>
{
    public RevokeStatusLinkValidator() => RuleFor(c => c.ComplaintId).NotEmpty();
}

public sealed class RevokeStatusLinkHandler(ComplaintEditor editor, StatusLinkIssuer links) : ICommandHandler<RevokeStatusLinkCommand, ComplaintView>
{
    public async ValueTask<ComplaintView> Handle(RevokeStatusLinkCommand command, CancellationToken cancellationToken)
    {
        var complaint = await editor.LoadAsync(command, cancellationToken);
        complaint.RecordStatusLink(issued: false, editor.Actor, editor.Now);
        await links.RevokeAllAsync(editor.Db, complaint.Id, cancellationToken);
        return await editor.SaveAsync(complaint, cancellationToken);
    }
}
