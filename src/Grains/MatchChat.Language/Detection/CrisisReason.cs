namespace MatchChat.Language.Detection;

/// <summary>Why a text was read as it was: a kind for metrics, never the text.</summary>
public enum CrisisReason
{
    None = 0,

    /// <summary>Wish or intent to die or to kill oneself, including euphemisms and slang.</summary>
    SuicidalIdeation,

    /// <summary>Current self-harm or the urge to it.</summary>
    SelfHarm,

    /// <summary>A plan, means or time: pills, rope, "tonight is the night", a note written.</summary>
    Plan,

    /// <summary>Goodbyes, giving things away, "better off without me".</summary>
    Farewell,

    /// <summary>Hopelessness, worthlessness, feeling a burden (concern).</summary>
    Hopelessness,

    /// <summary>Distress without a sign of imminent risk: "I can't cope anymore" (concern).</summary>
    Distress,

    /// <summary>The writer speaks of someone else at risk now ("my friend wants to die") (concern).</summary>
    SomeoneElseAtRisk,

    /// <summary>Crisis language the writer has put in the past, negated, or tied to a film or book (concern).</summary>
    Distanced,
}
