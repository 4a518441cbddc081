using MatchChat.Language.Detection;

namespace MatchChat.Language.Tests;

/// <summary>One line of Data/labelled.tsv with its transform already applied.</summary>
public sealed record LabelledLine(CrisisLevel Expected, string Language, string Group, CrisisRole Role, string Transform, string Text)
{
    public static IReadOnlyList<LabelledLine> Load(string path = "Data/labelled.tsv") =>
        File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, path))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('\t'))
            .Select(f => new LabelledLine(
                f[0] switch { "crisis" => CrisisLevel.Crisis, "concern" => CrisisLevel.Concern, _ => CrisisLevel.None },
                f[1],
                f[2],
                f[3] switch { "listener" => CrisisRole.Listener, "room" => CrisisRole.RoomMember, _ => CrisisRole.Seeker },
                f[4],
                Disguise.Apply(f[4], f[5])))
            .ToList();
}
