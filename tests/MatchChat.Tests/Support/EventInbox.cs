using Microsoft.AspNetCore.SignalR.Client;

namespace MatchChat.Tests.Support;

/// <summary>Records one event of one connection (for events <see cref="TestConnection"/> does not record itself).</summary>
public sealed class EventInbox<T>
{
    private readonly List<T> _items = [];
    private readonly SemaphoreSlim _signal = new(0);

    public EventInbox(HubConnection hub, string name)
    {
        Name = name;
        hub.On<T>(name, item =>
        {
            lock (_items)
            {
                _items.Add(item);
            }

            _signal.Release();
        });
    }

    public string Name { get; }

    public IReadOnlyList<T> All
    {
        get
        {
            lock (_items)
            {
                return [.. _items];
            }
        }
    }

    public async Task<T> Next(Func<T, bool>? match = null, TimeSpan? within = null)
    {
        var wait = within ?? TimeSpan.FromSeconds(10);
        var deadline = DateTime.UtcNow + wait;
        while (true)
        {
            var found = All.FirstOrDefault(item => match is null || match(item));
            if (found is not null)
            {
                return found;
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !await _signal.WaitAsync(left))
            {
                throw new TimeoutException($"No {Name} event arrived within {wait.TotalSeconds}s.");
            }
        }
    }
}
