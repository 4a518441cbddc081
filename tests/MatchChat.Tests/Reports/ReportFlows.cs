using MatchChat.Contracts.Conversations;
using MatchChat.Contracts.Messaging;
using MatchChat.Contracts.Reports;
using MatchChat.Tests.Support;
using Microsoft.AspNetCore.SignalR;

namespace MatchChat.Tests.Reports;

/// <summary>What the report tests share: a matched pair, the report calls, and errors as <c>code: sentence</c>.</summary>
internal static class ReportFlows
{
    public static async Task<(TestMember Seeker, TestMember Listener, Conversation Conversation)> Pair(ServerFixture server, string topic = "grief")
    {
        var seeker = await server.NewMember();
        var listener = await server.NewMember();
        var (seen, _) = await Journeys.Match(seeker, listener, topic);
        return (seeker, listener, seen);
    }

    public static async Task<string> File(TestMember member, string channel, long? seq, string category = "harassment", string? reason = "They keep insulting me.")
    {
        var receipt = await member.Conn.Invoke<Receipt>("Report", new { channel, seq, category, reason });
        return receipt.ReportId;
    }

    public static Task<Report[]> List(TestMember moderator, string? status = null) =>
        status is null ? moderator.Conn.Invoke<Report[]>("ListReports") : moderator.Conn.Invoke<Report[]>("ListReports", new { status });

    public static Task Resolve(TestMember moderator, string reportId, string action, int? minutes = null, string? note = null) =>
        moderator.Conn.Invoke("ResolveReport", new { reportId, action, minutes, note });

    public static async Task<string> Refusal(Func<Task> call) => HubErrors.CodeAndSentence(await Assert.ThrowsAsync<HubException>(call));

    public static async Task<Message[]> SendMany(TestMember member, string channel, int count, string prefix)
    {
        var sent = new List<Message>();
        for (var i = 1; i <= count; i++)
        {
            sent.Add(await member.Send(channel, $"{prefix} {i}"));
        }

        return [.. sent];
    }

    public sealed record Receipt(string ReportId);
}
