using MatchChat.Language.Detection;

namespace MatchChat.Language.Meaning;

/// <summary>Reads the sectioned sentence files of the meaning layer (prototypes.txt, exemplars.txt).</summary>
internal static class PrototypeFile
{
    public static IEnumerable<(CrisisReason Reason, bool Safe, List<string> Lines)> Parse(string content, string name)
    {
        (CrisisReason Reason, bool Safe, List<string> Lines)? current = null;
        foreach (var raw in content.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (line.StartsWith('['))
            {
                if (current is { } done)
                {
                    yield return done;
                }

                current = line switch
                {
                    "[crisis:plan]" => (CrisisReason.Plan, false, []),
                    "[crisis:farewell]" => (CrisisReason.Farewell, false, []),
                    "[crisis:ideation]" => (CrisisReason.SuicidalIdeation, false, []),
                    "[crisis:selfharm]" => (CrisisReason.SelfHarm, false, []),
                    "[safe]" => (CrisisReason.None, true, []),
                    _ => throw new FormatException($"{name}: unknown section {line}."),
                };
                continue;
            }

            current?.Lines.Add(line);
        }

        if (current is { } last)
        {
            yield return last;
        }
    }

    public static float Dot(float[] a, float[] b)
    {
        var n = Math.Min(a.Length, b.Length);
        var sum = 0f;
        for (var i = 0; i < n; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }
}
