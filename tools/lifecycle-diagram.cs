// Prints the lifecycle table as a Mermaid diagram: `dotnet run tools/lifecycle-diagram.cs`.
// Paste the output into docs/lifecycle.md; a domain test fails while the two differ.
#:project ../src/ComplaintDesk.Domain/ComplaintDesk.Domain.csproj
Console.Write(ComplaintDesk.Domain.Complaints.ComplaintLifecycle.ToMermaid());
