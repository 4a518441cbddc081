using MatchChat.Grains.Crisis;
using MatchChat.Tests.Support;
using Microsoft.Extensions.Configuration;

namespace MatchChat.Tests.Crisis;

/// <summary>[crisis] Detection and its model are on by default: in the silo's defaults and in both shipped appsettings files.</summary>
public sealed class CrisisDefaultsTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("src/Web/MatchChat.Web/appsettings.json")]
    [InlineData("src/Silo/MatchChat.Silo/appsettings.json")]
    public void Detection_and_the_model_are_on_unless_an_operator_turns_them_off(string? appsettings)
    {
        var builder = new ConfigurationBuilder();
        if (appsettings is not null)
        {
            builder.AddJsonFile(Path.Combine(RepoPaths.Root, appsettings), optional: false);
        }

        // Bound exactly as AddMatchChatCrisis binds it (services.Configure<CrisisOptions>(section)).
        var options = new CrisisOptions();
        builder.Build().GetSection("MatchChat:Crisis").Bind(options);

        Assert.True(options.Enabled);
        Assert.True(options.Model);
    }
}
