namespace MatchChat.Bench.Scenarios;

/// <summary>[network] Bios and notes for S4 with <c>--meaning both</c>: realistic lengths, so the model's cost is what a real request pays.</summary>
public static class S4Texts
{
    private static readonly string[] Bios =
    [
        "My mother died of cancer when I was 34. I nursed her at home and the first year without her was the hardest of my life.",
        "My husband died suddenly of a heart attack. Learning to live alone, eat alone and sleep alone took me a long time.",
        "My brother took his own life when he was 26. The guilt and the questions about why: I have been through all of that.",
        "When my dog of fourteen years had to be put to sleep I was surprised how deep the grief went.",
        "My best friend was killed in a car crash at 19. One day she was texting me, the next she was gone.",
    ];

    private static readonly string[] Notes =
    [
        "my mum passed in march and i keep calling her number",
        "He went to bed fine and never woke up. Forty years together and now I talk to his chair.",
        "my sister killed herself three months ago and I keep going over our last phone call",
        "had to say goodbye to my cat this morning, feel so dumb crying this much",
        "a classmate drowned over the summer, it doesn't feel real, I keep expecting a message from him",
    ];

    public static string Bio(int i) => Bios[i % Bios.Length];

    public static string Note(int i) => Notes[i % Notes.Length] + $" ({i})";
}
