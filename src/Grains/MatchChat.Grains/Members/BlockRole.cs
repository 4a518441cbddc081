using MatchChat.Contracts;
using MatchChat.Contracts.Blocks;
using MatchChat.Contracts.Conversations;

namespace MatchChat.Grains.Members;

/// <summary>
/// Applies a member's blocks (their list lives in <c>BlockListGrain</c>, which calls here): the member ids are kept as
/// the matching copy that this member's roster entries and request carry, so the queues never pair them with anyone
/// they block; the web nodes filter pushes by them; and every active conversation with the one just blocked ends
/// (reason <c>blocked</c> to this member, plain <c>ended</c> to the other).
/// </summary>
internal sealed class BlockRole(IMemberContext m, ListenerRole listener)
{
    private MemberState S => m.State;

    public async Task Apply(BlockChange change)
    {
        var ids = change.BlockedIds.ToHashSet(StringComparer.Ordinal);
        await m.Writes.ChangeIf(s =>
        {
            if (s.Blocked.SetEquals(ids))
            {
                return false;
            }

            s.Blocked = ids;
            return true;
        });
        m.Notify(n => n.BlocksChanged(m.MemberId, change.BlockedIds));

        // As listener: the roster entry carries the blocks (the queue withdraws an open offer for a blocked seeker).
        await listener.PushSnapshot();
        // As seeker: so does the waiting request.
        if (S.Request is { } open)
        {
            await m.Queue(open.Topic).UpdateSeekerBlocks(open.RequestId, change.BlockedIds);
        }

        if (change.BlockedHandle is { } handle)
        {
            var together = S.Conversations.Where(c => c.EndedAt is null && c.PeerHandle == handle).ToList();
            foreach (var conversation in together)
            {
                await m.Grains.Ref<IConversationGrain>(conversation.ConversationId).End(m.MemberId, EndReasons.Blocked);
            }
        }
    }
}
