namespace MatchChat.Browser.Tests;

/// <summary>
/// Reading back in a long chat (the Parenting room, which no other test reads): a message that arrives while the reader
/// is scrolled up leaves them where they are, and "N new messages ↓" says so and takes them to the newest (an outside
/// probe: 220 messages, scrolled up, a new one 25,000 px below and nothing said so); "Show earlier messages", replaced as
/// it loads, leaves focus on the messages it brought, not on &lt;body&gt;.
/// </summary>
[Collection(SafetyCollection.Name)]
public sealed class ReadingBackTests(SafetyFixture server)
{
    private const string Room = "parenting";

    [Fact]
    public async Task Scrolled_up_a_new_message_shows_a_new_messages_button_and_show_earlier_keeps_focus_on_a_message()
    {
        await using var reader = await Member.JoinAsync(server);
        // More than one page of history (200), written by several members at once (each may send 5 a second).
        await SeedRoomAsync(reader.Page, 230, writers: 8);
        await reader.JoinRoomAsync(Room);
        await Expect(reader.Messages.Last).ToContainTextAsync("Reading walk 230");

        // "Show earlier messages" by keyboard: focus lands on a loaded message, older than what was shown.
        var firstShown = (await reader.ShownSeqsAsync()).Min();
        var earlier = reader.Page.GetByTestId("messages-earlier");
        await earlier.FocusAsync();
        await earlier.PressAsync("Enter");
        await Expect(reader.Page.Locator("#messages > li[data-seq]:focus")).ToHaveCountAsync(1);
        var focusedSeq = long.Parse((await reader.Page.EvaluateAsync<string>("() => document.activeElement.dataset.seq"))!);
        Assert.True(focusedSeq < firstShown, $"focus is on message {focusedSeq}, loaded before {firstShown}");
        await KeyboardFocusTests.ExpectFocusedAsync(reader.Page, $"#messages > li[data-seq='{focusedSeq}']");

        // At the newest, a new message needs no button.
        var list = reader.Page.GetByTestId("messages");
        var button = reader.Page.GetByTestId("new-messages");
        await list.EvaluateAsync("l => { l.scrollTop = l.scrollHeight; }");
        await SeedRoomAsync(reader.Page, 1, writers: 1, from: 231);
        await Expect(reader.Message("Reading walk 231")).ToHaveCountAsync(1);
        await Expect(button).ToBeHiddenAsync();

        // Scrolled up to read: two new messages keep the reader where they were and say so.
        await list.EvaluateAsync("l => { l.scrollTop = 0; l.dispatchEvent(new Event('scroll')); }");
        await reader.Page.WaitForTimeoutAsync(200);
        await SeedRoomAsync(reader.Page, 2, writers: 1, from: 232);
        await Expect(reader.Message("Reading walk 233")).ToHaveCountAsync(1);
        await Expect(button).ToBeVisibleAsync();
        await Expect(button).ToHaveTextAsync("2 new messages ↓");
        Assert.True(await list.EvaluateAsync<double>("l => l.scrollTop") < 50, "the reader is left where they were");
        var box = await button.BoundingBoxAsync();
        var log = await list.BoundingBoxAsync();
        Assert.True(box!.Y >= log!.Y && box.Y + box.Height <= log.Y + log.Height + 1, "the button sits over the message list");
        await Contrast.AssertAaAsync(reader.Page, "the new messages button");
        await Screenshots.SaveAsync(reader.Page, "81-new-messages-below");

        // Pressed: the newest is in view, the button goes, and focus stays in the chat.
        await button.ClickAsync();
        await Expect(button).ToBeHiddenAsync();
        Assert.True(await list.EvaluateAsync<bool>("l => l.scrollHeight - l.scrollTop - l.clientHeight < 80"), "at the newest messages");
        Assert.True(await reader.Page.EvaluateAsync<bool>("() => document.activeElement !== document.body && !!document.activeElement.closest('#chat')"), "focus stays in the chat");

        await reader.Page.GetByTestId("chat-leave").ClickAsync();
        Assert.Empty(reader.ConsoleErrors);
    }

    /// <summary>
    /// <paramref name="count"/> messages "Reading walk N" in the room from fresh members (the page's own SignalR client,
    /// each writer connected with its own token), in order of N across writers.
    /// </summary>
    private static Task SeedRoomAsync(IPage page, int count, int writers, int from = 1) =>
        page.EvaluateAsync(
            """
            async ({ room, count, writers, from }) => {
              const connections = [];
              for (let w = 0; w < writers; w++) {
                const r = await fetch("/api/members", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ ageGroup: "adult" }) });
                const { token } = await r.json();
                const c = new signalR.HubConnectionBuilder().withUrl("/hubs/chat", { accessTokenFactory: () => token }).build();
                await c.start();
                await c.invoke("JoinRoom", room);
                connections.push(c);
              }
              for (let i = 0; i < count; i++) {
                const c = connections[i % writers];
                await c.invoke("SendMessage", `room:${room}`, crypto.randomUUID(), `Reading walk ${from + i}`);
                if ((i + 1) % writers === 0) await new Promise((done) => setTimeout(done, 250));
              }
              await Promise.all(connections.map((c) => c.stop()));
            }
            """,
            new { room = Room, count, writers, from });
}
