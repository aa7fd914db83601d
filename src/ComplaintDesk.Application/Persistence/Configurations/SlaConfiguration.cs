using System.Text.Json;
using ComplaintDesk.Domain;
using ComplaintDesk.Domain.Sla;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ComplaintDesk.Application.Persistence.Configurations;

internal sealed class BusinessCalendarConfiguration : IEntityTypeConfiguration<BusinessCalendar>
{
    public void Configure(EntityTypeBuilder<BusinessCalendar> calendar)
    {
        calendar.HasKey(c => c.Id);
        calendar.Property(c => c.Name).HasMaxLength(100).IsRequired();
        calendar.HasIndex(c => c.Name).IsUnique();
        calendar.Property(c => c.TimeZoneId).HasMaxLength(FieldLengths.TimeZone).IsRequired();
        // Hours and holidays are read and written with their calendar, never queried alone: one jsonb column each.
        calendar.Property(c => c.Hours).HasColumnType("jsonb").HasConversion(Json<WorkingPeriod>(), JsonComparer<WorkingPeriod>());
        calendar.Property(c => c.Holidays).HasColumnType("jsonb").HasConversion(Json<Holiday>(), JsonComparer<Holiday>());
        calendar.Property(c => c.Version).IsRowVersion();
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private static Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<List<T>, string> Json<T>() =>
        new(list => JsonSerializer.Serialize(list, JsonOptions), text => JsonSerializer.Deserialize<List<T>>(text, JsonOptions) ?? new List<T>());

    private static ValueComparer<List<T>> JsonComparer<T>() =>
        new((a, b) => a!.SequenceEqual(b!), list => list.Aggregate(0, (hash, item) => HashCode.Combine(hash, item)), list => list.ToList());
}

internal sealed class SlaPolicyConfiguration : IEntityTypeConfiguration<SlaPolicy>
{
    public void Configure(EntityTypeBuilder<SlaPolicy> policy)
    {
        policy.HasKey(p => p.Id);
        policy.Property(p => p.CategoryCode).HasMaxLength(FieldLengths.CategoryCode);
        policy.HasOne<BusinessCalendar>().WithMany().HasForeignKey(p => p.CalendarId).OnDelete(DeleteBehavior.Restrict);
        policy.HasOne<Domain.Categories.Category>().WithMany().HasForeignKey(p => p.CategoryCode).OnDelete(DeleteBehavior.Restrict);
        // One cell per combination; NULLs (any category, any channel) count as equal.
        policy.HasIndex(p => new { p.Severity, p.CategoryCode, p.Channel, p.VipOnly }).IsUnique().AreNullsDistinct(false);
        policy.Ignore(p => p.Targets);
        policy.Ignore(p => p.Specificity);
        // xmin, a system column: no DDL. The matrix's ETag is derived from these (SlaPolicyMatrix.VersionOf).
        policy.Property(p => p.Version).IsRowVersion();
    }
}

internal sealed class SlaClockConfiguration : IEntityTypeConfiguration<SlaClock>
{
    public void Configure(EntityTypeBuilder<SlaClock> clock)
    {
        clock.HasKey(c => c.Id);
        clock.Property(c => c.Id).UseIdentityAlwaysColumn();
        clock.HasOne<Domain.Complaints.Complaint>().WithMany().HasForeignKey(c => c.ComplaintId).OnDelete(DeleteBehavior.Cascade);
        clock.Ignore(c => c.IsOpen);
        // The sweeper's claim: due work, soonest first. Only clocks with something left to fire are in it.
        clock.HasIndex(c => c.NextCheckAt).HasFilter("\"NextCheckAt\" IS NOT NULL").HasDatabaseName("IX_SlaClocks_Due");
        // A case's clocks; and the at-risk list (open clocks by deadline).
        clock.HasIndex(c => new { c.ComplaintId, c.Kind });
        clock.HasIndex(c => new { c.DueAt, c.Id }).HasFilter("\"StoppedAt\" IS NULL AND \"State\" <> 'Cancelled'").HasDatabaseName("IX_SlaClocks_Open");
        // Compliance over the last 30 days reads stopped staff deadlines by when they stopped.
        clock.HasIndex(c => new { c.Kind, c.StoppedAt }).HasFilter("\"StoppedAt\" IS NOT NULL");
        clock.HasIndex(c => c.BreachedAt).HasFilter("\"BreachedAt\" IS NOT NULL");
    }
}

internal sealed class SlaClockEffectConfiguration : IEntityTypeConfiguration<SlaClockEffect>
{
    public void Configure(EntityTypeBuilder<SlaClockEffect> effect)
    {
        // The key is the guarantee: one effect of each kind per clock, whatever the number of sweepers.
        effect.HasKey(e => new { e.ClockId, e.Effect });
        effect.HasOne<SlaClock>().WithMany().HasForeignKey(e => e.ClockId).OnDelete(DeleteBehavior.Cascade);
    }
}
