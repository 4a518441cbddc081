namespace MatchChat.Grains.Crisis;

/// <summary>
/// <c>MatchChat:Crisis</c>. <see cref="Enabled"/>: every request note and message is screened (default on).
/// <see cref="Model"/>: the sentence-embedding model joins the cheap screen once it has loaded (default on; off keeps
/// the screen alone, for example in tests). <see cref="ConcernIntervalMinutes"/>: a member sees concern resources at
/// most this often.
/// </summary>
public sealed class CrisisOptions
{
    public bool Enabled { get; set; } = true;

    public bool Model { get; set; } = true;

    /// <summary>
    /// First-person English messages of five words or more go to the model even without a cue word (default on; off
    /// brings the model's share of a chat mix from ~56 % back to ~16 %, see docs/crisis-detector.md).
    /// </summary>
    public bool ModelForFirstPerson { get; set; } = true;

    public double ConcernIntervalMinutes { get; set; } = 60;

    /// <summary>
    /// Messages that may be at the model at once (running or waiting for it); beyond that a message is read by the
    /// phrase screen alone and counted (<c>model="skipped"</c>), so a burst never builds a backlog that would delay the
    /// crisis readings behind it. Request notes always get the model.
    /// </summary>
    public int MaxModelBacklog { get; set; } = 2;

    /// <summary>Alerts a moderator's <c>ListAlerts</c> returns at most.</summary>
    public int MaxListedAlerts { get; set; } = 200;
}
