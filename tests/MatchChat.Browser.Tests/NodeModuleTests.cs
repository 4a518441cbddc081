using System.ComponentModel;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace MatchChat.Browser.Tests;

/// <summary>
/// The page's pure modules (channels, outbox, requests: no DOM, no SignalR) under Node's built-in test
/// runner. The tests are in <c>js/*.test.js</c> next to this file and import the modules straight from
/// <c>src/Web/MatchChat.Web/wwwroot/js</c>; they are found from the repository root (where MatchChat.sln is).
/// </summary>
public sealed partial class NodeModuleTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task The_pure_page_modules_pass_their_node_tests()
    {
        var root = MatchChatFixture.RepositoryRoot;
        var dir = Path.Combine(root, "tests", "MatchChat.Browser.Tests", "js");
        var files = Directory.GetFiles(dir, "*.test.js").Order(StringComparer.Ordinal).ToArray();
        Assert.True(files.Length > 0, $"No *.test.js files in {dir}");

        var node = Environment.GetEnvironmentVariable("MATCHCHAT_NODE") is { Length: > 0 } custom ? custom : "node";
        var start = new ProcessStartInfo(node)
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("--test");
        start.ArgumentList.Add("--test-reporter=tap");
        foreach (var file in files)
        {
            start.ArgumentList.Add(Path.GetRelativePath(root, file));
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{node} did not start");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException(
                $"Node.js was not found ({node}: {e.Message}). These tests need Node 20.19 or later (ES module syntax detection): install it " +
                "(for example `apt-get install -y nodejs`) or set MATCHCHAT_NODE to its path.", e);
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(Timeout);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
                Assert.Fail($"node --test did not finish within {Timeout.TotalSeconds:F0} s.\n{await stdout}\n{await stderr}");
            }

            var output = $"{await stdout}\n{await stderr}";
            Assert.True(process.ExitCode == 0, $"node --test failed (exit code {process.ExitCode}):\n{output}");

            // Guard against a run that passes because nothing ran.
            var passed = PassCount().Match(output);
            Assert.True(passed.Success && int.Parse(passed.Groups[1].Value) > 0, $"node --test ran no tests:\n{output}");
            Assert.Matches(FailNone(), output);
        }
    }

    [GeneratedRegex(@"^# pass (\d+)$", RegexOptions.Multiline)]
    private static partial Regex PassCount();

    [GeneratedRegex(@"^# fail 0$", RegexOptions.Multiline)]
    private static partial Regex FailNone();
}
