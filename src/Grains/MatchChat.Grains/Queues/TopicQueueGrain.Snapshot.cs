namespace MatchChat.Grains.Queues;

/// <summary>
/// The queue's memory is the truth (<see cref="Live"/>); storage is given a copy taken when a write begins. The grain is
/// reentrant, and a storage provider may read the state it was given after its own awaits, off the grain's scheduler
/// (the ADO.NET provider serialises it while it opens the connection): handing it the live object let the next
/// request's insert change the list under the serialiser ("Collection was modified", measured in S8 on PostgreSQL at
/// 100 requests/s: the write failed and every caller waiting on it was told unavailable), or store a mix of two turns.
/// The copy is taken synchronously in the turn that starts the write, so it is one consistent state. Its cost is
/// O(waiting), like the serialisation that follows it, once per group commit, not per request.
/// </summary>
public sealed partial class TopicQueueGrain
{
    private TopicQueueState? _live;

    /// <summary>The state every call reads and changes: what storage held at activation, then changed in memory.</summary>
    private TopicQueueState Live => _live ??= state.State;

    private Task WriteSnapshot()
    {
        state.State = copier.Copy(Live);
        return state.WriteStateAsync();
    }
}
