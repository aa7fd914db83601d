using ComplaintDesk.Application.Common;
using ComplaintDesk.Application.Persistence;
using ComplaintDesk.Domain.Actors;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ComplaintDesk.Application.Features.Customers;

/// <summary>
/// A supervisor marks a customer as VIP (or not): their new deadlines follow the policy's VIP cells. Running clocks keep
/// their deadlines, as with any policy change.
/// </summary>
public sealed record MarkCustomerVipCommand : ICommand<CustomerView>
{
    [System.Text.Json.Serialization.JsonIgnore] public Guid CustomerId { get; init; }
    public bool? Vip { get; init; }
}

public sealed class MarkCustomerVipValidator : AbstractValidator<MarkCustomerVipCommand>
{
    public MarkCustomerVipValidator()
    {
        RuleFor(c => c.CustomerId).NotEmpty();
        RuleFor(c => c.Vip).NotNull();
    }
}

public sealed class MarkCustomerVipHandler(ComplaintDeskDbContext db, ICurrentActor currentActor, ISender sender)
    : ICommandHandler<MarkCustomerVipCommand, CustomerView>
{
    public async ValueTask<CustomerView> Handle(MarkCustomerVipCommand command, CancellationToken cancellationToken)
    {
        if (!currentActor.Actor.Is(Party.Supervisor))
        {
            throw new Domain.ActionForbiddenException("Only supervisors mark customers as VIP.");
        }
        var customer = await db.Customers.SingleOrDefaultAsync(c => c.Id == command.CustomerId, cancellationToken)
            ?? throw new NotFoundException("Customer", command.CustomerId);
        customer.MarkVip(command.Vip!.Value);
        await db.SaveChangesAsync(cancellationToken);
        return await sender.Send(new GetCustomerQuery(customer.Id), cancellationToken);
    }
}
