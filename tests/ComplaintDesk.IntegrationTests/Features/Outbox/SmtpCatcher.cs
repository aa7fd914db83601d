using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MimeKit;

namespace ComplaintDesk.IntegrationTests.Features.Outbox;

/// <summary>
/// A real SMTP server on loopback for one test: Python's aiosmtpd with its Mailbox handler, which stores every message
/// it accepts in a Maildir (with the envelope's recipients added as <c>X-RcptTo</c>). Started on a free port; the
/// test reads what arrived with MimeKit; disposing kills this server's own process and deletes its folder.
/// </summary>
public sealed class SmtpCatcher : IAsyncDisposable
{
    public const string Python = "/usr/bin/python3";

    private readonly Process _process;

    private SmtpCatcher(Process process, int port, string folder)
    {
        _process = process;
        Port = port;
        Folder = folder;
    }

    public int Port { get; }

    /// <summary>The Maildir; delivered messages are in its <c>new/</c>.</summary>
    public string Folder { get; }

    public static async Task<SmtpCatcher> StartAsync()
    {
        var port = FreePort();
        var folder = Path.Combine(Path.GetTempPath(), $"complaintdesk-smtp-{Guid.NewGuid():N}");
        var start = new ProcessStartInfo(Python)
        {
            ArgumentList = { "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{port}", "-c", "aiosmtpd.handlers.Mailbox", folder },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var catcher = new SmtpCatcher(process, port, folder);
        try
        {
            await catcher.WaitUntilListeningAsync();
        }
        catch
        {
            await catcher.DisposeAsync();
            throw;
        }
        return catcher;
    }

    /// <summary>A port nothing listens on (for "the SMTP server is down") — or, briefly, to start one on.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Readiness, not timing: polls the port until it accepts, for at most 30 seconds.</summary>
    private async Task WaitUntilListeningAsync()
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"aiosmtpd exited with {_process.ExitCode} (is python3-aiosmtpd installed?).");
            }
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port, TestContext.Current.CancellationToken);
                return;
            }
            catch (SocketException) when (deadline.Elapsed < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(50, TestContext.Current.CancellationToken);
            }
        }
    }

    /// <summary>Every message received so far, as MimeKit reads it.</summary>
    public IReadOnlyList<MimeMessage> Messages()
    {
        var delivered = Path.Combine(Folder, "new");
        if (!Directory.Exists(delivered))
        {
            return [];
        }
        return Directory.GetFiles(delivered).Order(StringComparer.Ordinal).Select(path => MimeMessage.Load(path)).ToList();
    }

    /// <summary>The messages whose envelope went to <paramref name="address"/>.</summary>
    public IReadOnlyList<MimeMessage> MessagesTo(string address) =>
        Messages().Where(m => Recipients(m).Contains(address, StringComparer.OrdinalIgnoreCase)).ToList();

    /// <summary>The envelope's recipients (RCPT TO), as the server recorded them.</summary>
    public static IReadOnlyList<string> Recipients(MimeMessage message) =>
        (message.Headers["X-RcptTo"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None);
        }
        _process.Dispose();
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }
}
