using MatchChat.Contracts.Errors;
using MatchChat.Web.Api;
using Orleans.Serialization;

namespace MatchChat.Tests.Hosting;

/// <summary>
/// Which failures a REST request answers with 503 and <c>Retry-After</c> rather than 500. A web node in <c>Client</c> mode
/// hears a silo's storage failure during a PostgreSQL outage as a missing codec for the driver's exception (an outside
/// probe saw the admin API answer 500 then).
/// </summary>
public sealed class TransientFailureTests
{
    [Fact]
    public void A_storage_failure_that_reached_a_client_node_without_a_codec_is_transient()
    {
        var heard = new InvalidOperationException("the call failed", new CodecNotFoundException("Could not find a codec for type Npgsql.NpgsqlException."));

        Assert.True(UnavailableExceptionHandler.IsTransient(heard));
    }

    [Fact]
    public void A_programming_error_is_not_transient()
    {
        Assert.False(UnavailableExceptionHandler.IsTransient(new InvalidOperationException("a bug")));
        Assert.False(UnavailableExceptionHandler.IsTransient(MatchChatException.NotFound("No member has that handle.")));
        // A contract type without a codec is a bug, not an outage.
        Assert.False(UnavailableExceptionHandler.IsTransient(new CodecNotFoundException("Could not find a codec for type MatchChat.Contracts.Rooms.Room.")));
    }
}
