namespace MatchChat.Contracts;

/// <summary>
/// Grain references without Orleans 10's per-call reflection. <c>IGrainFactory.GetGrain&lt;T&gt;(key)</c> works out
/// T's grain interface type from T's attributes on every call (<c>GetCustomAttributes</c> and <c>TypeConverter.Format</c>):
/// 6.7 % of the server's CPU in the S4 matching burst and 6.2 % of S1's relay (docs/benchmarks.md). Here the grain
/// type and interface type of each T are resolved once, through the ordinary call, and every later reference is built
/// from its <see cref="GrainId"/>: the same reference, without the lookup. Use these instead of <c>GetGrain</c>.
/// </summary>
public static class GrainRefs
{
    /// <summary>The grain of interface <typeparamref name="T"/> with string key <paramref name="key"/>.</summary>
    public static T Ref<T>(this IGrainFactory grains, string key)
        where T : IGrainWithStringKey
    {
        ArgumentNullException.ThrowIfNull(grains);
        if (Types<T>.Resolved is not { } types)
        {
            var first = grains.GetGrain<T>(key);
            Types<T>.Resolved = Of(first);
            return first;
        }

        return (T)grains.GetGrain(GrainId.Create(types.GrainType, key), types.InterfaceType);
    }

    /// <summary>The grain of interface <typeparamref name="T"/> with integer key <paramref name="key"/>.</summary>
    public static T Ref<T>(this IGrainFactory grains, long key)
        where T : IGrainWithIntegerKey
    {
        ArgumentNullException.ThrowIfNull(grains);
        if (Types<T>.Resolved is not { } types)
        {
            var first = grains.GetGrain<T>(key);
            Types<T>.Resolved = Of(first);
            return first;
        }

        return (T)grains.GetGrain(GrainId.Create(types.GrainType, GrainIdKeyExtensions.CreateIntegerKey(key)), types.InterfaceType);
    }

    private static GrainTypes Of(object reference)
    {
        var grain = (GrainReference)reference;
        return new GrainTypes(grain.GrainId.Type, grain.InterfaceType);
    }

    private sealed record GrainTypes(GrainType GrainType, GrainInterfaceType InterfaceType);

    /// <summary>One per interface; the same in every silo and client of a process (they load the same assemblies).</summary>
    private static class Types<T>
    {
        public static GrainTypes? Resolved;
    }
}
