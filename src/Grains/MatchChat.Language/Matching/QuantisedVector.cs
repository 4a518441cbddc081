namespace MatchChat.Language.Matching;

/// <summary>
/// A unit-length sentence vector in 8 bits a component (384 bytes for MiniLM instead of 1,536): each component is
/// <c>round(x / max|x| × 127)</c>, and <see cref="Scale"/> is <c>max|x| / 127</c>, so <c>x ≈ value × scale</c>.
/// The dot product of two is an integer sum times both scales; on MiniLM vectors it stays within about 0.01 of the
/// float dot product (tested), far below the differences matching acts on.
/// </summary>
public readonly record struct QuantisedVector(sbyte[] Values, float Scale)
{
    public static QuantisedVector From(ReadOnlySpan<float> vector)
    {
        var max = 0f;
        foreach (var x in vector)
        {
            max = Math.Max(max, Math.Abs(x));
        }

        var values = new sbyte[vector.Length];
        if (max == 0)
        {
            return new QuantisedVector(values, 0);
        }

        for (var i = 0; i < vector.Length; i++)
        {
            values[i] = (sbyte)Math.Clamp(MathF.Round(vector[i] / max * 127f), -127, 127);
        }

        return new QuantisedVector(values, max / 127f);
    }

    /// <summary>Cosine similarity of two unit vectors (their dot product); 0 when the lengths differ or either is empty.</summary>
    public static float Similarity(sbyte[] a, float scaleA, sbyte[] b, float scaleB)
    {
        if (a.Length != b.Length || a.Length == 0)
        {
            return 0;
        }

        var sum = 0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum * scaleA * scaleB;
    }
}
