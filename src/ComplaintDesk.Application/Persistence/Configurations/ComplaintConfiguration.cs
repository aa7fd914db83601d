using ComplaintDesk.Domain;
using ComplaintDesk.Domain.Complaints;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ComplaintDesk.Application.Persistence.Configurations;

internal sealed class ComplaintConfiguration : IEntityTypeConfiguration<Complaint>
{
    public void Configure(EntityTypeBuilder<Complaint> complaint)
    {
        complaint.HasKey(c => c.Id);
        complaint.Property(c => c.Reference).HasMaxLength(FieldLengths.Reference).IsRequired();
        complaint.HasIndex(c => c.Reference).IsUnique();
        complaint.Property(c => c.CategoryCode).HasMaxLength(FieldLengths.CategoryCode).IsRequired();
        complaint.Property(c => c.Subject).HasMaxLength(FieldLengths.Subject).IsRequired();
        complaint.Property(c => c.Description).HasMaxLength(FieldLengths.Description).IsRequired();
        complaint.Property(c => c.OrderReference).HasMaxLength(FieldLengths.OrderReference);
        complaint.Property(c => c.ProductName).HasMaxLength(FieldLengths.ProductName);
        complaint.Property(c => c.ProductUsage).HasMaxLength(FieldLengths.ProductUsage);
        complaint.Property(c => c.DesiredResolutionText).HasMaxLength(FieldLengths.DesiredResolutionText);
        complaint.Property(c => c.OwnerId).HasMaxLength(FieldLengths.UserId);
        complaint.Property(c => c.OwnerName).HasMaxLength(FieldLengths.PersonName);
        complaint.Property(c => c.ResolutionSummary).HasMaxLength(FieldLengths.Summary);
        complaint.Property(c => c.Version).IsRowVersion();

        complaint.HasOne(c => c.Customer).WithMany().HasForeignKey(c => c.CustomerId).OnDelete(DeleteBehavior.Restrict);
        complaint.HasOne<Domain.Categories.Category>().WithMany().HasForeignKey(c => c.CategoryCode).OnDelete(DeleteBehavior.Restrict);
        complaint.HasMany(c => c.Timeline).WithOne().HasForeignKey(e => e.ComplaintId).OnDelete(DeleteBehavior.Cascade);
        complaint.Navigation(c => c.Timeline).HasField("_timeline").UsePropertyAccessMode(PropertyAccessMode.Field);

        // The queue reads newest first, by keyset (ReceivedAt, Id), optionally narrowed by state, owner, category…
        complaint.HasIndex(c => new { c.ReceivedAt, c.Id }).IsDescending(true, true);
        complaint.HasIndex(c => new { c.State, c.ReceivedAt, c.Id }).IsDescending(false, true, true);
        complaint.HasIndex(c => new { c.OwnerId, c.State, c.ReceivedAt });
        complaint.HasIndex(c => new { c.CategoryCode, c.ReceivedAt });
        complaint.HasIndex(c => new { c.Severity, c.ReceivedAt });
        complaint.HasIndex(c => new { c.Channel, c.ReceivedAt });
        complaint.HasIndex(c => c.CustomerId);
        complaint.HasIndex(c => c.OrderReference);
        complaint.HasIndex(c => c.Subject).HasMethod("gin").HasOperators("gin_trgm_ops");
        complaint.HasIndex(c => c.Description).HasMethod("gin").HasOperators("gin_trgm_ops");
        complaint.HasIndex(c => new { c.RiskFlag, c.ReceivedAt }).HasFilter("\"RiskFlag\"");
        // Sorting by next due: open cases with a running staff deadline, soonest first.
        complaint.HasIndex(c => new { c.NextDueAt, c.Id }).HasFilter("\"NextDueAt\" IS NOT NULL");
        complaint.Property(c => c.RaisedAuthority).HasPrecision(14, 2);
    }
}

internal sealed class TimelineEventConfiguration : IEntityTypeConfiguration<TimelineEvent>
{
    public void Configure(EntityTypeBuilder<TimelineEvent> timelineEvent)
    {
        timelineEvent.HasKey(e => e.Id);
        timelineEvent.Property(e => e.Id).UseIdentityAlwaysColumn();
        timelineEvent.Property(e => e.ActorId).HasMaxLength(FieldLengths.UserId);
        timelineEvent.Property(e => e.ActorName).HasMaxLength(FieldLengths.PersonName).IsRequired();
        timelineEvent.Property(e => e.Text).HasMaxLength(FieldLengths.NoteBody);
        timelineEvent.HasIndex(e => new { e.ComplaintId, e.Id });
    }
}
