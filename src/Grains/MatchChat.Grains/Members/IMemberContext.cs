using MatchChat.Contracts;
using MatchChat.Contracts.Matching;
using MatchChat.Contracts.Push;
using MatchChat.Grains.Hosting;
using MatchChat.Grains.Persistence;
using Microsoft.Extensions.Logging;

namespace MatchChat.Grains.Members;

/// <summary>What the role classes of a member (<see cref="SeekerRole"/>, <see cref="ListenerRole"/>, <see cref="ChatList"/>,
/// <see cref="RoomList"/>) share with their <see cref="MemberGrain"/>: one activation, one state, one turn at a time.</summary>
internal interface IMemberContext
{
    string MemberId { get; }

    /// <summary>The state; changes go through <see cref="Writes"/>, so read it afresh after each change.</summary>
    MemberState State { get; }

    WriteThrough<MemberState> Writes { get; }

    /// <summary>
    /// Stores a change that is safe in memory for a moment (<see cref="WriteThrough{T}.Defer"/>) with the next write, or
    /// within a second: an offer's accept or decline, a moment later, then writes once instead of twice.
    /// </summary>
    void WriteSoon();

    DateTime Now { get; }

    MatchChatTimings Timings { get; }

    IGrainFactory Grains { get; }

    ILogger Logger { get; }

    /// <summary>[network] Embeds notes and bios for matching by meaning (MemberGrain.Meaning.cs).</summary>
    Matching.MeaningService Meaning { get; }

    /// <summary>[crisis] The phrase screen (null when crisis care is off), for a request note read before it is queued.</summary>
    Crisis.CrisisScreening? Screening { get; }

    /// <summary>The member as they see themself (without the open request's ticket), for <c>MemberUpdated</c>.</summary>
    Contracts.Members.Member Describe();

    /// <summary>Pushes an event to the web nodes that hold this member's connections.</summary>
    void Notify(Func<IChatObserver, Task> send);

    /// <summary>[crisis] Shows the member crisis resources, and keeps them to show again if the page was closing.</summary>
    void ShowCare(Contracts.Crisis.CrisisResources resources);

    /// <summary>Re-arms presence deadlines and the reminder after the open request or availability changed.</summary>
    Task WatchPresence();

    /// <summary>Throws not_found/forbidden unless the topic exists and is open to this member's age group.</summary>
    void RequireTopic(string slug);

    ITopicQueueGrain Queue(string topic) => Grains.Ref<ITopicQueueGrain>(topic);
}
