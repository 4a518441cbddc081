using System.Buffers.Binary;
using Orleans.Serialization;

namespace MatchChat.Grains.Queues;

/// <summary>
/// A queue's waiting requests as one stored value: a format version byte, then for each request (in queue order) its
/// length (4 bytes, little-endian) and its bytes in Orleans' binary format, each serialized on its own. A request keeps
/// its bytes (<see cref="QueuedRequest.Packed"/>) until it changes, so packing a long queue of which a few requests changed
/// serializes those few and refers to the rest. The whole queue serialized in one go built a reference table of every
/// object of every request and a deep copy of the queue on each write: a quarter of what a matching burst allocated
/// (docs/benchmarks.md, stop 44).
/// <para>
/// A packed value holds the requests' own arrays, not a copy of them: <see cref="PackedRequestsCodec"/> writes them
/// straight into the serializer's buffer, so a write allocates the queue's size once (the stored row), not twice
/// (stop 45). On the wire it is exactly the byte array that stop 44 stored in the same field, so either build reads the
/// other's rows.
/// </para>
/// </summary>
[Immutable, Alias("MatchChat.PackedRequests"), Newtonsoft.Json.JsonConverter(typeof(PackedRequestsJsonConverter))]
public sealed class PackedRequests
{
    public const byte Version = 1;

    // Written: each request's bytes, in queue order. Never changed after packing (a request that changes gets new bytes).
    private readonly byte[][]? _parts;

    // Read: the stored layout as it came.
    private readonly byte[]? _layout;

    private PackedRequests(byte[][]? parts, byte[]? layout, int length)
    {
        _parts = parts;
        _layout = layout;
        Length = length;
    }

    /// <summary>The stored layout's size in bytes.</summary>
    public int Length { get; }

    /// <summary>The requests' bytes, serializing only those that changed since their last pack.</summary>
    public static PackedRequests Pack(IReadOnlyList<QueuedRequest> requests, Serializer<QueuedRequest> serializer)
    {
        var parts = new byte[requests.Count][];
        var length = 1;
        for (var i = 0; i < parts.Length; i++)
        {
            var r = requests[i];
            parts[i] = r.Packed ??= serializer.SerializeToArray(r);
            length += sizeof(int) + parts[i].Length;
        }

        return new PackedRequests(parts, null, length);
    }

    /// <summary>A stored layout (as <see cref="PackedRequestsCodec"/> read it, or as a test builds it).</summary>
    public static PackedRequests FromLayout(byte[] layout) => new(null, layout, layout.Length);

    /// <summary>The stored layout: what <see cref="PackedRequestsCodec"/> writes.</summary>
    public byte[] ToLayout()
    {
        if (_layout is not null)
        {
            return _layout;
        }

        var layout = new byte[Length];
        layout[0] = Version;
        var at = 1;
        foreach (var part in _parts!)
        {
            BinaryPrimitives.WriteInt32LittleEndian(layout.AsSpan(at), part.Length);
            at += sizeof(int);
            part.CopyTo(layout, at);
            at += part.Length;
        }

        return layout;
    }

    /// <summary>Each request's bytes in queue order (packed here), or null (read from storage: <see cref="Layout"/>).</summary>
    internal byte[][]? Parts => _parts;

    /// <summary>The stored layout as read, or null (packed here: <see cref="Parts"/>).</summary>
    internal byte[]? Layout => _layout;

    public List<QueuedRequest> Unpack(Serializer<QueuedRequest> serializer)
    {
        if (_parts is not null)
        {
            return [.. _parts.Select(p => serializer.Deserialize(p) ?? throw new InvalidDataException("A packed request is empty."))];
        }

        var packed = _layout!;
        if (packed.Length == 0 || packed[0] != Version)
        {
            throw new NotSupportedException($"Packed queue rows of version {(packed.Length == 0 ? "none" : packed[0])} are not read by this build ({Version}).");
        }

        var requests = new List<QueuedRequest>();
        var at = 1;
        while (at < packed.Length)
        {
            var length = packed.Length - at >= sizeof(int) ? BinaryPrimitives.ReadInt32LittleEndian(packed.AsSpan(at)) : -1;
            at += sizeof(int);
            if (length < 0 || length > packed.Length - at)
            {
                throw new InvalidDataException("A packed queue row is cut short.");
            }

            requests.Add(serializer.Deserialize((ReadOnlySpan<byte>)packed.AsSpan(at, length))
                ?? throw new InvalidDataException("A packed queue row holds an empty request."));
            at += length;
        }

        return requests;
    }
}
