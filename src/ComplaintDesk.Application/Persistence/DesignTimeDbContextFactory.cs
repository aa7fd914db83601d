using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ComplaintDesk.Application.Persistence;

/// <summary>For `dotnet ef migrations add`: the model needs a provider, not a live server.</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<ComplaintDeskDbContext>
{
    public ComplaintDeskDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<ComplaintDeskDbContext>()
            .UseNpgsql("Host=localhost;Database=complaintdesk_design")
            .Options);
}
