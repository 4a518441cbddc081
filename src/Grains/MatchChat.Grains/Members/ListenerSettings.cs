using MatchChat.Contracts.Listening;

namespace MatchChat.Grains.Members;

[GenerateSerializer, Alias("MatchChat.ListenerSettings")]
public sealed class ListenerSettings
{
    [Id(0)] public string[] Topics { get; set; } = [];
    [Id(1)] public string[] Experiences { get; set; } = [];
    [Id(2)] public int MaxConcurrentChats { get; set; } = 1;
    [Id(3)] public bool AcceptsTeens { get; set; }
    [Id(4)] public bool Available { get; set; }
    /// <summary>A moderator approved this adult's <see cref="AcceptsTeens"/> (TeenApprovalRole); cleared when they stop accepting teens.</summary>
    [Id(40)] public bool TeenApproved { get; set; }

    /// <summary>[network] The weekly schedule (null: none): outside it the listener is not offered requests.</summary>
    [Id(60)] public WeeklySchedule? Schedule { get; set; }

    /// <summary>[network] The listener's lived experience in their own words (at most 500 characters); never logged.</summary>
    [Id(70)] public string? Bio { get; set; }

    /// <summary>[network] The vectors of <see cref="Bio"/> and <see cref="Experiences"/> (null: not made, or the model was off or too slow).</summary>
    [Id(71)] public Contracts.Matching.ListenerMeaning? Meaning { get; set; }

    /// <summary>[network] What <see cref="Meaning"/> was made from (<see cref="Matching.MeaningService.Fingerprint"/>), so an unchanged profile is not embedded again.</summary>
    [Id(72)] public string? MeaningOf { get; set; }
}
