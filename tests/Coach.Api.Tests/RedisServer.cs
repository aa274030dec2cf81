using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Coach.Api.Tests;

/// <summary>A real redis-server (Debian's, test.sh installs it) on a free loopback port, without persistence; killed with the test.</summary>
public sealed class RedisServer : IDisposable
{
    private readonly Process _process;

    private RedisServer(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString => $"127.0.0.1:{Port}";

    public static async Task<RedisServer> StartAsync()
    {
        var executable = new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("redis-server is not installed: run ./test.sh, which installs it (apt-get install redis-server).");
        var port = FreePort();
        var process = Process.Start(new ProcessStartInfo(executable, ["--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "no"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new RedisServer(process, port);
        for (var i = 0; i < 100; i++)
        {
            if (await server.PingAsync())
            {
                return server;
            }
            await Task.Delay(50);
        }
        server.Dispose();
        throw new InvalidOperationException($"redis-server did not answer on port {port}.");
    }

    public async Task<bool> PingAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray());
            var buffer = new byte[16];
            var n = await stream.ReadAsync(buffer);
            return Encoding.ASCII.GetString(buffer, 0, n).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>Keys in the server whose name starts with the prefix (KEYS: fine on a test server).</summary>
    public async Task<int> CountKeysAsync(string prefix)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, Port);
        var stream = client.GetStream();
        var pattern = prefix + "*";
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"*2\r\n$4\r\nKEYS\r\n${pattern.Length}\r\n{pattern}\r\n"));
        var buffer = new byte[65536];
        var n = await stream.ReadAsync(buffer);
        var reply = Encoding.ASCII.GetString(buffer, 0, n);
        return int.Parse(reply.AsSpan(1, reply.IndexOf('\r', StringComparison.Ordinal) - 1), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Kills the server as a crash would (SIGKILL): no goodbye to the clients.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit(5_000);
        }
    }

    private static int FreePort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }
}
