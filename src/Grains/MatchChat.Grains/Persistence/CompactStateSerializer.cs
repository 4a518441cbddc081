using Orleans.Serialization;
using Orleans.Serialization.Buffers;
using Orleans.Storage;

namespace MatchChat.Grains.Persistence;

/// <summary>
/// Grain state in Orleans' own binary format (the one every grain call already uses, version tolerant through the
/// <c>[Id]</c>s of <c>[GenerateSerializer]</c> types) instead of the default Newtonsoft JSON with type names: in the S4
/// burst the member grains' JSON writes were ~14 % of the server's CPU (docs/benchmarks.md, stop 19). A payload starts
/// with <see cref="Marker"/> (a zero byte, which no JSON text starts with); anything else is read with
/// <paramref name="fallback"/>, so state written before in JSON is still read, and written back in binary with the
/// grain's next change. With <paramref name="writeBinary"/> false it writes exactly what <paramref name="fallback"/>
/// writes and still reads both: the first step of moving stored state to binary, so that every silo of a cluster can
/// read binary rows before any silo writes one (PostgreSQL, <c>MatchChat:Storage:BinaryGrainState</c>).
/// </summary>
public sealed class CompactStateSerializer(Serializer serializer, IGrainStorageSerializer fallback, bool writeBinary = true) : IGrainStorageSerializer
{
    /// <summary>The first two bytes of a binary payload: zero, then the format's version.</summary>
    public static readonly byte[] Marker = [0, 1];

    public BinaryData Serialize<T>(T? input)
    {
        if (!writeBinary)
        {
            return fallback.Serialize(input);
        }

        // Into pooled buffers, then one copy of the exact size: a stream grown by doubling from a small start allocated
        // about twice each state's size, more for a long queue (docs/benchmarks.md, stop 44).
        using var session = serializer.SessionPool.GetSession();
        var writer = Writer.CreatePooled(session);
        try
        {
            serializer.Serialize(input, ref writer);
            var bytes = new byte[Marker.Length + writer.Output.Length];
            Marker.CopyTo(bytes, 0);
            writer.Output.CopyTo(bytes.AsSpan(Marker.Length));
            return new BinaryData(bytes);
        }
        finally
        {
            writer.Dispose();
        }
    }

    public T? Deserialize<T>(BinaryData input)
    {
        var bytes = input.ToMemory();
        if (bytes.Length < Marker.Length || bytes.Span[0] != Marker[0])
        {
            return fallback.Deserialize<T>(input);
        }

        if (bytes.Span[1] != Marker[1])
        {
            throw new NotSupportedException($"Grain state in binary format version {bytes.Span[1]} is newer than this build reads ({Marker[1]}).");
        }

        return serializer.Deserialize<T>(bytes[Marker.Length..]);
    }
}
