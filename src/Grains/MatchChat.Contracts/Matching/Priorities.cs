namespace MatchChat.Contracts.Matching;

/// <summary><c>QueueTicket.priority</c> and <c>Offer.priority</c> ([crisis]): a request whose seeker wrote crisis language is <c>urgent</c>.</summary>
public static class Priorities
{
    public const string Normal = "normal";
    public const string Urgent = "urgent";
}
