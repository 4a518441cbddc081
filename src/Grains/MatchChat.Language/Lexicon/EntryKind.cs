namespace MatchChat.Language.Lexicon;

/// <summary>The sections of a lexicon file.</summary>
public enum EntryKind
{
    Crisis,
    Concern,
    Figure,
    First,
    Second,
    Third,
    Negation,
    Past,
    Media,
    Cue,

    /// <summary>A warning sign that is everyday on its own (a goodbye, pills, a will): see <see cref="SignalClass"/>.</summary>
    Signal,

    /// <summary>An urge that is not an act: "the urge to", "ganas de", "envie de", "Drang". Self-harm just after it is
    /// concern, not crisis.</summary>
    Urge,

    /// <summary>The writer says they will not act: "not going to do anything", "no voy a hacer nada", "ich tu nix".</summary>
    Reassurance,

    /// <summary>A feeling, not a decision: "I feel like", "siento que", "j'ai l'impression". "They'd be better off without
    /// me" after it is concern.</summary>
    Hedge,
}

/// <summary>
/// The kinds of warning sign a <see cref="EntryKind.Signal"/> phrase belongs to. One alone is everyday; two different
/// kinds from the writer in one text read as crisis (Rules/ContextRules.cs).
/// </summary>
public enum SignalClass
{
    None,

    /// <summary>Means or a place: pills saved, a rope, a bridge, a roof, a train, a car running in a garage.</summary>
    Means,

    /// <summary>Goodbye, thanks for everything, take care of my…, sorry for everything.</summary>
    Farewell,

    /// <summary>Affairs put in order: letters, a will, passwords, accounts, things given away, everything ready.</summary>
    Arrangement,

    /// <summary>Not being there: won't need it where I'm going, don't wait for me, after I'm gone, won't bother you again.</summary>
    Absence,

    /// <summary>Being a burden or the problem.</summary>
    Burden,

    /// <summary>A decision taken or a time set: "I've made my decision", "tonight's the night", "after tonight", "the next
    /// train is in five minutes". Everyday beside a goodbye, papers or medicine; it counts only beside means made ready,
    /// a method, or burden.</summary>
    Resolve,

    /// <summary>Means made ready: standing on the ledge, the rope tied, the gun loaded, pills saved up or laid out.</summary>
    Ready,

    /// <summary>Intent to use a method: how many would it take not to wake up, how long it takes to die, "tonight I take
    /// them all".</summary>
    Method,

    /// <summary>What an overdose feels like: the room spinning, blurred sight. Counts only beside means, ready or method.</summary>
    Effects,
}
