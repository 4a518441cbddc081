using System.Globalization;
using System.Text;
using Orleans.Runtime;
using Orleans.Storage;

namespace MatchChat.Storage.Postgres.GrainState;

/// <summary>
/// One grain state write as the arguments of <c>writetostorage</c>, keyed exactly as Orleans' ADO.NET grain storage keys
/// it (the same hash picker, the same key split and hash bytes), so a row written here is the row Orleans reads and
/// updates, and the other way round.
/// </summary>
internal sealed record GrainStateRow(
    int GrainIdHash,
    long GrainIdN0,
    long GrainIdN1,
    int GrainTypeHash,
    string GrainType,
    string? KeyExtension,
    string ServiceId,
    int? Version,
    byte[] Payload)
{
    /// <summary>
    /// The row for <paramref name="grainId"/>'s state, or null when Orleans would rewrite the state name first (a generic
    /// type name, with a backtick): such a write goes to Orleans' own provider.
    /// </summary>
    public static GrainStateRow? Describe<T>(
        IStorageHasherPicker hashPicker, string serviceId, string providerName, string stateName, GrainId grainId, IGrainState<T> state, byte[] payload)
    {
        if (stateName.Contains('`', StringComparison.Ordinal))
        {
            return null;
        }

        long n0 = 0, n1 = 0;
        string? extension;
        byte[] hashBytes;
        if (grainId.TryGetGuidKey(out var guid, out extension))
        {
            var guidBytes = guid.ToByteArray();
            n0 = BitConverter.ToInt64(guidBytes, 0);
            n1 = BitConverter.ToInt64(guidBytes, 8);
            hashBytes = WithExtension(guidBytes, extension);
        }
        else if (grainId.TryGetIntegerKey(out var integer, out extension))
        {
            n1 = integer;
            hashBytes = WithExtension(BitConverter.GetBytes(integer), extension);
        }
        else
        {
            extension = grainId.Key.ToString();
            hashBytes = Encoding.UTF8.GetBytes(extension);
        }

        if (BitConverter.IsLittleEndian)
        {
            Array.Reverse(hashBytes);
        }

        var hasher = hashPicker.PickHasher(serviceId, providerName, stateName, grainId, state)
            ?? throw new InvalidOperationException("The grain storage's hash picker returned no hasher.");
        var version = string.IsNullOrWhiteSpace(state.ETag) ? (int?)null : int.Parse(state.ETag, CultureInfo.InvariantCulture);
        return new GrainStateRow(
            hasher.Hash(hashBytes), n0, n1, hasher.Hash(Encoding.UTF8.GetBytes(stateName)), stateName, extension, serviceId, version, payload);
    }

    private static byte[] WithExtension(byte[] key, string? extension) =>
        extension is null ? key : [.. key, .. Encoding.UTF8.GetBytes(extension)];
}
