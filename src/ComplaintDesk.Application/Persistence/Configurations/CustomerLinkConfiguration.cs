using ComplaintDesk.Domain;
using ComplaintDesk.Domain.Complaints;
using ComplaintDesk.Domain.Notifications;
using ComplaintDesk.Domain.StatusLinks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ComplaintDesk.Application.Persistence.Configurations;

internal sealed class StatusLinkConfiguration : IEntityTypeConfiguration<StatusLink>
{
    public void Configure(EntityTypeBuilder<StatusLink> link)
    {
        link.HasKey(l => l.Id);
        link.Property(l => l.TokenHash).HasMaxLength(32).IsRequired();
        // Every visit finds its link by the hash alone.
        link.HasIndex(l => l.TokenHash).IsUnique();
        // Revoking finds a complaint's live links.
        link.HasIndex(l => l.ComplaintId).HasFilter("\"RevokedAt\" IS NULL").HasDatabaseName("IX_StatusLinks_Live");
        link.HasOne<Complaint>().WithMany().HasForeignKey(l => l.ComplaintId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> message)
    {
        message.ToTable("Outbox");
        message.HasKey(m => m.Id);
        message.Property(m => m.RecipientAddress).HasMaxLength(FieldLengths.Email).IsRequired();
        message.Property(m => m.RecipientName).HasMaxLength(FieldLengths.PersonName).IsRequired();
        message.Property(m => m.Language).HasMaxLength(FieldLengths.Language).IsRequired();
        message.Property(m => m.Subject).HasMaxLength(FieldLengths.EmailSubject).IsRequired();
        message.Property(m => m.TextBody).HasMaxLength(FieldLengths.EmailBody).IsRequired();
        message.Property(m => m.HtmlBody).HasMaxLength(FieldLengths.EmailBody * 2).IsRequired();
        message.Property(m => m.ProtectedLink).HasMaxLength(2000);
        message.Property(m => m.LastError).HasMaxLength(FieldLengths.OutboxError);
        // The dispatcher's claim: pending messages whose next attempt is due, oldest first.
        message.HasIndex(m => m.NextAttemptAt).HasFilter("\"State\" = 'Pending'").HasDatabaseName("IX_Outbox_Due");
        // The administrators' view: by state, newest first (keyset on the time-ordered id).
        message.HasIndex(m => new { m.State, m.Id }).IsDescending(false, true);
        message.HasIndex(m => m.ComplaintId);
    }
}
