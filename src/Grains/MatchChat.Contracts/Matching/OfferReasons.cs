namespace MatchChat.Contracts.Matching;

/// <summary>Why an offer left a listener's screen (<see cref="OfferWithdrawn.Reason"/>), and why a listener let one go.</summary>
public static class OfferReasons
{
    public const string Accepted = "accepted";
    public const string Declined = "declined";
    public const string Expired = "expired";

    /// <summary>The listener went unavailable (by choice, by missed offers, or by losing their connection).</summary>
    public const string Unavailable = "unavailable";

    /// <summary>The listener was at their limit when the offer arrived; the queue tries someone else.</summary>
    public const string Busy = "busy";

    /// <summary>The seeker cancelled or left.</summary>
    public const string Withdrawn = "withdrawn";

    /// <summary>The listener accepted but the conversation could not be started; the seeker keeps their place.</summary>
    public const string NotStarted = "not_started";
}
