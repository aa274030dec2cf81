using System.Diagnostics;

namespace Coach.Api.Tests;

/// <summary>
/// Starts Coach as an operator does (<c>dotnet Coach.Api.dll</c>) with settings that must stop it, and returns what it
/// said and its exit code. An in-process host that fails to start races its own disposal (WebApplicationFactory then
/// reports an ObjectDisposedException instead of the reason), so a refused start is checked on the real process.
/// </summary>
internal static class FailedStart
{
    public static async Task<(int ExitCode, string Output)> RunAsync(string root, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet", [typeof(Program).Assembly.Location])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = root,
        };
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["Coach__StorePath"] = Path.Combine(root, "coach.db");
        start.Environment["Coach__CachePath"] = Path.Combine(root, "cache");
        start.Environment["Coach__ReferenceCachePath"] = CoachApiFactory.SharedReferenceCache;
        start.Environment["Coach__DataPath"] = Matching.Engine.Data.DataFolder.Resolve(null, AppContext.BaseDirectory);
        start.Environment.Remove("Coach__PseudonymKey");
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        return (process.ExitCode, await output + await errors);
    }
}
