using System.Globalization;
using System.Text;
using MatchChat.Language.Detection;

namespace MatchChat.Language.Tests;

/// <summary>Recall, precision and false-crisis rate of one run over the labelled set, by language and by group.</summary>
public sealed class AccuracyReport(IReadOnlyList<(LabelledLine Line, CrisisAssessment Result)> results)
{
    public double CrisisRecall(Func<LabelledLine, bool>? where = null) =>
        Rate(results.Where(r => r.Line.Expected == CrisisLevel.Crisis && (where?.Invoke(r.Line) ?? true)), r => r.Result.Level == CrisisLevel.Crisis);

    public double FalseCrisis(Func<LabelledLine, bool>? where = null) =>
        Rate(results.Where(r => r.Line.Expected == CrisisLevel.None && (where?.Invoke(r.Line) ?? true)), r => r.Result.Level == CrisisLevel.Crisis);

    public double CrisisPrecision(Func<LabelledLine, bool>? where = null)
    {
        var flagged = results.Where(r => r.Result.Level == CrisisLevel.Crisis && (where?.Invoke(r.Line) ?? true)).ToList();
        return flagged.Count == 0 ? 1 : flagged.Count(r => r.Line.Expected == CrisisLevel.Crisis) / (double)flagged.Count;
    }

    public double ConcernOrMore() =>
        Rate(results.Where(r => r.Line.Expected == CrisisLevel.Concern), r => r.Result.Level >= CrisisLevel.Concern);

    public IEnumerable<LabelledLine> Misses(CrisisLevel expected, Func<CrisisAssessment, bool> wrong) =>
        results.Where(r => r.Line.Expected == expected && wrong(r.Result)).Select(r => r.Line);

    /// <summary>The table; with <paramref name="lines"/> false (a sealed set) no line's text is printed, only figures.</summary>
    public string Table(string title, bool lines = true)
    {
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"== {title}: {results.Count} lines, model used on {results.Count(r => r.Result.UsedModel)}");
        sb.AppendLine("language  crisis-lines  recall  precision  safe-lines  false-crisis");
        foreach (var language in results.Select(r => r.Line.Language).Distinct().Order())
        {
            bool Of(LabelledLine l) => l.Language == language;
            sb.AppendLine(CultureInfo.InvariantCulture,
                $"{language,-9} {Count(CrisisLevel.Crisis, Of),12}  {CrisisRecall(Of),6:F3}  {CrisisPrecision(Of),9:F3}  {Count(CrisisLevel.None, Of),10}  {FalseCrisis(Of),12:F3}");
        }

        sb.AppendLine(CultureInfo.InvariantCulture,
            $"{"all",-9} {Count(CrisisLevel.Crisis, _ => true),12}  {CrisisRecall(),6:F3}  {CrisisPrecision(),9:F3}  {Count(CrisisLevel.None, _ => true),10}  {FalseCrisis(),12:F3}");
        sb.AppendLine("crisis group    lines  recall");
        foreach (var group in results.Where(r => r.Line.Expected == CrisisLevel.Crisis).Select(r => r.Line.Group).Distinct().Order())
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"{group,-14} {Count(CrisisLevel.Crisis, l => l.Group == group),6}  {CrisisRecall(l => l.Group == group),6:F3}");
        }

        sb.AppendLine("safe group      lines  false-crisis");
        foreach (var group in results.Where(r => r.Line.Expected == CrisisLevel.None).Select(r => r.Line.Group).Distinct().Order())
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"{group,-14} {Count(CrisisLevel.None, l => l.Group == group),6}  {FalseCrisis(l => l.Group == group),12:F3}");
        }

        sb.AppendLine(CultureInfo.InvariantCulture, $"concern lines read as concern or crisis: {ConcernOrMore():F3}");
        if (!lines)
        {
            return sb.ToString();
        }

        foreach (var miss in Misses(CrisisLevel.Crisis, a => a.Level != CrisisLevel.Crisis))
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"  missed crisis [{miss.Language}/{miss.Group}]: {miss.Text}");
        }

        foreach (var miss in Misses(CrisisLevel.None, a => a.Level == CrisisLevel.Crisis))
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"  false crisis [{miss.Language}/{miss.Group}]: {miss.Text}");
        }

        return sb.ToString();
    }

    private int Count(CrisisLevel expected, Func<LabelledLine, bool> where) =>
        results.Count(r => r.Line.Expected == expected && where(r.Line));

    private static double Rate<T>(IEnumerable<T> items, Func<T, bool> hit)
    {
        var list = items.ToList();
        return list.Count == 0 ? 0 : list.Count(hit) / (double)list.Count;
    }
}
