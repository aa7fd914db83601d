using ComplaintDesk.Domain.Actors;

namespace ComplaintDesk.Application.Common;

/// <summary>Who sends the current command. The web host fills it from the signed-in user.</summary>
public interface ICurrentActor
{
    Actor Actor { get; }
}
