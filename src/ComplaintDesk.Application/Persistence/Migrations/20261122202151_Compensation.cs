using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ComplaintDesk.Application.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Compensation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "OfferAwaitingApproval",
                table: "Complaints",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "CompensationOffers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ComplaintId = table.Column<Guid>(type: "uuid", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    State = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ProposedById = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ProposedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ProposedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DecidedById = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    DecidedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DecisionComment = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    AnswerBy = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    AcceptedOptionId = table.Column<Guid>(type: "uuid", nullable: true),
                    DeclineReason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    AnsweredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    AnsweredByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    FulfilmentReference = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    FulfilledByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    FulfilledAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CompensationOffers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CompensationOffers_Complaints_ComplaintId",
                        column: x => x.ComplaintId,
                        principalTable: "Complaints",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CompensationPolicy",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    Currency = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: false),
                    EnabledKinds = table.Column<string>(type: "jsonb", nullable: false),
                    AgentLimit = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    SupervisorLimit = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    WarningThreshold = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    UserLimits = table.Column<string>(type: "jsonb", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CompensationPolicy", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CompensationLedger",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    OfferId = table.Column<Guid>(type: "uuid", nullable: false),
                    OptionId = table.Column<Guid>(type: "uuid", nullable: false),
                    ComplaintId = table.Column<Guid>(type: "uuid", nullable: false),
                    CustomerId = table.Column<Guid>(type: "uuid", nullable: false),
                    CategoryCode = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Amount = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    Currency = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: false),
                    AcceptedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    FulfilledAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CompensationLedger", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CompensationLedger_CompensationOffers_OfferId",
                        column: x => x.OfferId,
                        principalTable: "CompensationOffers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "OfferOptions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OfferId = table.Column<Guid>(type: "uuid", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Amount = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    Currency = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: false),
                    CustomerText = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    InternalNote = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OfferOptions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OfferOptions_CompensationOffers_OfferId",
                        column: x => x.OfferId,
                        principalTable: "CompensationOffers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CompensationLedger_AcceptedAt_Id",
                table: "CompensationLedger",
                columns: new[] { "AcceptedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_CompensationLedger_CategoryCode_AcceptedAt",
                table: "CompensationLedger",
                columns: new[] { "CategoryCode", "AcceptedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_CompensationLedger_CustomerId_AcceptedAt",
                table: "CompensationLedger",
                columns: new[] { "CustomerId", "AcceptedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_CompensationLedger_Kind_AcceptedAt",
                table: "CompensationLedger",
                columns: new[] { "Kind", "AcceptedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_CompensationLedger_OfferId",
                table: "CompensationLedger",
                column: "OfferId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CompensationOffers_ComplaintId_ProposedAt",
                table: "CompensationOffers",
                columns: new[] { "ComplaintId", "ProposedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Offers_AwaitingApproval",
                table: "CompensationOffers",
                columns: new[] { "ProposedAt", "Id" },
                filter: "\"State\" = 'AwaitingApproval'");

            migrationBuilder.CreateIndex(
                name: "IX_OfferOptions_OfferId_Position",
                table: "OfferOptions",
                columns: new[] { "OfferId", "Position" });

            // The demo's and a new installation's defaults: agents settle up to 1,000 per case, supervisors 20,000, in
            // New Taiwan dollars; a warning beside offers to customers granted over 5,000 in 12 months. Admins change them.
            migrationBuilder.Sql("""
                INSERT INTO "CompensationPolicy" ("Id", "Currency", "EnabledKinds", "AgentLimit", "SupervisorLimit", "WarningThreshold", "UserLimits")
                VALUES (1, 'TWD', '["FullRefund","PartialRefund","Replacement","Voucher","FreeRepair","WarrantyExtension","ShippingFeeWaiver","Gift","Other"]', 1000, 20000, 5000, '[]');
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CompensationLedger");

            migrationBuilder.DropTable(
                name: "CompensationPolicy");

            migrationBuilder.DropTable(
                name: "OfferOptions");

            migrationBuilder.DropTable(
                name: "CompensationOffers");

            migrationBuilder.DropColumn(
                name: "OfferAwaitingApproval",
                table: "Complaints");
        }
    }
}
