using MatchChat.Contracts.Errors;
using Microsoft.Extensions.Logging;
using Orleans.Serialization;

namespace MatchChat.Grains.Persistence;

/// <summary>
/// The write discipline of every grain whose callers are told "done": a change is applied in memory and written
/// through. When the write fails, memory is put back as it was, the activation is deactivated (a write reported as
/// failed may have landed all the same, and only a fresh read knows; it also drops a stale ETag), and the caller
/// hears <c>unavailable</c>. So memory never runs ahead of storage, and a caller told unavailable never finds the
/// change applied by this activation. The queue, whose callers are told about matches rather than writes, uses
/// <see cref="WriteBehind"/> instead.
/// </summary>
public sealed class WriteThrough<T>(IPersistentState<T> state, DeepCopier<T> copier, Action deactivate, ILogger logger)
{
    /// <summary>A change kept in memory, not yet stored (<see cref="Defer"/>): the next write of any kind stores it.</summary>
    private bool _deferred;

    public T State => state.State;

    /// <summary>Whether a deferred change still waits for a write.</summary>
    public bool HasDeferred => _deferred;

    /// <summary>Applies <paramref name="change"/> and writes. A change that throws is undone and nothing is written.</summary>
    public Task Change(Action<T> change) => ChangeIf(s =>
    {
        change(s);
        return true;
    });

    /// <summary>Applies <paramref name="change"/> and writes only when it returns true (something changed).</summary>
    public async Task ChangeIf(Func<T, bool> change)
    {
        var before = copier.Copy(state.State)!;
        bool changed;
        try
        {
            changed = change(state.State);
        }
        catch
        {
            state.State = before;
            throw;
        }

        if (!changed)
        {
            return;
        }

        try
        {
            await Write();
        }
        catch (Exception e)
        {
            state.State = before;
            deactivate();
            logger.LogWarning("State write failed ({ExceptionType}); change undone, activation deactivated", e.GetType().Name);
            throw MatchChatException.Unavailable("That could not be saved just now. Please try again in a moment.");
        }
    }

    /// <summary>
    /// For changes that are safe to keep in memory before they are stored (an offer that lives 30 s): written when
    /// storage answers, else kept and written with the next change. Returns whether it was stored.
    /// </summary>
    public async Task<bool> TryWrite(string when)
    {
        try
        {
            await Write();
            return true;
        }
        catch (Exception e)
        {
            logger.LogWarning("State write failed {When} ({ExceptionType}); kept in memory until the next write", when, e.GetType().Name);
            return false;
        }
    }

    /// <summary>
    /// For changes that are safe in memory before they are stored and that another write usually follows within a
    /// moment (an offer, which the listener accepts or declines): no write now; the next write of any kind stores it,
    /// else <see cref="WriteDeferred"/>, which the grain calls on a short timer and at deactivation.
    /// </summary>
    public void Defer() => _deferred = true;

    /// <summary>Writes a deferred change that no other write has stored yet (best-effort, as <see cref="TryWrite"/>).</summary>
    public Task<bool> WriteDeferred(string when) => _deferred ? TryWrite(when) : Task.FromResult(true);

    private async Task Write()
    {
        // Whatever is in memory when the write begins is what it stores; on failure a deferred change still waits.
        var deferred = _deferred;
        _deferred = false;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            _deferred |= deferred;
            throw;
        }
    }
}
