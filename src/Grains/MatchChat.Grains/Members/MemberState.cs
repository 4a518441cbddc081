using MatchChat.Contracts.Conversations;
using MatchChat.Contracts.Gratitude;
using MatchChat.Contracts.Matching;
using MatchChat.Contracts.Members;


namespace MatchChat.Grains.Members;

/// <summary>
/// Small and bounded: at most one open request, a few pending offers, active conversations (at most
/// maxConcurrentChats as listener plus one as seeker) and the 20 most recently ended, and the rooms joined.
/// </summary>
[GenerateSerializer, Alias("MatchChat.MemberState")]
public sealed class MemberState
{
    [Id(0)] public string? Handle { get; set; }
    [Id(1)] public string AgeGroup { get; set; } = AgeGroups.Adult;
    [Id(2)] public DateTime CreatedAt { get; set; }
    [Id(3)] public ListenerSettings? Listener { get; set; }
    [Id(4)] public DateTime? LastAssignedAt { get; set; }
    [Id(5)] public int ConsecutiveExpiries { get; set; }
    [Id(6)] public OpenRequest? Request { get; set; }
    [Id(7)] public List<Offer> Offers { get; set; } = [];

    /// <summary>A request that expired while the seeker had no connection: told once, when a page connects again.</summary>
    [Id(11)] public QueueTicket? ExpiredUnseen { get; set; }
    [Id(8)] public List<Conversation> Conversations { get; set; } = [];
    [Id(9)] public List<string> Rooms { get; set; } = [];
    [Id(10)] public bool Moderator { get; set; }

    /// <summary>Whom this member blocked (member ids; the list itself is <c>BlockListGrain</c>'s, at most 1,000): the matching copy.</summary>
    [Id(20)] public HashSet<string> Blocked { get; set; } = [];

    // Standing (suspension, ban, deletion: StandingRole). Ids from 40 on, apart from other features' fields.
    /// <summary>A timed suspension's end; with <see cref="Banned"/> false and this in the past, the member is in good standing.</summary>
    [Id(40)] public DateTime? SuspendedUntil { get; set; }
    [Id(41)] public bool Banned { get; set; }
    /// <summary>The moderator's reason (at most 500 characters); never logged.</summary>
    [Id(42)] public string? SuspensionReason { get; set; }
    /// <summary>Set once the member deleted their data: from then on the member does not exist, but keeps the handle.</summary>
    [Id(43)] public DateTime? DeletedAt { get; set; }
    /// <summary>
    /// The reason was typed where the console says the member reads it (suspensions from the <c>Suspended</c> notice on).
    /// A reason stored before was written for moderators only: the member is told a standard sentence instead.
    /// </summary>
    [Id(44)] public bool SuspensionReasonForMember { get; set; }
    /// <summary>A deletion under way: the rooms whose members hear <c>MessagesRedacted</c> once the texts are erased, kept
    /// across a retry (the withdrawal leaves the rooms before the erasure, which may fail and be tried again).</summary>
    [Id(45)] public List<string>? RoomsToTellOfRedaction { get; set; }
    /// <summary>The rooms a suspension took the member out of (until it is lifted): a deletion while suspended tells them
    /// too, since their messages there are still on others' screens.</summary>
    [Id(46)] public List<string>? RoomsLeftBySuspension { get; set; }
    /// <summary>The member's appeal of the current suspension (text at most 1,000 characters; never logged); a new suspension clears it.</summary>
    [Id(47)] public Contracts.Appeals.Appeal? Appeal { get; set; }
    /// <summary>Moderators' warnings that arrived while no page was open, delivered at the next connection (at most 5).</summary>
    [Id(48)] public List<Contracts.Reports.Warned> PendingWarnings { get; set; } = [];

    // Crisis care (MemberGrain.Crisis.cs). Ids from 60 on, apart from other features' fields.
    /// <summary>ISO 3166-1 alpha-2 and BCP 47 primary tag: which crisis resources the member is shown, and the screen's language hint.</summary>
    [Id(60)] public string? Region { get; set; }
    [Id(61)] public string? Language { get; set; }

    /// <summary>When concern resources were last pushed (at most once an hour).</summary>
    [Id(62)] public DateTime? ConcernResourcesShownAt { get; set; }

    // Gratitude and listening well (GratitudeRole, ListeningRole). Ids from 80 on. Counters, not lists.
    /// <summary>When the member first agreed to the listener's guide.</summary>
    [Id(80)] public DateTime? GuideAgreedAt { get; set; }

    /// <summary>Conversations this member listened in (all time; <see cref="Conversations"/> keeps only the latest).</summary>
    [Id(81)] public int ListenedCount { get; set; }

    /// <summary>Thanks received as a listener, and the sum of their ratings (the average is derived).</summary>
    [Id(82)] public int ThanksReceived { get; set; }
    [Id(83)] public long RatingSum { get; set; }

    /// <summary>Thanks that arrived while no page was connected, delivered at the next connection (at most 20, oldest dropped).</summary>
    [Id(84)] public List<Thanked> PendingThanks { get; set; } = [];

    public bool Exists => Handle is not null && DeletedAt is null;
}
