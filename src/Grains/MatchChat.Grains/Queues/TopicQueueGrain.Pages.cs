using MatchChat.Grains.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace MatchChat.Grains.Queues;

/// <summary>
/// How the queue is stored. Its memory is the truth (<see cref="Live"/>); a write (<see cref="WriteBehind"/>, a group
/// commit) stores what changed since the last one.
/// <para>
/// With <c>QueuePages</c> on (the default since stop 45: packed, faster in S4 in memory, docs/benchmarks.md) the
/// waiting requests live in pages: a request's page is its arrival number / <c>QueuePageSize</c>, fixed for its life,
/// and each page is a grain-state row of its own (<see cref="QueuePage"/>, in the queue's grain storage), while the
/// queue's own row keeps the counters and the list of pages. Every change to a request marks its page
/// (<see cref="Changed"/>), and a write stores the marked pages, clears the ones left empty, and rewrites the queue's
/// small row. A burst changes the front of the queue (offers, starts) and its end (arrivals), so a write costs what
/// changed, not every waiting request: before, each write copied and serialised the whole queue in the grain's turn
/// (S4 in memory, stop 26: about 15 % of the server's CPU in the storage write, and the queue's turn time with it).
/// </para>
/// <para>
/// Reading: the pages the queue's row lists, at activation, merged in queue order (urgent first, then arrival). A
/// queue's row written whole (every build before this one, or <c>QueuePages</c> off) is read as before and moves into
/// pages with the first write. After a crash between the rows of one write, a page may be newer or older than the
/// queue's row: a request is in the queue when its page lists it; one that was not yet acknowledged may be missing,
/// which its seeker's grain heals as for any write that did not land (<c>ResendTicket</c>).
/// </para>
/// Storage is given what the turn that starts the write took: the requests' bytes (<see cref="PackedRequests"/>, the
/// default, for the changed pages or the whole row) or copies (<c>PackedQueue</c> off). The grain is reentrant, and a
/// provider may read the state it was given after its own awaits, off the grain's scheduler.
/// </summary>
public sealed partial class TopicQueueGrain
{
    private const string PageStateName = "queuepage";
    private readonly Dictionary<long, GrainState<QueuePage>> _pageRows = [];
    private HashSet<long> _dirtyPages = [];
    private TopicQueueState? _live;

    /// <summary>The size of the requests the last write packed, in its row or pages (0 when not packed): paces the next write.</summary>
    private long _lastWriteBytes;
    private IGrainStorage? _pageStorage;

    /// <summary>The state every call reads and changes: what storage held at activation, then changed in memory.</summary>
    private TopicQueueState Live => _live ??= state.State;

    private bool Paged => _timings.QueuePages;

    private IGrainStorage PageStorage => _pageStorage ??= ServiceProvider.GetRequiredKeyedService<IGrainStorage>(StorageNames.Grains);

    private long PageOf(QueuedRequest r) => r.Arrival / Math.Max(1, _timings.QueuePageSize);

    private GrainId PageId(long page) => GrainId.Create("mcqueuepage", $"{Topic}/{page}");

    /// <summary>True while activation builds the index from what storage holds: nothing has changed.</summary>
    private bool _indexing;

    /// <summary>This request changed (or joined or left the queue): the next write stores it (with pages on, its page).</summary>
    private void Changed(QueuedRequest r)
    {
        if (_indexing)
        {
            return;
        }

        if (Paged)
        {
            _dirtyPages.Add(PageOf(r));
        }

        Writes.MarkDirty();
    }

    /// <summary>A new request's arrival number.</summary>
    private long NextArrival() => Live.NextArrival++;

    /// <summary>
    /// At activation, before the index is built: the requests of a paged queue from their pages, in queue order; a queue
    /// stored whole gets arrival numbers (in its order) and, with pages on, is written as pages by the next write.
    /// </summary>
    private async Task LoadPages()
    {
        // The stored layout is not what this build writes, and an older build may read only what this build writes
        // (a rollback): written soon, within the update delay, not only at the queue's next change, or a queue whose
        // seekers just wait would keep a layout an older build reads as empty.
        var rewrite = false;
        if (Live.Pages is { } pages)
        {
            var rows = pages.Distinct().Select(p => (Page: p, Row: new GrainState<QueuePage>())).ToList();
            await Task.WhenAll(rows.Select(x => PageStorage.ReadStateAsync(PageStateName, PageId(x.Page), x.Row)));
            var requests = new List<QueuedRequest>();
            foreach (var (page, row) in rows)
            {
                _pageRows[page] = row;
                if (row.State?.Packed is { } packed)
                {
                    requests.AddRange(packed.Unpack(requestSerializer));
                    if (!_timings.PackedQueue)
                    {
                        // Packing turned off: rewritten as the list, what an older build reads.
                        _dirtyPages.Add(page);
                        rewrite = true;
                    }
                }
                else if (row.State?.Requests is { } held)
                {
                    requests.AddRange(held);
                }
            }

            // Queue order (QueueOrder), ties by arrival; a request is in one page only, but be safe against a repeat.
            Live.Requests = requests
                .GroupBy(r => r.Request.RequestId, StringComparer.Ordinal).Select(g => g.First())
                .OrderBy(r => r.Urgent ? 0 : 1).ThenBy(r => r.Request.EnqueuedAt).ThenBy(r => r.Arrival)
                .ToList();

            // Pages turned off (before a rollback past stop 26): written whole.
            rewrite |= !Paged && Live.Requests.Count > 0;
        }
        else
        {
            if (Live.Packed is { } packed)
            {
                Live.Requests = packed.Unpack(requestSerializer);
                Live.Packed = null;

                // Packing turned off (before a rollback past stop 44): written as the list, in the row or in pages.
                rewrite |= !_timings.PackedQueue && Live.Requests.Count > 0;
            }

            foreach (var r in Live.Requests)
            {
                r.Arrival = Live.NextArrival++;
            }

            if (Paged && Live.Requests.Count > 0)
            {
                foreach (var r in Live.Requests)
                {
                    _dirtyPages.Add(PageOf(r));
                }

                Writes.MarkDirty();
            }
        }

        if (rewrite)
        {
            Writes.MarkDirty();
            ScheduleFlush();
        }

        var next = Live.Requests.Count == 0 ? 0 : Live.Requests.Max(r => r.Arrival) + 1;
        Live.NextArrival = Math.Max(Live.NextArrival, next);
    }

    private Task WriteSnapshot() => Paged ? WritePages() : WriteWhole();

    private async Task WriteWhole()
    {
        _dirtyPages.Clear();
        TopicQueueState whole;
        if (_timings.PackedQueue)
        {
            // The requests' bytes, taken in this turn: nothing of the live queue is left for storage to read later.
            whole = Row(PackedRequests.Pack(Requests, requestSerializer), pages: null);
            _lastWriteBytes = whole.Packed!.Length;
        }
        else
        {
            _lastWriteBytes = 0;
            whole = copier.Copy(Live);
            whole.Pages = null;
        }

        state.State = whole;
        try
        {
            await state.WriteStateAsync();
        }
        finally
        {
            // The copy is only what this write stores. Held until the next write (a pause of up to MaxPause later), a
            // long queue's copy outlived every gen-0 collection and was promoted, write after write (S4's burst promoted
            // 3-10 MB per gen-0 collection, docs/benchmarks.md stop 27). Released here it mostly dies young; the state
            // object is the live queue again (what a write would store next).
            state.State = Live;
        }
    }

    private async Task WritePages()
    {
        var dirty = _dirtyPages;
        _dirtyPages = [];
        _lastWriteBytes = 0;
        var pages = new SortedSet<long>();
        var changed = new Dictionary<long, List<QueuedRequest>>();
        foreach (var r in Requests)
        {
            var page = PageOf(r);
            pages.Add(page);
            if (dirty.Contains(page))
            {
                if (!changed.TryGetValue(page, out var list))
                {
                    changed[page] = list = [];
                }

                list.Add(_timings.PackedQueue ? r : requestCopier.Copy(r));
            }
        }

        var writes = new List<Task>(dirty.Count + 1);
        foreach (var page in dirty)
        {
            if (changed.TryGetValue(page, out var list))
            {
                // Packed or copied in this turn: what the page stores, whatever changes while the write is under way.
                var stored = _timings.PackedQueue
                    ? new QueuePage { Requests = [], Packed = PackedRequests.Pack(list, requestSerializer) }
                    : new QueuePage { Requests = list };
                _lastWriteBytes += stored.Packed?.Length ?? 0;
                writes.Add(WritePage(page, stored));
            }
            else if (_pageRows.ContainsKey(page))
            {
                writes.Add(ClearPage(page));
            }
        }

        state.State = Row(packed: null, [.. pages]);
        writes.Add(state.WriteStateAsync());
        try
        {
            await Task.WhenAll(writes);
        }
        catch
        {
            // The retry writes these pages again (with whatever changed since).
            _dirtyPages.UnionWith(dirty);
            throw;
        }
    }

    /// <summary>The queue's own row: its counters, and its requests packed or the list of its pages.</summary>
    private TopicQueueState Row(PackedRequests? packed, List<long>? pages) => new()
    {
        Requests = [],
        ServiceIntervalSeconds = Live.ServiceIntervalSeconds,
        LastServiceAt = Live.LastServiceAt,
        BusySince = Live.BusySince,
        ServedUrgent = Live.ServedUrgent,
        ServedNormal = Live.ServedNormal,
        Pages = pages,
        NextArrival = Live.NextArrival,
        Packed = packed,
    };

    private async Task WritePage(long page, QueuePage stored)
    {
        if (!_pageRows.TryGetValue(page, out var row))
        {
            // A page this activation has not written may still have a row: one written by a write whose queue row did
            // not land (a crash between them; nothing in it was acknowledged). Its version is needed to replace it.
            row = new GrainState<QueuePage>();
            await PageStorage.ReadStateAsync(PageStateName, PageId(page), row);
            _pageRows[page] = row;
        }

        row.State = stored;
        try
        {
            await PageStorage.WriteStateAsync(PageStateName, PageId(page), row);
        }
        finally
        {
            // As WriteWhole: keep the row's version, not the copy of its requests.
            row.State = new QueuePage();
        }
    }

    private async Task ClearPage(long page)
    {
        var row = _pageRows[page];
        if (row.ETag is not null)
        {
            await PageStorage.ClearStateAsync(PageStateName, PageId(page), row);
        }

        _pageRows.Remove(page);
    }
}
