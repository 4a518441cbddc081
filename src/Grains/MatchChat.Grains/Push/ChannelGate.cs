namespace MatchChat.Grains.Push;

/// <summary>
/// A channel grain's own turn-taking, on top of Orleans' (used only from the grain's turns, so no locking). Calls that
/// only send or read (<see cref="ChannelGrainBase.Interleaves"/>) share the grain: a channel's messages can be written
/// in batches while earlier ones wait for their commit. Every other call (start, end, join, moderation...) has the grain
/// to itself: it waits until the calls inside finish, and calls that arrive after it wait for it, so it is not starved.
/// </summary>
internal sealed class ChannelGate
{
    private readonly Queue<(bool Exclusive, TaskCompletionSource Entered)> _waiting = new();
    private int _shared;
    private bool _exclusive;

    public Task EnterShared()
    {
        if (!_exclusive && _waiting.Count == 0)
        {
            _shared++;
            return Task.CompletedTask;
        }

        return Wait(exclusive: false);
    }

    public Task EnterExclusive()
    {
        if (!_exclusive && _shared == 0 && _waiting.Count == 0)
        {
            _exclusive = true;
            return Task.CompletedTask;
        }

        return Wait(exclusive: true);
    }

    /// <summary>Leaves what <see cref="EnterShared"/> (<paramref name="shared"/>) or <see cref="EnterExclusive"/> entered.</summary>
    public void Exit(bool shared)
    {
        if (shared)
        {
            _shared--;
        }
        else
        {
            _exclusive = false;
        }

        Release();
    }

    private Task Wait(bool exclusive)
    {
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiting.Enqueue((exclusive, entered));
        return entered.Task;
    }

    /// <summary>Lets in, in arrival order, what may enter now: one exclusive call, or every shared call up to the next exclusive one.</summary>
    private void Release()
    {
        while (!_exclusive && _waiting.TryPeek(out var next))
        {
            if (next.Exclusive)
            {
                if (_shared > 0)
                {
                    return;
                }

                _exclusive = true;
            }
            else
            {
                _shared++;
            }

            _waiting.Dequeue();
            next.Entered.SetResult();
        }
    }
}
