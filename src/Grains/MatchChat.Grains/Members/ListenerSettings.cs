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
}
