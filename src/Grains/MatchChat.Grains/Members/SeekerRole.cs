using MatchChat.Contracts;
using MatchChat.Contracts.Crisis;
using MatchChat.Contracts.Errors;
using MatchChat.Contracts.Matching;
using MatchChat.Contracts.Push;
using Microsoft.Extensions.Logging;

namespace MatchChat.Grains.Members;

/// <summary>A member asking for a listener: the one open request, its ticket, and its end (matched, cancelled, expired).</summary>
internal sealed class SeekerRole(IMemberContext m)
{
    private MemberState S => m.State;

    public bool Waiting => S.Request is not null;

    /// <summary>While a request is open: its topic's queue group, whose <c>QueueProgress</c> the member's connections hear.</summary>
    public IEnumerable<string> QueueGroups => S.Request is { } open ? [Contracts.Matching.QueueGroups.For(open.Topic)] : [];

    public async Task<QueueTicket> RequestListener(string topic, string[] experiences, string? note, string? preferredListenerId = null)
    {
        m.RequireTopic(topic);
        if (S.Request is not null)
        {
            throw MatchChatException.Conflict("You already have an open request. Cancel it before asking again.");
        }

        if (CallDeadline.Passed(m.Now))
        {
            // The caller stopped waiting while this call waited its turn: they were told busy, so nothing happens.
            throw Busy();
        }

        // The queue and this grain's own write at once: on PostgreSQL both wait for a commit, and one after the other
        // the request's answer waited for two. Either may fail, and each failure is undone on the other side: a
        // request the queue did not take is cleared here, one this grain could not write is withdrawn from the queue.
        // If the process dies between the two, the side that is left heals: a request only the queue holds is found by
        // its ticket at the next Attach, and one only this grain holds is cleared there (its ticket is gone).
        // The page that asked, read before the first await: the member's other pages are told of the request.
        var caller = CallerConnection.Get();
        var request = new OpenRequest(Ids.New(), topic, experiences, note, m.Now);
        // [network] The note's vector is made here, once, within the meaning timeout: the queue never waits for the model.
        var meaning = await m.Meaning.Seeker(note, experiences);
        // [crisis] A note the phrase screen reads as crisis (microseconds) is queued urgent from its first write, and its
        // alert is stored before the answer, so neither is lost if the process dies just after it.
        var crisisNote = note is { Length: > 0 } && m.Screening is { } screening
            && screening.Screen(note, Language.Detection.CrisisRole.Seeker, Language.Detection.CrisisTextSource.RequestNote).Level == Language.Detection.CrisisLevel.Crisis;
        var enqueue = m.Queue(topic).Enqueue(new SeekerRequest(
            request.RequestId, m.MemberId, S.Handle!, S.AgeGroup, experiences, note, request.EnqueuedAt, [.. S.Blocked],
            PreferredListenerId: preferredListenerId, Meaning: meaning, Urgent: crisisNote));
        var write = m.Writes.Change(s =>
        {
            s.Request = request;
            s.ExpiredUnseen = null;
        });
        QueueTicket ticket;
        try
        {
            ticket = await enqueue;
        }
        catch (Exception e)
        {
            if (e is not MatchChatException)
            {
                // Timed out: the queue may hold it all the same. The member is told it failed, so it must not wait there.
                await WithdrawQuietly(topic, request.RequestId);
            }

            await ForgetQuietly(write, request.RequestId);
            throw;
        }

        try
        {
            await write;
        }
        catch (MatchChatException)
        {
            // Not this member's after all: take it out of the queue again, so a retry cannot leave two waiting.
            await WithdrawQuietly(topic, request.RequestId);
            throw;
        }

        if (CallDeadline.Passed(m.Now) && await Withdraw(topic, request.RequestId))
        {
            // Done, but after the caller stopped waiting: they are told busy, so the request must not stay (it would be
            // matched later while its seeker believes it failed, and their retry would answer conflict).
            await m.Writes.ChangeIf(s =>
            {
                if (s.Request?.RequestId != request.RequestId)
                {
                    return false;
                }

                s.Request = null;
                return true;
            });
            throw Busy();
        }

        await m.WatchPresence();
        m.Notify(n => n.ChannelJoined(m.MemberId, Contracts.Matching.QueueGroups.For(topic)));
        m.Notify(n => n.RequestOpened(m.MemberId, ticket, caller));
        if (note is { Length: > 0 })
        {
            var text = new CrisisText(m.MemberId, S.Handle!, note, CrisisSources.Note, CrisisRoles.Seeker, topic, RequestId: request.RequestId);
            if (crisisNote)
            {
                if (ticket.Priority != Priorities.Urgent)
                {
                    // A queue on a silo of an older build ignores SeekerRequest.Urgent: mark it as before.
                    await MarkUrgentQuietly(topic, request.RequestId);
                }

                await AlertBeforeAnswer(text);
            }
            else
            {
                // [crisis] After the request is the member's: one-way, so the answer never waits for the model.
                _ = m.Grains.Ref<ICrisisScreenGrain>(0).Screen(text);
            }
        }

        return ticket;
    }

    /// <summary>[crisis] A crisis note: the alert stored, then the writer shown resources (this grain tells them itself, as
    /// the screen may not call back into this turn). The request is already urgent. A failure leaves the request made.</summary>
    private async Task AlertBeforeAnswer(CrisisText text)
    {
        // Bounded by the caller's deadline (and 3 s): the answer must not outlive the caller's wait. A screen that does
        // not answer in time is handed the text one-way, as every other note is (same alert id: stored once).
        var screen = m.Grains.Ref<ICrisisScreenGrain>(0);
        try
        {
            var resources = await screen.ScreenAndWait(text, new Contracts.Members.MemberLocale(S.Region, S.Language), tellWriter: false)
                .WaitAsync(CallDeadline.Left(m.Now, TimeSpan.FromSeconds(3)));
            if (resources is not null)
            {
                m.ShowCare(resources);
            }
        }
        catch (Exception e)
        {
            m.Logger.LogWarning("A crisis note's alert was not stored before the answer ({ExceptionType})", e.GetType().Name);
            _ = screen.Screen(text);
        }
    }

    private async Task MarkUrgentQuietly(string topic, string requestId)
    {
        try
        {
            await m.Queue(topic).MarkUrgent(requestId);
        }
        catch (Exception e)
        {
            m.Logger.LogWarning("A request could not be made urgent ({ExceptionType})", e.GetType().Name);
        }
    }

    private static MatchChatException Busy() =>
        MatchChatException.Unavailable("The service is busy right now. Please try again in a moment.");

    private async Task WithdrawQuietly(string topic, string requestId) => await Withdraw(topic, requestId);

    /// <summary>
    /// After the queue did not take the request: once this grain's own write of it has ended, clears it again (a write
    /// that failed already put memory back). If clearing fails too, the activation is gone and the stored request is
    /// cleared at the member's next Attach, where the queue has no ticket for it.
    /// </summary>
    private async Task ForgetQuietly(Task write, string requestId)
    {
        try
        {
            await write;
            await m.Writes.ChangeIf(s =>
            {
                if (s.Request?.RequestId != requestId)
                {
                    return false;
                }

                s.Request = null;
                return true;
            });
        }
        catch (MatchChatException)
        {
            m.Logger.LogWarning("A request the queue did not take could not be cleared now; the next attach clears it");
        }
    }

    /// <summary>Takes the request out of its queue; false when it could not be (it is already being handed over, or the call failed).</summary>
    private async Task<bool> Withdraw(string topic, string requestId)
    {
        try
        {
            return await m.Queue(topic).Cancel(requestId, TicketStatus.Cancelled);
        }
        catch (Exception e)
        {
            m.Logger.LogWarning("A request the member was told failed could not be withdrawn ({ExceptionType})", e.GetType().Name);
            return false;
        }
    }

    public async Task CancelRequest(string requestId)
    {
        if (S.Request?.RequestId != requestId)
        {
            throw MatchChatException.NotFound("You have no open request with that id.");
        }

        var cancelled = await m.Queue(S.Request.Topic).Cancel(requestId, TicketStatus.Cancelled);
        await m.Writes.Change(s => s.Request = null);
        await m.WatchPresence();
        if (!cancelled)
        {
            throw MatchChatException.Conflict("That request is no longer waiting: it was matched or has expired.");
        }
    }

    /// <summary>The seeker has been gone longer than their grace period: the request expires.</summary>
    public async Task Expire()
    {
        if (S.Request is not { } request)
        {
            return;
        }

        m.Logger.LogInformation("Waiting request expired: no connection for {Seconds}s", m.Timings.SeekerGraceSeconds);
        var expired = await m.Queue(request.Topic).Cancel(request.RequestId, TicketStatus.Expired);
        // Nobody heard the expiry (no page was open): the next page that connects is told (an outside probe: a seeker
        // who came back found their request gone, with nothing to say why). Not when the queue could not cancel it: a
        // listener's accept was being handed over, and the request became a conversation.
        await m.Writes.Change(s =>
        {
            s.Request = null;
            s.ExpiredUnseen = expired ? new QueueTicket(request.RequestId, request.Topic, TicketStatus.Expired, null, null) : null;
        });
    }

    /// <summary>The open request's ticket as its queue sees it now; null when there is none (or the queue cannot say now).</summary>
    public async Task<QueueTicket?> CurrentTicket()
    {
        if (S.Request is not { } open)
        {
            return null;
        }

        try
        {
            return await m.Queue(open.Topic).GetTicket(open.RequestId);
        }
        catch (Exception e) when (e is not MatchChatException)
        {
            m.Logger.LogWarning("Open request's ticket not read ({ExceptionType})", e.GetType().Name);
            return null;
        }
    }

    /// <summary>On a node's first attach: the open request's ticket, or the news that it is no longer open.</summary>
    public async Task ResendTicket(IChatObserver node)
    {
        if (S.Request is not { } open)
        {
            if (S.ExpiredUnseen is { } expired)
            {
                _ = node.QueueUpdated(m.MemberId, expired);
                S.ExpiredUnseen = null;
                await m.Writes.TryWrite("after an expiry was told");
            }

            return;
        }

        if (await m.Queue(open.Topic).GetTicket(open.RequestId) is { } ticket)
        {
            _ = node.QueueUpdated(m.MemberId, ticket);
        }
        else
        {
            // Matched, cancelled or expired while the notice to this grain was lost: it is no longer open.
            await m.Writes.ChangeIf(s =>
            {
                if (s.Request?.RequestId != open.RequestId)
                {
                    return false;
                }

                s.Request = null;
                return true;
            });
        }
    }

    /// <summary>From the queue: a fact already true there, so it is applied and written best-effort.</summary>
    public async Task OnTicketUpdated(QueueTicket ticket)
    {
        m.Notify(n => n.QueueUpdated(m.MemberId, ticket));
        if (TicketStatus.IsOpen(ticket.Status))
        {
            return;
        }

        if (S.Request?.Topic != ticket.Topic)
        {
            // No request waits in that topic any more: the member's connections leave its queue group.
            m.Notify(n => n.ChannelLeft(m.MemberId, Contracts.Matching.QueueGroups.For(ticket.Topic)));
        }

        if (S.Request?.RequestId == ticket.RequestId)
        {
            S.Request = null;
            m.Notify(n => n.ChannelLeft(m.MemberId, Contracts.Matching.QueueGroups.For(ticket.Topic)));
            await m.Writes.TryWrite("after the request closed");
            await m.WatchPresence();
        }
    }

    /// <summary>The request was answered by this conversation (recognised by its request id).</summary>
    public bool Matched(MemberState s, string requestId)
    {
        if (s.Request?.RequestId != requestId)
        {
            return false;
        }

        s.Request = null;
        return true;
    }
}
