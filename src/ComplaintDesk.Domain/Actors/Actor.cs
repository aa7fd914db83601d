namespace ComplaintDesk.Domain.Actors;

/// <summary>The kinds of party that may fire a lifecycle trigger. A supervisor is also an agent.</summary>
[Flags]
public enum Party
{
    None = 0,
    Agent = 1,
    Supervisor = 2,
    Admin = 4,
    Customer = 8,
    System = 16,
}

/// <summary>Who is doing something: a signed-in staff member, the customer through the link, or the system.</summary>
public sealed record Actor(string? UserId, string Name, Party Parties)
{
    public static Actor System { get; } = new(null, "System", Party.System);

    public static Actor Customer(string firstName) => new(null, firstName, Party.Customer);

    public bool Is(Party party) => (Parties & party) != 0;
}
