using System.Diagnostics;
using System.Text;

namespace MatchChat.Bench.Infra;

/// <summary>Runs a child command to completion with a time bound.</summary>
public static class Shell
{
    public static async Task<(int Code, string Output)> RunAsync(string file, IEnumerable<string> args, TimeSpan timeout, string? workDir = null)
    {
        var psi = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workDir ?? Directory.GetCurrentDirectory(),
        };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        using var p = new Process { StartInfo = psi };
        var sb = new StringBuilder();
        p.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (sb) { sb.AppendLine(e.Data); } } };
        p.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (sb) { sb.AppendLine(e.Data); } } };
        p.Start();
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await p.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            try { p.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            return (-1, sb + $"\n(timed out after {timeout.TotalSeconds:F0}s)");
        }
        lock (sb)
        {
            return (p.ExitCode, sb.ToString());
        }
    }

    /// <summary>dotnet build -c Release, retrying when another engineer's build holds a file.</summary>
    public static async Task<bool> BuildAsync(string root, string project)
    {
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            Log.Info($"building {project} (Release), attempt {attempt}");
            var (code, output) = await RunAsync("dotnet", ["build", "-c", "Release", "--nologo", "-v", "q", project], TimeSpan.FromMinutes(5), root);
            if (code == 0)
            {
                return true;
            }
            if (attempt < 4 && (output.Contains("being used by another process", StringComparison.OrdinalIgnoreCase) || output.Contains("MSB3027", StringComparison.Ordinal) || output.Contains("MSB3026", StringComparison.Ordinal)))
            {
                Log.Info("build blocked by a file lock; waiting 20 s");
                await Task.Delay(TimeSpan.FromSeconds(20));
                continue;
            }
            var tail = string.Join('\n', output.Split('\n').Where(l => l.Contains("error", StringComparison.OrdinalIgnoreCase)).Take(15));
            Log.Info($"build of {project} failed:\n{tail}");
            return false;
        }
        return false;
    }
}
