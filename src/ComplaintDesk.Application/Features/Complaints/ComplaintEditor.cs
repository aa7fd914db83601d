using System.Text.Json.Serialization;
using ComplaintDesk.Application.Common;
using ComplaintDesk.Application.Identity;
using ComplaintDesk.Application.Persistence;
using ComplaintDesk.Domain.Actors;
using ComplaintDesk.Domain.Complaints;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;

namespace ComplaintDesk.Application.Features.Complaints;

/// <summary>A command that changes one complaint; <see cref="ExpectedVersion"/> is the ETag the caller last saw.</summary>
public interface IComplaintCommand
{
    Guid ComplaintId { get; }
    uint? ExpectedVersion { get; }
}

/// <summary>
/// The two things every command on an existing complaint carries. Neither is read from a JSON body: the API takes the
/// id from the route and the version from If-Match; a page form posts both as fields.
/// </summary>
public abstract record ComplaintCommand : IComplaintCommand
{
    [JsonIgnore] public Guid ComplaintId { get; init; }
    [JsonIgnore] public uint? ExpectedVersion { get; init; }
}

/// <summary>
/// What every command on an existing complaint does around its one domain call: load it (or 404), check the
/// caller's version, save once (a lost race becomes a conflict), and answer with the fresh resource.
/// </summary>
public sealed class ComplaintEditor(ComplaintDeskDbContext db, ICurrentActor currentActor, TimeProvider clock, LifecycleSettings settings)
{
    public Actor Actor => currentActor.Actor;
    public DateTimeOffset Now => clock.GetUtcNow();
    public LifecycleSettings Settings => settings;
    public ComplaintDeskDbContext Db => db;

    public async Task<Complaint> LoadAsync(IComplaintCommand command, CancellationToken cancellationToken)
    {
        var complaint = await db.Complaints.Include(c => c.Customer)
            .SingleOrDefaultAsync(c => c.Id == command.ComplaintId, cancellationToken)
            ?? throw new NotFoundException("Complaint", command.ComplaintId);
        if (command.ExpectedVersion is { } expected && expected != complaint.Version)
        {
            throw new ConcurrencyConflictException();
        }
        return complaint;
    }

    public async Task<ComplaintView> SaveAsync(Complaint complaint, CancellationToken cancellationToken)
    {
        await SaveCaseAsync(db, complaint, cancellationToken);
        return await ComplaintView.ReadAsync(db, complaint, Actor, Now, settings, cancellationToken);
    }

    /// <summary>
    /// Saves every change, the case row always among them, so its xmin check runs and xmin moves on: a note written
    /// in the same instant as the last change alters no column, and without this two writers of one version could both
    /// succeed. A lost race is a <see cref="ConcurrencyConflictException"/> (409). Shared with the offer commands.
    /// </summary>
    internal static async Task SaveCaseAsync(ComplaintDeskDbContext db, Complaint complaint, CancellationToken cancellationToken)
    {
        db.Entry(complaint).Property(c => c.LastChangedAt).IsModified = true;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException();
        }
    }

    /// <summary>An active agent or supervisor who can own a case; otherwise a field error on <paramref name="field"/>.</summary>
    public async Task<(string Id, string Name)> FindCaseHandlerAsync(string userId, string field, CancellationToken cancellationToken)
    {
        var now = Now;
        var handler = await (
                from user in db.Users
                join userRole in db.UserRoles on user.Id equals userRole.UserId
                join role in db.Roles on userRole.RoleId equals role.Id
                where user.Id == userId && !user.Disabled && (role.Name == Roles.Agent || role.Name == Roles.Supervisor)
                      && (user.LockoutEnd == null || user.LockoutEnd < now)
                select new { user.Id, user.DisplayName })
            .FirstOrDefaultAsync(cancellationToken);
        if (handler is null)
        {
            throw new ValidationException([new ValidationFailure(field, Texts.Get("No active agent or supervisor has this id."))]);
        }
        return (handler.Id, handler.DisplayName);
    }
}
