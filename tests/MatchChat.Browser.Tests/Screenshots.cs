namespace MatchChat.Browser.Tests;

/// <summary>Saves screenshots of the key screens to docs/screenshots/ for the README.</summary>
public static class Screenshots
{
    public static string Directory { get; } = Path.Combine(MatchChatFixture.RepositoryRoot, "docs", "screenshots");

    public static async Task SaveAsync(IPage page, string name)
    {
        System.IO.Directory.CreateDirectory(Directory);
        // Let fades and the countdown bar settle so the picture is stable.
        await page.WaitForTimeoutAsync(300);
        await page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(Directory, name + ".png"),
            Animations = ScreenshotAnimations.Disabled,
            Caret = ScreenshotCaret.Hide,
        });
    }
}
