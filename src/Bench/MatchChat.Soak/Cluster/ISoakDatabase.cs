namespace MatchChat.Soak.Cluster;

/// <summary>
/// The PostgreSQL the soak runs on: an empty database of its own, and a crash restart of the whole server
/// (<c>pg_ctl restart -m immediate</c>). The test passes its private PostgreSQL fixture, the benchmark its own.
/// </summary>
public interface ISoakDatabase
{
    string ConnectionString { get; }

    /// <summary>Returns when the server answers again.</summary>
    Task RestartImmediateAsync();
}
