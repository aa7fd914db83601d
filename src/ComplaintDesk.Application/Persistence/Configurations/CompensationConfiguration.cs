using System.Text.Json;
using ComplaintDesk.Domain;
using ComplaintDesk.Domain.Compensation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ComplaintDesk.Application.Persistence.Configurations;

/// <summary>Money is numeric(14,2): exact, to the cent.</summary>
internal static class MoneyColumns
{
    public const int Precision = 14;
    public const int Scale = 2;
    public const int Currency = 3;
    public const int CustomerText = 1000;
    public const int InternalNote = 2000;
    public const int Reference = 200;
}

internal sealed class CompensationOfferConfiguration : IEntityTypeConfiguration<CompensationOffer>
{
    public void Configure(EntityTypeBuilder<CompensationOffer> offer)
    {
        offer.HasKey(o => o.Id);
        offer.HasOne<Domain.Complaints.Complaint>().WithMany().HasForeignKey(o => o.ComplaintId).OnDelete(DeleteBehavior.Cascade);
        offer.Property(o => o.ProposedById).HasMaxLength(FieldLengths.UserId).IsRequired();
        offer.Property(o => o.ProposedByName).HasMaxLength(FieldLengths.PersonName).IsRequired();
        offer.Property(o => o.DecidedById).HasMaxLength(FieldLengths.UserId);
        offer.Property(o => o.DecidedByName).HasMaxLength(FieldLengths.PersonName);
        offer.Property(o => o.DecisionComment).HasMaxLength(FieldLengths.Reason);
        offer.Property(o => o.DeclineReason).HasMaxLength(FieldLengths.Reason);
        offer.Property(o => o.AnsweredByName).HasMaxLength(FieldLengths.PersonName);
        offer.Property(o => o.FulfilmentReference).HasMaxLength(MoneyColumns.Reference);
        offer.Property(o => o.FulfilledByName).HasMaxLength(FieldLengths.PersonName);
        offer.Property(o => o.RowVersion).IsRowVersion();
        offer.Ignore(o => o.MaxCost);
        offer.Ignore(o => o.AcceptedOption);
        offer.HasMany(o => o.Options).WithOne().HasForeignKey(o => o.OfferId).OnDelete(DeleteBehavior.Cascade);
        offer.Navigation(o => o.Options).HasField("_options").UsePropertyAccessMode(PropertyAccessMode.Field).AutoInclude();
        offer.HasIndex(o => new { o.ComplaintId, o.ProposedAt });
        // The approvals inbox: offers awaiting a supervisor, oldest first.
        offer.HasIndex(o => new { o.ProposedAt, o.Id }).HasFilter("\"State\" = 'AwaitingApproval'").HasDatabaseName("IX_Offers_AwaitingApproval");
        offer.ToTable("CompensationOffers");
    }
}

internal sealed class OfferOptionConfiguration : IEntityTypeConfiguration<OfferOption>
{
    public void Configure(EntityTypeBuilder<OfferOption> option)
    {
        option.HasKey(o => o.Id);
        // Made by the domain (Guid v7): a new option found on a revised offer is inserted, not taken for an existing row.
        option.Property(o => o.Id).ValueGeneratedNever();
        option.Property(o => o.Amount).HasPrecision(MoneyColumns.Precision, MoneyColumns.Scale);
        option.Property(o => o.Currency).HasMaxLength(MoneyColumns.Currency).IsFixedLength().IsRequired();
        option.Property(o => o.CustomerText).HasMaxLength(MoneyColumns.CustomerText).IsRequired();
        option.Property(o => o.InternalNote).HasMaxLength(MoneyColumns.InternalNote);
        option.HasIndex(o => new { o.OfferId, o.Position });
        option.ToTable("OfferOptions");
    }
}

internal sealed class LedgerLineConfiguration : IEntityTypeConfiguration<LedgerLine>
{
    public void Configure(EntityTypeBuilder<LedgerLine> line)
    {
        line.HasKey(l => l.Id);
        line.Property(l => l.Id).UseIdentityAlwaysColumn();
        // Exactly one cost line per offer, whatever races: the index refuses a second.
        line.HasIndex(l => l.OfferId).IsUnique();
        line.HasOne<CompensationOffer>().WithMany().HasForeignKey(l => l.OfferId).OnDelete(DeleteBehavior.Restrict);
        line.Property(l => l.Amount).HasPrecision(MoneyColumns.Precision, MoneyColumns.Scale);
        line.Property(l => l.Currency).HasMaxLength(MoneyColumns.Currency).IsFixedLength().IsRequired();
        line.Property(l => l.CategoryCode).HasMaxLength(FieldLengths.CategoryCode).IsRequired();
        // The ledger report (by period, category, kind) and a customer's 12-month total.
        line.HasIndex(l => new { l.AcceptedAt, l.Id });
        line.HasIndex(l => new { l.CustomerId, l.AcceptedAt });
        line.HasIndex(l => new { l.CategoryCode, l.AcceptedAt });
        line.HasIndex(l => new { l.Kind, l.AcceptedAt });
        line.ToTable("CompensationLedger");
    }
}

internal sealed class CompensationPolicyConfiguration : IEntityTypeConfiguration<CompensationPolicy>
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    public void Configure(EntityTypeBuilder<CompensationPolicy> policy)
    {
        policy.HasKey(p => p.Id);
        policy.Property(p => p.Id).ValueGeneratedNever();
        policy.Property(p => p.Currency).HasMaxLength(MoneyColumns.Currency).IsFixedLength().IsRequired();
        policy.Property(p => p.AgentLimit).HasPrecision(MoneyColumns.Precision, MoneyColumns.Scale);
        policy.Property(p => p.SupervisorLimit).HasPrecision(MoneyColumns.Precision, MoneyColumns.Scale);
        policy.Property(p => p.WarningThreshold).HasPrecision(MoneyColumns.Precision, MoneyColumns.Scale);
        policy.Property(p => p.EnabledKinds).HasColumnType("jsonb").HasConversion(
            new ValueConverter<List<CompensationKind>, string>(
                kinds => JsonSerializer.Serialize(kinds.Select(k => k.ToString()), JsonOptions),
                text => (JsonSerializer.Deserialize<List<string>>(text, JsonOptions) ?? new List<string>())
                    .Select(Enum.Parse<CompensationKind>).ToList()),
            new ValueComparer<List<CompensationKind>>((a, b) => a!.SequenceEqual(b!), l => l.Aggregate(0, (h, k) => HashCode.Combine(h, k)), l => l.ToList()));
        policy.Property(p => p.UserLimits).HasColumnType("jsonb").HasConversion(
            new ValueConverter<List<UserAuthority>, string>(
                limits => JsonSerializer.Serialize(limits, JsonOptions),
                text => JsonSerializer.Deserialize<List<UserAuthority>>(text, JsonOptions) ?? new List<UserAuthority>()),
            new ValueComparer<List<UserAuthority>>((a, b) => a!.SequenceEqual(b!), l => l.Aggregate(0, (h, u) => HashCode.Combine(h, u)), l => l.ToList()));
        policy.Property(p => p.Version).IsRowVersion();
        policy.ToTable("CompensationPolicy");
    }
}
