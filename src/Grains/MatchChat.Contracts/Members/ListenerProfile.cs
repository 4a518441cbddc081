using MatchChat.Contracts.Gratitude;
using MatchChat.Contracts.Listening;

namespace MatchChat.Contracts.Members;

/// <summary>PROTOCOL.md <c>ListenerProfile</c>; <see cref="TeenApproval"/> is <see cref="TeenApprovals"/> (always present).</summary>
[GenerateSerializer, Immutable, Alias("MatchChat.ListenerProfile")]
public sealed record ListenerProfile(
    [property: Id(0)] string[] Topics,
    [property: Id(1)] string[] Experiences,
    [property: Id(2)] int MaxConcurrentChats,
    [property: Id(3)] bool AcceptsTeens,
    [property: Id(4)] bool Available,
    [property: Id(5)] int ActiveChats,
    [property: Id(6)] string TeenApproval = TeenApprovals.None,
    [property: Id(70)] string? Bio = null)
{
    // [network] gratitude and listening well (ListeningRole): the member's own view only.
    [Id(30)] public ListenerStats? Stats { get; init; }
    [Id(31)] public WeeklySchedule? Schedule { get; init; }

    /// <summary>A schedule is set and now is outside every slot: not offered requests, whatever <see cref="Available"/> says.</summary>
    [Id(32)] public bool OffSchedule { get; init; }
    [Id(33)] public DateTime? GuideAgreedAt { get; init; }
}
