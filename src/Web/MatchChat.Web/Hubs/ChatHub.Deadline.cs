using MatchChat.Contracts;
using MatchChat.Hosting;
using Microsoft.AspNetCore.SignalR;

namespace MatchChat.Web.Hubs;

/// <summary>
/// A call whose answer the member may never get: when the grain call times out the member is told
/// <c>unavailable: busy</c>, so the grain is told when that will happen (<see cref="CallDeadline"/>) and undoes work that
/// finishes after it. The deadline is three quarters of the grain call timeout, so that an answer the grain sends
/// before it still reaches this hub in time.
/// </summary>
public sealed partial class ChatHub
{
    private async Task<T> WithinDeadline<T>(Func<Task<T>> call)
    {
        var configuration = Context.GetHttpContext()?.RequestServices.GetService<IConfiguration>();
        var timeout = configuration is null ? TimeSpan.FromSeconds(10) : ClusterSettings.ResponseTimeout(configuration);
        CallDeadline.Set(time.GetUtcNow().UtcDateTime + timeout * 0.75);
        return await call();
    }
}
