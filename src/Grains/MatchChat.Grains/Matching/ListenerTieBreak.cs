using MatchChat.Contracts.Matching;

namespace MatchChat.Grains.Matching;

/// <summary>
/// <see cref="MatchingPolicy"/>'s tie-breakers as a total order, best first: largest <see cref="MatchingPolicy.SpareShare"/>,
/// then longest since last assigned (never assigned first), then listener id (ordinal). Among listeners who score the
/// same for a seeker, <see cref="MatchingPolicy.Choose"/> picks the first eligible one in this order.
/// </summary>
public sealed class ListenerTieBreak : IComparer<ListenerSnapshot>
{
    public static readonly ListenerTieBreak Instance = new();

    private ListenerTieBreak()
    {
    }

    public int Compare(ListenerSnapshot? x, ListenerSnapshot? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }

        var bySpare = MatchingPolicy.SpareShare(y).CompareTo(MatchingPolicy.SpareShare(x));
        if (bySpare != 0)
        {
            return bySpare;
        }

        var byLast = (x.LastAssignedAt ?? DateTime.MinValue).CompareTo(y.LastAssignedAt ?? DateTime.MinValue);
        return byLast != 0 ? byLast : string.CompareOrdinal(x.ListenerId, y.ListenerId);
    }
}
