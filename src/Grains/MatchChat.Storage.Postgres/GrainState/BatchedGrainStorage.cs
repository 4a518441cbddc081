using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration.Overrides;
using Orleans.Runtime;
using Orleans.Storage;

namespace MatchChat.Storage.Postgres.GrainState;

/// <summary>
/// Orleans' ADO.NET grain storage with its writes group-committed (<see cref="GrainStateBatches"/>): reads and clears
/// are Orleans' own; a write is serialized, keyed and version-checked as Orleans does it (same serializer, same hash
/// picker, same rows, same <see cref="InconsistentStateException"/> on a version conflict), then waits for the commit
/// of the batch that carries it.
/// </summary>
internal sealed class BatchedGrainStorage(AdoNetGrainStorage inner, GrainStateBatches batches, string serviceId, string name)
    : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    /// <summary>The storage named <paramref name="name"/>, as Orleans' <c>AddAdoNetGrainStorage</c> would build it, batched.</summary>
    public static BatchedGrainStorage Create(IServiceProvider services, string name) => new(
        AdoNetGrainStorageFactory.Create(services, name),
        services.GetRequiredService<GrainStateBatches>(),
        services.GetProviderClusterOptions(name).Value.ServiceId,
        name);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, grainId, grainState);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ClearStateAsync(stateName, grainId, grainState);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        // The serializer's own array when it is exactly the payload (MatchChat's binary state is): a long queue's row is
        // not copied once more.
        var serialized = inner.Serializer.Serialize(grainState.State).ToMemory();
        var payload = MemoryMarshal.TryGetArray(serialized, out var whole) && whole.Offset == 0 && whole.Count == whole.Array!.Length
            ? whole.Array
            : serialized.ToArray();
        if (GrainStateRow.Describe(inner.HashPicker, serviceId, name, stateName, grainId, grainState, payload) is not { } row)
        {
            await inner.WriteStateAsync(stateName, grainId, grainState);
            return;
        }

        var stored = (await batches.WriteAsync(row))?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;

        // Orleans' rule: the same version back (nothing updated), or none (nothing inserted), is a conflict: another
        // activation wrote this state since it was read.
        if (stored.Length == 0 || stored == grainState.ETag)
        {
            throw new InconsistentStateException($"Version conflict (WriteState): ProviderName={name} GrainType={stateName} ETag={grainState.ETag}.");
        }

        grainState.ETag = stored;
        grainState.RecordExists = true;
    }

    /// <summary>Orleans' provider reads its statements at silo start; that stays its own.</summary>
    public void Participate(ISiloLifecycle lifecycle) => inner.Participate(lifecycle);
}
