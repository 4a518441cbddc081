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

    /// <summary>
    /// The meaning layer's crisis threshold on the exemplar bank's nearest-neighbour score (default 0.04, chosen on the
    /// labelled set). Higher trades recall for fewer false crisis readings (0.08: untouched sets' recall 0.80/0.52 instead
    /// of 0.80/0.76, false crisis 0.05 instead of 0.15 on the third set; see docs/crisis-detector.md).
    /// </summary>
    public double NeighbourThreshold { get; set; } = 0.04;

    public double ConcernIntervalMinutes { get; set; } = 60;

    /// <summary>
    /// Messages that may be at the model at once (running or waiting for it); beyond that a message is read by the
    /// phrase screen alone and counted (<c>model="skipped"</c>), so a burst never builds a backlog that would delay the
    /// crisis readings behind it. Request notes always get the model. As many as the model reads in one run
    /// (<c>MiniLmEmbedder.MaxBatch</c>): texts that wait together are read together, at about 40 % less CPU each.
    /// </summary>
    public int MaxModelBacklog { get; set; } = 8;

    /// <summary>Alerts a moderator's <c>ListAlerts</c> returns at most.</summary>
    public int MaxListedAlerts { get; set; } = 200;
}
