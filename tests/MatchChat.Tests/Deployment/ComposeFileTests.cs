using MatchChat.Tests.Support;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace MatchChat.Tests.Deployment;

/// <summary>
/// docker-compose.yml and deploy/prometheus.yml as an operator relies on them: every node has a health check, web nodes
/// wait for a healthy silo, and Prometheus (profile observability) scrapes every web node and silo at its metrics port.
/// Parsed with YamlDotNet, merge keys resolved as Compose resolves them; `docker-compose config` is not needed here.
/// </summary>
public sealed class ComposeFileTests
{
    private static readonly YamlMappingNode Compose = Load(Path.Combine(RepoPaths.Root, "docker-compose.yml"));
    private static readonly YamlMappingNode Services = (YamlMappingNode)Compose["services"];

    private static IEnumerable<string> NodesBuiltFrom(string dockerfile) =>
        Services.Children
            .Where(s => s.Value is YamlMappingNode service && service.Children.ContainsKey("build")
                && Text(((YamlMappingNode)service["build"])["dockerfile"]) == dockerfile)
            .Select(s => Text(s.Key));

    private static IEnumerable<string> Silos => NodesBuiltFrom("src/Silo/Dockerfile");

    private static IEnumerable<string> WebNodes => NodesBuiltFrom("src/Web/Dockerfile");

    [Fact]
    public void The_compose_file_has_postgresql_two_silos_two_web_nodes_and_prometheus()
    {
        Assert.Equal(["postgres", "silo1", "silo2", "web1", "web2", "prometheus"], Services.Children.Keys.Select(Text));
        Assert.Equal(["silo1", "silo2"], Silos);
        Assert.Equal(["web1", "web2"], WebNodes);
    }

    [Fact]
    public void Every_silo_is_probed_on_its_gateway_port_without_curl()
    {
        foreach (var silo in Silos)
        {
            var service = Service(silo);
            var probe = string.Join(' ', ((YamlSequenceNode)((YamlMappingNode)service["healthcheck"])["test"]).Select(Text));
            Assert.Contains("/dev/tcp/127.0.0.1/" + Environment(service)["MatchChat__Cluster__GatewayPort"], probe);
            Assert.DoesNotContain("curl", probe);
            Assert.Equal("service_healthy", Text(((YamlMappingNode)((YamlMappingNode)service["depends_on"])["postgres"])["condition"]));
        }
    }

    [Fact]
    public void Every_web_node_is_probed_at_healthz_and_waits_for_a_healthy_silo()
    {
        foreach (var web in WebNodes)
        {
            var service = Service(web);
            var probe = string.Join(' ', ((YamlSequenceNode)((YamlMappingNode)service["healthcheck"])["test"]).Select(Text));
            Assert.Contains("GET /healthz", probe);
            Assert.Contains(" 200 ", probe);
            var dependsOn = (YamlMappingNode)service["depends_on"];
            Assert.Contains(dependsOn.Children, d => Silos.Contains(Text(d.Key))
                && Text(((YamlMappingNode)d.Value)["condition"]) == "service_healthy");
            Assert.Equal("Client", Environment(service)["MatchChat__Hosting__Mode"]);
            Assert.True(Environment(service).ContainsKey("MatchChat__Admin__Key"));
        }
    }

    [Fact]
    public void Prometheus_runs_only_in_the_observability_profile_and_scrapes_every_node_at_its_metrics_port()
    {
        var prometheus = Service("prometheus");
        Assert.Equal(["observability"], ((YamlSequenceNode)prometheus["profiles"]).Select(Text));
        Assert.Contains(((YamlSequenceNode)prometheus["volumes"]).Select(Text), v => v.StartsWith("./deploy/prometheus.yml:", StringComparison.Ordinal));

        var scrape = Load(Path.Combine(RepoPaths.Root, "deploy", "prometheus.yml"));
        var targets = ((YamlSequenceNode)scrape["scrape_configs"])
            .Cast<YamlMappingNode>()
            .SelectMany(job => ((YamlSequenceNode)job["static_configs"]).Cast<YamlMappingNode>()
                .SelectMany(c => ((YamlSequenceNode)c["targets"]).Select(t => (Target: Text(t), Path: job.Children.TryGetValue("metrics_path", out var p) ? Text(p) : "/metrics"))))
            .ToList();

        var expected = WebNodes.Select(w => $"{w}:8080")
            .Concat(Silos.Select(s => $"{s}:{Environment(Service(s))["MatchChat__Metrics__Port"]}"))
            .ToList();
        Assert.Equal(expected.Order(), targets.Select(t => t.Target).Order());
        Assert.All(targets, t => Assert.Equal("/metrics", t.Path));
    }

    private static YamlMappingNode Service(string name) => (YamlMappingNode)Services[name];

    private static Dictionary<string, string> Environment(YamlMappingNode service) =>
        ((YamlMappingNode)service["environment"]).Children.ToDictionary(e => Text(e.Key), e => Text(e.Value));

    private static string Text(YamlNode node) => ((YamlScalarNode)node).Value ?? "";

    private static YamlMappingNode Load(string path)
    {
        using var reader = new StreamReader(path);
        var stream = new YamlStream();
        stream.Load(new MergingParser(new Parser(reader)));
        return (YamlMappingNode)Assert.Single(stream.Documents).RootNode;
    }
}
