using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ComplaintDesk.Application.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class SlaClocks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "Vip",
                table: "Customers",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "NextDueAt",
                table: "Complaints",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "NextWarnAt",
                table: "Complaints",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Overdue",
                table: "Complaints",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<decimal>(
                name: "RaisedAuthority",
                table: "Complaints",
                type: "numeric(14,2)",
                precision: 14,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ResolveBy",
                table: "Complaints",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "WaitingOnCustomer",
                table: "Complaints",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "BusinessCalendars",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    TimeZoneId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Hours = table.Column<string>(type: "jsonb", nullable: false),
                    Holidays = table.Column<string>(type: "jsonb", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BusinessCalendars", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SlaClocks",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    ComplaintId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    State = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    StartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Allowed = table.Column<TimeSpan>(type: "interval", nullable: false),
                    Business = table.Column<bool>(type: "boolean", nullable: false),
                    CalendarId = table.Column<Guid>(type: "uuid", nullable: true),
                    DueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    WarnAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    WarnedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    PausedSince = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    BreachedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    StoppedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    NextCheckAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    OfferId = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SlaClocks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SlaClocks_Complaints_ComplaintId",
                        column: x => x.ComplaintId,
                        principalTable: "Complaints",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SlaPolicies",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Severity = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    CategoryCode = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    Channel = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    VipOnly = table.Column<bool>(type: "boolean", nullable: false),
                    CalendarId = table.Column<Guid>(type: "uuid", nullable: false),
                    Basis = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    AcknowledgeWithin = table.Column<TimeSpan>(type: "interval", nullable: false),
                    ResolveWithin = table.Column<TimeSpan>(type: "interval", nullable: false),
                    DecisionWithin = table.Column<TimeSpan>(type: "interval", nullable: false),
                    FollowUpAfter = table.Column<TimeSpan>(type: "interval", nullable: false),
                    FollowUpAnswerWithin = table.Column<TimeSpan>(type: "interval", nullable: false),
                    OfferAnswerWithin = table.Column<TimeSpan>(type: "interval", nullable: false),
                    WarningPercent = table.Column<int>(type: "integer", nullable: false),
                    Regulatory = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    RegulatoryDays = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SlaPolicies", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SlaPolicies_BusinessCalendars_CalendarId",
                        column: x => x.CalendarId,
                        principalTable: "BusinessCalendars",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SlaPolicies_Categories_CategoryCode",
                        column: x => x.CategoryCode,
                        principalTable: "Categories",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SlaClockEffects",
                columns: table => new
                {
                    ClockId = table.Column<long>(type: "bigint", nullable: false),
                    Effect = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    FiredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SlaClockEffects", x => new { x.ClockId, x.Effect });
                    table.ForeignKey(
                        name: "FK_SlaClockEffects_SlaClocks_ClockId",
                        column: x => x.ClockId,
                        principalTable: "SlaClocks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_NextDueAt_Id",
                table: "Complaints",
                columns: new[] { "NextDueAt", "Id" },
                filter: "\"NextDueAt\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_BusinessCalendars_Name",
                table: "BusinessCalendars",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SlaClocks_BreachedAt",
                table: "SlaClocks",
                column: "BreachedAt",
                filter: "\"BreachedAt\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_SlaClocks_ComplaintId_Kind",
                table: "SlaClocks",
                columns: new[] { "ComplaintId", "Kind" });

            migrationBuilder.CreateIndex(
                name: "IX_SlaClocks_Due",
                table: "SlaClocks",
                column: "NextCheckAt",
                filter: "\"NextCheckAt\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_SlaClocks_Kind_StoppedAt",
                table: "SlaClocks",
                columns: new[] { "Kind", "StoppedAt" },
                filter: "\"StoppedAt\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_SlaClocks_Open",
                table: "SlaClocks",
                columns: new[] { "DueAt", "Id" },
                filter: "\"StoppedAt\" IS NULL AND \"State\" <> 'Cancelled'");

            migrationBuilder.CreateIndex(
                name: "IX_SlaPolicies_CalendarId",
                table: "SlaPolicies",
                column: "CalendarId");

            migrationBuilder.CreateIndex(
                name: "IX_SlaPolicies_CategoryCode",
                table: "SlaPolicies",
                column: "CategoryCode");

            migrationBuilder.CreateIndex(
                name: "IX_SlaPolicies_Severity_CategoryCode_Channel_VipOnly",
                table: "SlaPolicies",
                columns: new[] { "Severity", "CategoryCode", "Channel", "VipOnly" },
                unique: true)
                .Annotation("Npgsql:NullsDistinct", false);

            // Defaults from the source documents: acknowledge within 1 h when critical (around the clock), 4 business
            // hours when high, one business day (8 h) otherwise; resolve in 1/3/5/10 business days (a day is 8 h);
            // follow up 24 h after closing; Taiwan's CPA art. 43 final-response limit of 15 days. Admins change them.
            migrationBuilder.Sql("""
            INSERT INTO "BusinessCalendars" ("Id", "Name", "TimeZoneId", "Hours", "Holidays") VALUES
                ('0193a000-0000-7000-8000-000000000001', 'Office hours', 'Asia/Taipei', '[{"day":1,"fromMinute":540,"toMinute":720},{"day":1,"fromMinute":780,"toMinute":1080},{"day":2,"fromMinute":540,"toMinute":720},{"day":2,"fromMinute":780,"toMinute":1080},{"day":3,"fromMinute":540,"toMinute":720},{"day":3,"fromMinute":780,"toMinute":1080},{"day":4,"fromMinute":540,"toMinute":720},{"day":4,"fromMinute":780,"toMinute":1080},{"day":5,"fromMinute":540,"toMinute":720},{"day":5,"fromMinute":780,"toMinute":1080}]', '[]'),
                ('0193a000-0000-7000-8000-000000000002', 'Around the clock', 'Asia/Taipei', '[{"day":0,"fromMinute":0,"toMinute":1440},{"day":1,"fromMinute":0,"toMinute":1440},{"day":2,"fromMinute":0,"toMinute":1440},{"day":3,"fromMinute":0,"toMinute":1440},{"day":4,"fromMinute":0,"toMinute":1440},{"day":5,"fromMinute":0,"toMinute":1440},{"day":6,"fromMinute":0,"toMinute":1440}]', '[]');
            INSERT INTO "SlaPolicies" ("Id", "Severity", "CategoryCode", "Channel", "VipOnly", "CalendarId", "Basis", "AcknowledgeWithin", "ResolveWithin", "DecisionWithin", "FollowUpAfter", "FollowUpAnswerWithin", "OfferAnswerWithin", "WarningPercent", "Regulatory", "RegulatoryDays") VALUES
                ('0193a000-0000-7000-8001-000000000001', 'Critical', NULL, NULL, FALSE, '0193a000-0000-7000-8000-000000000002', 'Calendar', interval '01:00:00', interval '1 day', interval '02:00:00', interval '24:00:00', interval '7 days', interval '7 days', 75, 'TaiwanConsumerProtection', NULL),
                ('0193a000-0000-7000-8001-000000000002', 'High', NULL, NULL, FALSE, '0193a000-0000-7000-8000-000000000001', 'Business', interval '04:00:00', interval '24:00:00', interval '04:00:00', interval '24:00:00', interval '7 days', interval '7 days', 75, 'TaiwanConsumerProtection', NULL),
                ('0193a000-0000-7000-8001-000000000003', 'Medium', NULL, NULL, FALSE, '0193a000-0000-7000-8000-000000000001', 'Business', interval '08:00:00', interval '40:00:00', interval '08:00:00', interval '24:00:00', interval '7 days', interval '7 days', 75, 'TaiwanConsumerProtection', NULL),
                ('0193a000-0000-7000-8001-000000000004', 'Low', NULL, NULL, FALSE, '0193a000-0000-7000-8000-000000000001', 'Business', interval '08:00:00', interval '80:00:00', interval '16:00:00', interval '24:00:00', interval '7 days', interval '7 days', 75, 'TaiwanConsumerProtection', NULL);
            """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SlaClockEffects");

            migrationBuilder.DropTable(
                name: "SlaPolicies");

            migrationBuilder.DropTable(
                name: "SlaClocks");

            migrationBuilder.DropTable(
                name: "BusinessCalendars");

            migrationBuilder.DropIndex(
                name: "IX_Complaints_NextDueAt_Id",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "Vip",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "NextDueAt",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "NextWarnAt",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "Overdue",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "RaisedAuthority",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "ResolveBy",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "WaitingOnCustomer",
                table: "Complaints");
        }
    }
}
