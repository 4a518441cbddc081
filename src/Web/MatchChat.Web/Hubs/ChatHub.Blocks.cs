using MatchChat.Contracts;
using MatchChat.Contracts.Blocks;
using MatchChat.Contracts.Errors;
using MatchChat.Web.Safety;

namespace MatchChat.Web.Hubs;

/// <summary>Block, Unblock, ListBlocked (PROTOCOL.md, Trust and safety): by handle; member ids stay on the server.</summary>
public sealed partial class ChatHub
{
    private IBlockListGrain MyBlocks => grains.Ref<IBlockListGrain>(MemberId);

    public async Task Block(string handle)
    {
        var target = InputRules.Handle(handle);
        // Before the lookup, so the limit also bounds probing for handles.
        if (!blockLimiter.TryAcquire(MemberId))
        {
            throw new MatchChatException(ErrorCodes.RateLimited, "You have blocked many members in a short time. Wait a while, then try again.");
        }

        var targetId = await HandleDirectory.RequireAsync(grains, target);
        if (targetId == MemberId)
        {
            throw MatchChatException.Invalid("You cannot block yourself.");
        }

        await MyBlocks.Block(targetId, target);
    }

    public async Task Unblock(string handle)
    {
        var targetId = await HandleDirectory.RequireAsync(grains, InputRules.Handle(handle));
        await MyBlocks.Unblock(targetId);
    }

    public Task<BlockedMember[]> ListBlocked() => MyBlocks.List();
}
