using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using MatchChat.Web;

namespace MatchChat.Tests.Architecture;

/// <summary>
/// The web project talks to the cluster through the contracts and the hosting wiring only: checked on the compiled
/// assembly's type references, so it holds for every file, generated code included.
/// </summary>
public sealed class WebReferenceTests
{
    private static readonly string[] ForbiddenAssemblies = ["MatchChat.Grains", "MatchChat.Storage.Postgres"];

    [Fact]
    public void The_web_assembly_names_no_type_of_the_grains_or_the_storage_assembly()
    {
        var (references, types) = ReferencesInto(typeof(MatchChatServer).Assembly.Location, ForbiddenAssemblies);

        Assert.True(types.Count == 0,
            "MatchChat.Web uses types of the grains or storage assemblies (go through MatchChat.Contracts or MatchChat.Hosting): "
            + string.Join(", ", types));
        Assert.True(references.Count == 0, "MatchChat.Web references " + string.Join(", ", references));
    }

    [Fact]
    public void The_boundary_check_sees_a_type_of_the_storage_assembly_when_one_is_used()
    {
        // The hosting assembly does use the storage assembly (its PostgreSQL health check), so the check must say so.
        var (references, types) = ReferencesInto(typeof(MatchChat.Hosting.ClusterSettings).Assembly.Location, ["MatchChat.Storage.Postgres"]);

        Assert.Contains("MatchChat.Storage.Postgres", references);
        Assert.Contains("MatchChat.Storage.Postgres.PostgresHealth", types);
    }

    /// <summary>The assembly references of <paramref name="path"/> to the named assemblies, and every type it names in them.</summary>
    private static (List<string> References, List<string> Types) ReferencesInto(string path, string[] assemblies)
    {
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        var forbidden = new Dictionary<AssemblyReferenceHandle, string>();
        foreach (var handle in metadata.AssemblyReferences)
        {
            var name = metadata.GetString(metadata.GetAssemblyReference(handle).Name);
            if (assemblies.Contains(name))
            {
                forbidden[handle] = name;
            }
        }

        var types = new List<string>();
        foreach (var handle in metadata.TypeReferences)
        {
            var reference = metadata.GetTypeReference(handle);
            var scope = reference.ResolutionScope;
            while (scope.Kind == HandleKind.TypeReference)
            {
                scope = metadata.GetTypeReference((TypeReferenceHandle)scope).ResolutionScope;
            }

            if (scope.Kind == HandleKind.AssemblyReference && forbidden.ContainsKey((AssemblyReferenceHandle)scope))
            {
                types.Add($"{metadata.GetString(reference.Namespace)}.{metadata.GetString(reference.Name)}");
            }
        }

        return ([.. forbidden.Values], types);
    }
}
