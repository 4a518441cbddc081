using System.Buffers.Binary;
using Orleans.Serialization;

namespace MatchChat.Grains.Queues;

/// <summary>
/// A queue's waiting requests as one byte array: a format version byte, then for each request (in queue order) its
/// length (4 bytes, little-endian) and its bytes in Orleans' binary format, each serialized on its own. A request keeps
/// its bytes (<see cref="QueuedRequest.Packed"/>) until it changes, so packing a long queue of which a few requests changed
/// serializes those few and copies the rest. The whole queue serialized in one go built a reference table of every object
/// of every request and a deep copy of the queue on each write: a quarter of what a matching burst allocated
/// (docs/benchmarks.md, stop 44).
/// </summary>
public static class PackedRequests
{
    public const byte Version = 1;

    public static byte[] Pack(IReadOnlyList<QueuedRequest> requests, Serializer<QueuedRequest> serializer)
    {
        var length = 1;
        foreach (var r in requests)
        {
            r.Packed ??= serializer.SerializeToArray(r);
            length += sizeof(int) + r.Packed.Length;
        }

        var packed = new byte[length];
        packed[0] = Version;
        var at = 1;
        foreach (var r in requests)
        {
            BinaryPrimitives.WriteInt32LittleEndian(packed.AsSpan(at), r.Packed!.Length);
            at += sizeof(int);
            r.Packed.CopyTo(packed, at);
            at += r.Packed.Length;
        }

        return packed;
    }

    public static List<QueuedRequest> Unpack(byte[] packed, Serializer<QueuedRequest> serializer)
    {
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
