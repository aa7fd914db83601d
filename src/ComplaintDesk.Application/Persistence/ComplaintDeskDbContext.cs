using ComplaintDesk.Application.Identity;
using ComplaintDesk.Domain.Categories;
using ComplaintDesk.Domain.Complaints;
using ComplaintDesk.Domain.Alerts;
using ComplaintDesk.Domain.Customers;
using ComplaintDesk.Domain.Evidence;
using ComplaintDesk.Domain.Notifications;
using ComplaintDesk.Domain.Sla;
using ComplaintDesk.Domain.Compensation;
using ComplaintDesk.Domain.Templates;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace ComplaintDesk.Application.Persistence;

/// <summary>The one EF place: complaints, customers, identity and the shared data-protection keys.</summary>
public sealed class ComplaintDeskDbContext(DbContextOptions<ComplaintDeskDbContext> options)
    : IdentityDbContext<StaffUser>(options), IDataProtectionKeyContext
{
    public const string ReferenceSequence = "complaint_reference_seq";

    public DbSet<Complaint> Complaints => Set<Complaint>();
    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<Category> Categories => Set<Category>();
    public DbSet<TimelineEvent> TimelineEvents => Set<TimelineEvent>();
    public DbSet<Attachment> Attachments => Set<Attachment>();
    public DbSet<ReplyTemplate> ReplyTemplates => Set<ReplyTemplate>();
    public DbSet<KeywordRule> KeywordRules => Set<KeywordRule>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<BusinessCalendar> BusinessCalendars => Set<BusinessCalendar>();
    public DbSet<SlaPolicy> SlaPolicies => Set<SlaPolicy>();
    public DbSet<SlaClock> SlaClocks => Set<SlaClock>();
    public DbSet<SlaClockEffect> SlaClockEffects => Set<SlaClockEffect>();
    public DbSet<CompensationOffer> Offers => Set<CompensationOffer>();
    public DbSet<LedgerLine> Ledger => Set<LedgerLine>();
    public DbSet<CompensationPolicy> CompensationPolicies => Set<CompensationPolicy>();
    public DbSet<Domain.StatusLinks.StatusLink> StatusLinks => Set<Domain.StatusLinks.StatusLink>();
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.HasPostgresExtension("pg_trgm");
        builder.HasSequence<long>(ReferenceSequence);
        builder.ApplyConfigurationsFromAssembly(typeof(ComplaintDeskDbContext).Assembly);
        builder.Entity<StaffUser>(user =>
        {
            user.Property(u => u.DisplayName).HasMaxLength(Domain.FieldLengths.PersonName);
            user.Property(u => u.PreferredLanguage).HasMaxLength(Domain.FieldLengths.Language).HasDefaultValue("en");
            user.Property(u => u.TimeZone).HasMaxLength(Domain.FieldLengths.TimeZone).HasDefaultValue("UTC");
        });
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configuration)
    {
        // Enums are stored by name: readable in SQL, and safe when members are added or reordered.
        configuration.Properties<Enum>().HaveConversion<string>().HaveMaxLength(40);
    }

    /// <summary>The next complaint reference, e.g. CD-2026-000123: from a sequence, so never reused.</summary>
    public async Task<string> NextReferenceAsync(DateTimeOffset at, CancellationToken cancellationToken)
    {
        var number = await Database
            .SqlQueryRaw<long>($"SELECT nextval('\"{ReferenceSequence}\"') AS \"Value\"")
            .SingleAsync(cancellationToken);
        return $"CD-{at.Year:D4}-{number:D6}";
    }
}
