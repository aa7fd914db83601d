using ComplaintDesk.Application.Identity;
using ComplaintDesk.Application.Persistence;
using ComplaintDesk.Domain.Actors;
using ComplaintDesk.Domain.Categories;
using ComplaintDesk.Domain.Complaints;
using ComplaintDesk.Domain.Customers;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace ComplaintDesk.Web.Hosting;

/// <summary>
/// Development only: three demo users and about fifty complaints spread over every state, category and channel,
/// walked through the real domain methods so every timeline is one the product could have written.
/// </summary>
public static class DemoData
{
    public const string Password = "ComplaintDesk-demo-1";
    public const string AgentEmail = "agent@demo.test";
    public const string SupervisorEmail = "supervisor@demo.test";
    public const string AdminEmail = "admin@demo.test";
    public const int ComplaintCount = 54;

    private static readonly (string Subject, string Description, string Product)[] Stories =
    [
        ("Blender jar cracked on first use", "The glass jar cracked the first time I blended ice. I followed the manual.", "PowerBlend 900"),
        ("收到的商品有瑕疵", "打開包裝後發現外殼有明顯刮痕,希望可以換貨。", "無線吸塵器 X2"),
        ("Courier left the parcel in the rain", "The parcel was left outside my door and the box was soaked through.", "Bookshelf kit"),
        ("客服人員態度不佳", "電話中客服人員語氣很不耐煩,問題也沒有解決。", "會員服務"),
        ("Charged twice for one order", "My card statement shows the same order charged twice on the same day.", "Online order"),
        ("配送延遲超過一週", "訂單顯示已出貨,但過了八天仍未收到。", "智慧手錶 S5"),
        ("Refund promised but never received", "I returned the item a month ago and was told the refund would take 5 days.", "Running shoes"),
        ("退款金额不对", "退款少了运费部分,之前说好会全额退款。", "蓝牙耳机"),
        ("Rude staff at the Taipei store", "The staff member laughed at my question about the warranty.", "In-store service"),
        ("Wrong size delivered", "I ordered a medium and received an extra large.", "Winter jacket"),
    ];

    public static async Task SeedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var users = services.GetRequiredService<UserManager<StaffUser>>();
        var agent = await EnsureUserAsync(users, AgentEmail, "Alex Agent", Roles.Agent);
        var supervisor = await EnsureUserAsync(users, SupervisorEmail, "Sam Supervisor", Roles.Supervisor);
        await EnsureUserAsync(users, AdminEmail, "Ada Admin", Roles.Admin);

        var db = services.GetRequiredService<ComplaintDeskDbContext>();
        if (await db.Complaints.AnyAsync(cancellationToken))
        {
            return;
        }
        var clock = services.GetRequiredService<TimeProvider>();
        var agentActor = new Actor(agent.Id, agent.DisplayName, Party.Agent);
        var supervisorActor = new Actor(supervisor.Id, supervisor.DisplayName, Party.Agent | Party.Supervisor);
        string[] categories = [Category.Codes.ProductQuality, Category.Codes.ServiceAttitude, Category.Codes.Logistics, Category.Codes.Billing, Category.Codes.Other];
        var channels = Enum.GetValues<Channel>();
        var severities = Enum.GetValues<Severity>();
        var states = Enum.GetValues<ComplaintState>();
        var start = clock.GetUtcNow().AddDays(-40);

        for (var i = 0; i < ComplaintCount; i++)
        {
            var story = Stories[i % Stories.Length];
            var target = states[i % states.Length];
            // Closed history spreads over forty days; open cases arrived in the last few hours, so their SLA clocks
            // show every shade (running, at risk, a few breached) instead of all being long overdue.
            var at = target is ComplaintState.Received or ComplaintState.Acknowledged or ComplaintState.Resolving or ComplaintState.Escalated
                ? clock.GetUtcNow().AddHours(-3 - i % 5)
                : start.AddHours(i * 17);
            var chinese = story.Subject.Any(c => c > 0x2E80);
            // Every fifth customer comes back, so repeat complainants exist in the demo.
            var customerNumber = i % 5 == 4 ? i - 4 : i;
            var email = $"customer{customerNumber}@example.test";
            var customer = await db.Customers.FirstOrDefaultAsync(c => c.NormalisedEmail == email, cancellationToken)
                ?? db.Customers.Local.FirstOrDefault(c => c.NormalisedEmail == email)
                ?? db.Customers.Add(new Customer(chinese ? $"陳小姐 {customerNumber}" : $"Customer {customerNumber}", email,
                    $"+886 912 000 {customerNumber:D3}", null, chinese ? Languages.TraditionalChinese : Languages.English,
                    ContactMethod.Email, at)).Entity;
            var intake = new ComplaintIntake(channels[i % channels.Length], categories[i % categories.Length],
                severities[i % severities.Length], story.Subject, story.Description, DateOnly.FromDateTime(at.UtcDateTime.AddDays(-2)),
                $"SO-{10000 + i}", story.Product, DateOnly.FromDateTime(at.UtcDateTime.AddDays(-30)), null,
                (DesiredResolution)(i % Enum.GetValues<DesiredResolution>().Length), null);
            var complaint = Complaint.Log(await db.NextReferenceAsync(at, cancellationToken), customer, intake, agentActor, at);
            WalkTo(complaint, target, i, agentActor, supervisorActor, at);
            db.Complaints.Add(complaint);
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    private static void WalkTo(Complaint complaint, ComplaintState target, int i, Actor agent, Actor supervisor, DateTimeOffset at)
    {
        if (target == ComplaintState.Received) return;
        if (target == ComplaintState.Escalated && i % 2 == 0)
        {
            complaint.Escalate("Customer mentions a lawyer; needs a supervisor.", agent, at.AddMinutes(30));
            return;
        }
        complaint.Acknowledge("Thank you for telling us. We will reply within 24 hours.", agent, at.AddHours(1));
        if (target == ComplaintState.Acknowledged) return;
        complaint.StartResolving(agent, at.AddHours(2));
        if (target == ComplaintState.Resolving) return;
        if (target == ComplaintState.Escalated)
        {
            complaint.Escalate("Compensation above my authority.", agent, at.AddHours(5));
            return;
        }
        complaint.Resolve("Replacement sent and the courier briefed.", (ResolutionOutcome)(i % 3), agent, at.AddDays(2));
        if (target == ComplaintState.Closed && i % 4 != 0) return;
        complaint.StartFollowUp(agent, at.AddDays(3));
        if (target == ComplaintState.FollowUp) return;
        complaint.ConfirmSatisfied("Happy with the outcome.", 4 + i % 2, supervisor, at.AddDays(4));
    }

    private static async Task<StaffUser> EnsureUserAsync(UserManager<StaffUser> users, string email, string displayName, string role)
    {
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            user = new StaffUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName };
            Check(await users.CreateAsync(user, Password), email);
        }
        if (!await users.IsInRoleAsync(user, role))
        {
            Check(await users.AddToRoleAsync(user, role), email);
        }
        return user;
    }

    private static void Check(IdentityResult result, string email)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Demo user {email}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }
}
