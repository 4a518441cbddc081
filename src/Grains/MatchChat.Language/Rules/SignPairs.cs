using MatchChat.Language.Lexicon;

namespace MatchChat.Language.Rules;

/// <summary>
/// Which two kinds of warning sign read as crisis together (<see cref="ContextRules"/>): any two, except that a decision
/// or a set time (<see cref="SignalClass.Resolve"/>) counts only beside means made ready, a method or burden, and what an
/// overdose feels like (<see cref="SignalClass.Effects"/>) only beside means, means made ready or a method. Kinds are
/// bits of one int (bit n = <see cref="SignalClass"/> n).
/// </summary>
internal static class SignPairs
{
    private static readonly int ResolvePartners = (1 << (int)SignalClass.Ready) | (1 << (int)SignalClass.Method) | (1 << (int)SignalClass.Burden);
    private static readonly int EffectsPartners = (1 << (int)SignalClass.Means) | (1 << (int)SignalClass.Ready) | (1 << (int)SignalClass.Method);

    public static bool AnyCounts(int kinds)
    {
        for (var a = 1; a < 16; a++)
        {
            for (var b = a + 1; b < 16; b++)
            {
                if ((kinds & (1 << a)) != 0 && (kinds & (1 << b)) != 0 && Partners(a, b) && Partners(b, a))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool Partners(int kind, int other) => (SignalClass)kind switch
    {
        SignalClass.Resolve => (ResolvePartners & (1 << other)) != 0,
        SignalClass.Effects => (EffectsPartners & (1 << other)) != 0,
        _ => true,
    };
}
