using ComplaintDesk.Application.Features.Complaints;
using FluentValidation;
using Mediator;

namespace ComplaintDesk.Application.Features.StatusLinks;

/// <summary>
/// Staff issue a new status link (the customer lost it, or it leaked): every older link of the case stops opening at
/// once, and the customer is sent the new one. The answer is the complaint (its version moved: the timeline records the
/// issue) with <see cref="ComplaintView.StatusLink"/> filled, as the acknowledgement's: the only time the link can be read.
/// </summary>
public sealed record IssueStatusLinkCommand : ComplaintCommand, ICommand<ComplaintView>;

public sealed class IssueStatusLinkValidator : AbstractValidator<IssueStatusLinkCommand>
{
    public IssueStatusLinkValidator() => RuleFor(c => c.ComplaintId).NotEmpty();
}

public sealed class IssueStatusLinkHandler(ComplaintEditor editor, StatusLinkIssuer links) : ICommandHandler<IssueStatusLinkCommand, ComplaintView>
{
    public async ValueTask<ComplaintView> Handle(IssueStatusLinkCommand command, CancellationToken cancellationToken)
    {
        var complaint = await editor.LoadAsync(command, cancellationToken);
        complaint.RecordStatusLink(issued: true, editor.Actor, editor.Now);
        await links.RevokeAllAsync(editor.Db, complaint.Id, cancellationToken);
        var url = links.Issue(editor.Db, complaint.Id);
        var view = await editor.SaveAsync(complaint, cancellationToken);
        return view with { StatusLink = url };
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
