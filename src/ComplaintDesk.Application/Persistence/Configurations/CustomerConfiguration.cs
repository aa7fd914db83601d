using ComplaintDesk.Domain;
using ComplaintDesk.Domain.Categories;
using ComplaintDesk.Domain.Customers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ComplaintDesk.Application.Persistence.Configurations;

internal sealed class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> customer)
    {
        customer.HasKey(c => c.Id);
        customer.Property(c => c.Name).HasMaxLength(FieldLengths.PersonName).IsRequired();
        customer.Property(c => c.Email).HasMaxLength(FieldLengths.Email);
        customer.Property(c => c.NormalisedEmail).HasMaxLength(FieldLengths.Email);
        customer.Property(c => c.Phone).HasMaxLength(FieldLengths.Phone);
        customer.Property(c => c.NormalisedPhone).HasMaxLength(FieldLengths.Phone);
        customer.Property(c => c.ExternalId).HasMaxLength(FieldLengths.ExternalId);
        customer.Property(c => c.PreferredLanguage).HasMaxLength(FieldLengths.Language).IsRequired();
        customer.HasIndex(c => c.NormalisedEmail);
        customer.HasIndex(c => c.NormalisedPhone);
        customer.HasIndex(c => c.ExternalId);
        customer.HasIndex(c => c.Name).HasMethod("gin").HasOperators("gin_trgm_ops");
        customer.HasIndex(c => c.NormalisedEmail).HasMethod("gin").HasOperators("gin_trgm_ops").HasDatabaseName("IX_Customers_NormalisedEmail_trgm");
        customer.HasIndex(c => c.NormalisedPhone).HasMethod("gin").HasOperators("gin_trgm_ops").HasDatabaseName("IX_Customers_NormalisedPhone_trgm");
    }
}

internal sealed class CategoryConfiguration : IEntityTypeConfiguration<Category>
{
    public void Configure(EntityTypeBuilder<Category> category)
    {
        category.HasKey(c => c.Code);
        category.Property(c => c.Code).HasMaxLength(FieldLengths.CategoryCode);
        category.Property(c => c.Name).HasMaxLength(FieldLengths.CategoryName).IsRequired();
        category.HasData(
            new Category(Category.Codes.ProductQuality, "Product quality"),
            new Category(Category.Codes.ServiceAttitude, "Service attitude"),
            new Category(Category.Codes.Logistics, "Logistics / delivery"),
            new Category(Category.Codes.Billing, "Billing"),
            new Category(Category.Codes.Other, "Other"));
    }
}
