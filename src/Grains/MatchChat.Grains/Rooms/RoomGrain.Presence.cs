namespace MatchChat.Grains.Rooms;

/// <summary>
/// The present count the room's members see follows pages that close and open again, not only joins and leaves: a
/// change arms one short timer, and its tick sends <c>RoomUpdated</c> when the count differs from the last one sent, so
/// a busy room's comings and goings cost at most one push per <see cref="PresenceWindow"/>.
/// </summary>
public sealed partial class RoomGrain
{
    private static readonly TimeSpan PresenceWindow = TimeSpan.FromSeconds(2);
    private IGrainTimer? _presenceTimer;
    private int _pushedPresent = -1;

    private void CountChanged()
    {
        _presenceTimer ??= this.RegisterGrainTimer(
            _ =>
            {
                _presenceTimer?.Dispose();
                _presenceTimer = null;
                if (_present.Count(state.State.Members.ContainsKey) != _pushedPresent && topics.Find(Slug) is not null)
                {
                    PushCount();
                }

                return Task.CompletedTask;
            },
            new GrainTimerCreationOptions(PresenceWindow, Timeout.InfiniteTimeSpan));
    }
}
