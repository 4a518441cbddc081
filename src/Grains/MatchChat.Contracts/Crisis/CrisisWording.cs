namespace MatchChat.Contracts.Crisis;

/// <summary>What the crisis events say, in plain and calm words (English; the page may show its own translation).</summary>
public static class CrisisWording
{
    public const string CrisisMessage =
        "It sounds like you are going through something really painful right now. You deserve support straight away: " +
        "the people below are there for exactly this, any time. If you are in immediate danger, call your local emergency number. " +
        "You can keep talking here too.";

    public const string ConcernMessage =
        "It sounds like things are hard right now. If it ever gets to be too much, these people are there to listen, any time.";

    public const string PeerGuidance =
        "Your chat partner may be in crisis. Stay with them and keep listening: you do not need the right words. " +
        "Ask them gently whether they are safe right now. Share the resources below and encourage them to reach out; " +
        "if they are in immediate danger, encourage them to call their local emergency number. " +
        "Do not promise to keep this secret. A moderator has been told and can help; you are not alone with this.";
}
