using MatchChat.Hosting.Logging;
using MatchChat.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace MatchChat.Tests.Hosting;

/// <summary>
/// Logs carry no handle (docs/operations.md): Orleans names a grain whose state could not be read by its id, and a handle
/// grain's id is the handle (an outside probe found them in the logs of a PostgreSQL outage).
/// </summary>
public sealed class LogRedactionTests
{
    [Theory]
    [InlineData("Error reading grain state: GrainType=handle GrainId=PatientCloud-5810 ETag=null", "PatientCloud-5810")]
    [InlineData("Exception while activating grain handle/NoSuch-0001: Npgsql.NpgsqlException", "NoSuch-0001")]
    [InlineData("A member QuietHarbor-417 was named somewhere", "QuietHarbor-417")]
    public void A_handle_is_taken_out_of_a_log_line(string line, string handle)
    {
        var redacted = RedactingConsoleFormatter.Redact(line);

        Assert.DoesNotContain(handle, redacted, StringComparison.Ordinal);
        Assert.StartsWith(line[..5], redacted, StringComparison.Ordinal);
    }

    [Fact]
    public void Other_lines_are_left_as_they_are()
    {
        const string line = "Request answered 503 after TimeoutException in topic grief for grain member/3f2a9c";
        Assert.Equal(line, RedactingConsoleFormatter.Redact(line));
    }

    [Fact]
    public async Task The_web_node_writes_its_console_through_the_redacting_format()
    {
        await using var app = MatchChatServer.Build([], new Dictionary<string, string?> { ["MatchChat:Cluster:SiloPort"] = "0" });
        var options = app.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue;

        Assert.Equal(RedactingConsoleFormatter.FormatterName, options.FormatterName);
    }

    [Fact]
    public async Task A_console_format_the_operator_chose_is_kept()
    {
        await using var app = MatchChatServer.Build([], new Dictionary<string, string?>
        {
            ["MatchChat:Cluster:SiloPort"] = "0",
            ["Logging:Console:FormatterName"] = "json",
        });
        var options = app.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue;

        Assert.Equal("json", options.FormatterName);
    }
}
