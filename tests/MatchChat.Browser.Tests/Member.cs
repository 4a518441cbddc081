using System.Text.RegularExpressions;

namespace MatchChat.Browser.Tests;

/// <summary>One anonymous person using MatchChat in their own browser context (own storage, own socket).</summary>
public sealed class Member : IAsyncDisposable
{
    private Member(IBrowserContext context, IPage page)
    {
        Context = context;
        Page = page;
        page.Dialog += (_, dialog) =>
        {
            lock (Dialogs)
            {
                Dialogs.Add($"{dialog.Type}: {dialog.Message}");
            }

            _ = dialog.DismissAsync();
        };
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                lock (ConsoleErrors)
                {
                    ConsoleErrors.Add($"{message.Text} ({message.Location})");
                }
            }
        };
        page.PageError += (_, error) =>
        {
            lock (ConsoleErrors)
            {
                ConsoleErrors.Add("uncaught: " + error);
            }
        };
    }

    /// <summary>Errors the page logged or threw (SignalR logs connection trouble here too).</summary>
    public List<string> ConsoleErrors { get; } = [];

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    public string Handle { get; private set; } = "";

    /// <summary>Every alert/confirm/prompt the page opened. The page itself never opens one.</summary>
    public List<string> Dialogs { get; } = [];

    public ILocator Status => Page.GetByTestId("connection-status");

    public ILocator Messages => Page.Locator("#messages > li[data-testid=message]");

    public ILocator Composer => Page.GetByTestId("composer-text");

    /// <summary>Opens the page in a new browser context without choosing anything yet.</summary>
    public static async Task<Member> OpenAsync(
        MatchChatFixture server, int width = 1280, int height = 860, Func<IBrowserContext, Task>? beforeFirstVisit = null,
        string locale = "en-GB", string timeZone = "UTC")
    {
        var context = await server.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = server.BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = locale,
            TimezoneId = timeZone,
        });
        if (beforeFirstVisit is not null)
        {
            await beforeFirstVisit(context);
        }

        var page = await context.NewPageAsync();
        var member = new Member(context, page);
        await page.GotoAsync("/");
        return member;
    }

    /// <summary>First visit: choose an age group; an anonymous member is created and connected.</summary>
    public static async Task<Member> JoinAsync(
        MatchChatFixture server, string ageGroup = "adult", int width = 1280, int height = 860, Func<IBrowserContext, Task>? beforeFirstVisit = null,
        string locale = "en-GB", string timeZone = "UTC")
    {
        var member = await OpenAsync(server, width, height, beforeFirstVisit, locale, timeZone);
        await member.ChooseAgeGroupAsync(ageGroup);
        return member;
    }

    public async Task ChooseAgeGroupAsync(string ageGroup)
    {
        await Page.GetByTestId(ageGroup == "teen" ? "age-teen" : "age-adult").CheckAsync();
        await Page.GetByTestId("welcome-continue").ClickAsync();
        await ExpectConnectedAsync();
        Handle = (await Page.GetByTestId("my-handle").TextContentAsync())!.Trim();
        Assert.Matches(new Regex(@"^\S+$"), Handle);
    }

    public async Task ExpectConnectedAsync()
    {
        await Expect(Page.GetByTestId("my-handle")).Not.ToBeEmptyAsync();
        await Expect(Status).ToHaveAttributeAsync("data-state", "connected");
    }

    public Task GoToAsync(string view) => Page.GetByTestId("nav-" + view).ClickAsync();

    /// <summary>Be a listener: topics, experiences, how many chats at once; then switch availability on.</summary>
    public async Task VolunteerAsync(string topic, string experiences, int maxChats = 1, bool acceptsTeens = false, string? bio = null)
    {
        await GoToAsync("listen");
        await Page.GetByTestId("listen-topic-" + topic).CheckAsync();
        await Page.GetByTestId("listen-experiences").FillAsync(experiences);
        if (bio is not null)
        {
            await Page.GetByTestId("listen-bio").FillAsync(bio);
        }

        await Page.GetByTestId("listen-max").FillAsync(maxChats.ToString());
        if (acceptsTeens)
        {
            await Page.GetByTestId("listen-teens").CheckAsync();
        }

        var first = (await Page.GetByTestId("listen-submit").TextContentAsync())!.Contains("volunteer");
        await Page.GetByTestId("listen-submit").ClickAsync();
        if (first)
        {
            await AgreeToGuideAsync();
        }

        var availability = Page.GetByTestId("available-switch");
        await Expect(availability).ToBeVisibleAsync();
        await Expect(availability).ToHaveAttributeAsync("aria-checked", "false");
        await availability.ClickAsync();
        await Expect(availability).ToHaveAttributeAsync("aria-checked", "true");
        await Expect(Page.GetByTestId("availability-text")).ToContainTextAsync("You're available");
    }

    /// <summary>Switches availability off from "Be a listener" (the end of a test that volunteered: no later test's
    /// request in the same server is offered to this listener).</summary>
    public async Task StopListeningAsync()
    {
        await GoToAsync("listen");
        await Page.GetByTestId("available-switch").ClickAsync();
        await Expect(Page.GetByTestId("available-switch")).ToHaveAttributeAsync("aria-checked", "false");
    }

    /// <summary>Deletes this member's data from "Safety &amp; privacy" and waits for the goodbye page.</summary>
    public async Task DeleteMyDataAsync()
    {
        await GoToAsync("safety");
        await Page.GetByTestId("delete-start").ClickAsync();
        await Page.GetByTestId("delete-confirm").ClickAsync();
        await Expect(Page.GetByTestId("goodbye")).ToBeVisibleAsync();
    }

    /// <summary>The listener's guide, shown before a first volunteering: tick "I've read the guide" and agree.</summary>
    public async Task AgreeToGuideAsync()
    {
        await Expect(Page.GetByTestId("guide-dialog")).ToBeVisibleAsync();
        await Page.GetByTestId("guide-agree").CheckAsync();
        await Page.GetByTestId("guide-ok").ClickAsync();
        await Expect(Page.GetByTestId("guide-dialog")).ToBeHiddenAsync();
    }

    /// <summary>Talk to someone: topic, optional experiences and note; ends on the waiting screen.</summary>
    public async Task AskForListenerAsync(string topic, string? experiences = null, string? note = null)
    {
        await GoToAsync("talk");
        await Page.GetByTestId("talk-topic").SelectOptionAsync(topic);
        if (experiences is not null)
        {
            await Page.GetByTestId("talk-experiences").FillAsync(experiences);
        }

        if (note is not null)
        {
            await Page.GetByTestId("talk-note").FillAsync(note);
        }

        await Page.GetByTestId("talk-submit").ClickAsync();
    }

    public async Task AcceptOfferAsync(string? containing = null)
    {
        var offer = Page.GetByTestId("offer");
        if (containing is not null)
        {
            offer = offer.Filter(new LocatorFilterOptions { HasText = containing });
        }

        await Expect(offer).ToBeVisibleAsync();
        await offer.GetByTestId("offer-accept").ClickAsync();
        await Expect(Page.GetByTestId("chat")).ToBeVisibleAsync();
    }

    /// <summary>
    /// This member asks for a listener on <paramref name="topic"/> with <paramref name="note"/>; the volunteering
    /// <paramref name="listener"/> accepts that offer, and this member's page opens the conversation with them.
    /// </summary>
    public async Task TalkWithAsync(Member listener, string topic, string note)
    {
        await AskForListenerAsync(topic, note: note);
        await listener.AcceptOfferAsync(note);
        await Expect(Page.GetByTestId("chat-title")).ToHaveTextAsync(listener.Handle);
    }

    /// <summary>Types into the composer and presses Enter.</summary>
    public async Task SendAsync(string text)
    {
        await Composer.FillAsync(text);
        await Composer.PressAsync("Enter");
    }

    /// <summary>Joins the room <paramref name="slug"/> from "Rooms"; ends with the room open.</summary>
    public async Task JoinRoomAsync(string slug)
    {
        await GoToAsync("rooms");
        await Page.Locator($"[data-testid=room][data-slug={slug}]").GetByTestId("room-join").ClickAsync();
        await Expect(Page.GetByTestId("chat")).ToBeVisibleAsync();
    }

    /// <summary>The token the page keeps for this member, or null when it has forgotten it.</summary>
    public Task<string?> StoredTokenAsync() =>
        Page.EvaluateAsync<string?>("() => JSON.parse(localStorage.getItem('matchchat.session') || 'null')?.token ?? null");

    /// <summary>Opens a chat from "Your chats" by its title (peer handle or room title).</summary>
    public async Task OpenChatAsync(string title)
    {
        await GoToAsync("chats");
        await Page.GetByTestId("chat-item").Filter(new LocatorFilterOptions { HasText = title }).ClickAsync();
        await Expect(Page.GetByTestId("chat-title")).ToContainTextAsync(title);
    }

    /// <summary>The rows of the open chat whose text is exactly <paramref name="text"/>.</summary>
    public ILocator Message(string text) =>
        Messages.Filter(new LocatorFilterOptions { Has = Page.GetByTestId("message-text").GetByText(text, new LocatorGetByTextOptions { Exact = true }) });

    /// <summary>Sequence numbers of the confirmed messages in the open chat, in page order.</summary>
    public async Task<long[]> ShownSeqsAsync()
    {
        var seqs = await Page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('#messages > li[data-seq]')].map(n => n.dataset.seq)");
        return seqs.Select(long.Parse).ToArray();
    }

    /// <summary>Texts of all message rows (confirmed and pending) in page order, exactly as stored in the DOM.</summary>
    public Task<string[]> ShownTextsAsync() =>
        Page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('#messages > li[data-testid=message] [data-testid=message-text]')].map(n => n.textContent)");

    public async ValueTask DisposeAsync()
    {
        await Context.CloseAsync();
    }
}
