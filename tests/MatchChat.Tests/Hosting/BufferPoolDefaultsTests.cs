using MatchChat.Hosting;

namespace MatchChat.Tests.Hosting;

/// <summary>The shared buffer pool's size a MatchChat process starts with: MatchChat's default, or the operator's.</summary>
public sealed class BufferPoolDefaultsTests
{
    [Fact]
    public void Unset_gets_matchchats_default_and_an_operators_value_is_kept()
    {
        var before = Environment.GetEnvironmentVariable(BufferPoolDefaults.Variable);
        try
        {
            Environment.SetEnvironmentVariable(BufferPoolDefaults.Variable, null);
            Assert.Equal("1024", BufferPoolDefaults.Apply());
            Assert.Equal("1024", Environment.GetEnvironmentVariable(BufferPoolDefaults.Variable));

            Environment.SetEnvironmentVariable(BufferPoolDefaults.Variable, "64");
            Assert.Equal("64", BufferPoolDefaults.Apply());
            Assert.Equal("64", Environment.GetEnvironmentVariable(BufferPoolDefaults.Variable));
        }
        finally
        {
            Environment.SetEnvironmentVariable(BufferPoolDefaults.Variable, before);
        }
    }
}
