using System.Reflection;

namespace MatchChat.CrisisBench;

/// <summary>The benchmark's messages: lines of chat-mix.txt drawn with fixed weights (ordinary 90%, distress 8%, crisis 2%).</summary>
public static class ChatMix
{
    public static List<string> Build(int count, int seed)
    {
        var groups = Read();
        var random = new Random(seed);
        var list = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            var roll = random.NextDouble();
            var group = roll < 0.90 ? groups["ordinary"] : roll < 0.98 ? groups["distress"] : groups["crisis"];
            list.Add(group[random.Next(group.Count)]);
        }

        return list;
    }

    private static Dictionary<string, List<string>> Read()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("chat-mix.txt")
            ?? throw new InvalidOperationException("chat-mix.txt is missing.");
        using var reader = new StreamReader(stream);
        var groups = new Dictionary<string, List<string>>();
        List<string>? current = null;
        while (reader.ReadLine() is { } raw)
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (line.StartsWith('['))
            {
                current = groups[line.Trim('[', ']')] = [];
                continue;
            }

            current?.Add(line);
        }

        return groups;
    }
}
