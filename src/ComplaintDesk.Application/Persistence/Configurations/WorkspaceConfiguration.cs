using ComplaintDesk.Domain;
using ComplaintDesk.Domain.Alerts;
using ComplaintDesk.Domain.Categories;
using ComplaintDesk.Domain.Complaints;
using ComplaintDesk.Domain.Evidence;
using ComplaintDesk.Domain.Notifications;
using ComplaintDesk.Domain.Templates;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ComplaintDesk.Application.Persistence.Configurations;

internal sealed class AttachmentConfiguration : IEntityTypeConfiguration<Attachment>
{
    public void Configure(EntityTypeBuilder<Attachment> attachment)
    {
        attachment.HasKey(a => a.Id);
        attachment.Property(a => a.FileName).HasMaxLength(FieldLengths.FileName).IsRequired();
        attachment.Property(a => a.ContentType).HasMaxLength(FieldLengths.ContentType).IsRequired();
        attachment.Property(a => a.StorageKey).HasMaxLength(FieldLengths.StorageKey).IsRequired();
        attachment.Property(a => a.UploadedById).HasMaxLength(FieldLengths.UserId);
        attachment.Property(a => a.UploadedByName).HasMaxLength(FieldLengths.PersonName).IsRequired();
        attachment.HasIndex(a => a.StorageKey).IsUnique();
        attachment.HasIndex(a => new { a.ComplaintId, a.UploadedAt });
        attachment.HasOne<Complaint>().WithMany().HasForeignKey(a => a.ComplaintId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ReplyTemplateConfiguration : IEntityTypeConfiguration<ReplyTemplate>
{
    public void Configure(EntityTypeBuilder<ReplyTemplate> template)
    {
        template.HasKey(t => t.Id);
        template.Property(t => t.Title).HasMaxLength(FieldLengths.TemplateTitle).IsRequired();
        template.Property(t => t.CategoryCode).HasMaxLength(FieldLengths.CategoryCode);
        template.Property(t => t.Language).HasMaxLength(FieldLengths.Language).IsRequired();
        template.Property(t => t.Body).HasMaxLength(FieldLengths.TemplateBody).IsRequired();
        template.HasIndex(t => new { t.Language, t.CategoryCode, t.Title });
        template.HasOne<Category>().WithMany().HasForeignKey(t => t.CategoryCode).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class KeywordRuleConfiguration : IEntityTypeConfiguration<KeywordRule>
{
    public void Configure(EntityTypeBuilder<KeywordRule> rule)
    {
        rule.HasKey(r => r.Id);
        rule.Property(r => r.Phrase).HasMaxLength(FieldLengths.KeywordPhrase).IsRequired();
        rule.Property(r => r.FoldedPhrase).HasMaxLength(FieldLengths.KeywordPhrase * 4).IsRequired();
        rule.HasIndex(r => r.FoldedPhrase).IsUnique();
    }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> notification)
    {
        notification.HasKey(n => n.Id);
        notification.Property(n => n.Id).UseIdentityAlwaysColumn();
        notification.Property(n => n.UserId).HasMaxLength(FieldLengths.UserId).IsRequired();
        notification.Property(n => n.ComplaintReference).HasMaxLength(FieldLengths.Reference);
        notification.Property(n => n.Text).HasMaxLength(FieldLengths.NotificationText).IsRequired();
        // The bell: a user's newest first, and their unread count.
        notification.HasIndex(n => new { n.UserId, n.Id }).IsDescending(false, true);
        notification.HasIndex(n => n.UserId).HasFilter("\"ReadAt\" IS NULL").HasDatabaseName("IX_Notifications_Unread");
    }
}
