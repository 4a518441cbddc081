using MatchChat.Contracts.Members;
using MatchChat.Grains.Hosting;
using MatchChat.Grains.Persistence;
using Microsoft.Extensions.Logging;
using Orleans.Serialization;

namespace MatchChat.Grains.Handles;

/// <summary>
/// One per handle: the first member to claim it owns it; a member that could not be created gives it back. A claim is
/// a one-off at member creation and a lookup is rare, so an idle activation goes after two minutes instead of the
/// silo's default collection age: otherwise every member created within that age kept a second activation beside
/// its member grain (issue 12 goal 6, docs/benchmarks.md "Goal 6"). Its state is stored; a lookup activates it again.
/// (Not <c>DeactivateOnIdle</c> after a claim: concurrent claims of one handle queued behind it are forwarded and,
/// after two forwards, rejected.)
/// </summary>
[CollectionAgeLimit(Minutes = 2)]
public sealed class HandleGrain(
    [PersistentState("handle", StorageNames.Grains)] IPersistentState<HandleState> state,
    DeepCopier<HandleState> copier,
    ILogger<HandleGrain> logger) : Grain, IHandleGrain
{
    private WriteThrough<HandleState>? _writes;

    private WriteThrough<HandleState> Writes => _writes ??= new(state, copier, DeactivateOnIdle, logger);

    public async Task<bool> Claim(string memberId)
    {
        if (state.State.OwnerId is null)
        {
            await Writes.Change(s => s.OwnerId = memberId);
        }

        return state.State.OwnerId == memberId;
    }

    public async Task Release(string memberId)
    {
        if (state.State.OwnerId == memberId)
        {
            await Writes.Change(s => s.OwnerId = null);
        }
    }

    public Task<string?> Owner() => Task.FromResult(state.State.OwnerId);
}
