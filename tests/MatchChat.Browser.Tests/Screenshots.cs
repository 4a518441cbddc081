namespace MatchChat.Browser.Tests;

/// <summary>
/// Saves screenshots of the key screens next to the test output (<c>bin/.../screenshots</c>), so a test run leaves
/// the working tree clean. With <c>MATCHCHAT_UPDATE_SCREENSHOTS=1</c> they go to docs/screenshots/ for the README.
/// </summary>
public static class Screenshots
{
    public static string Directory { get; } = Environment.GetEnvironmentVariable("MATCHCHAT_UPDATE_SCREENSHOTS") == "1"
        ? Path.Combine(MatchChatFixture.RepositoryRoot, "docs", "screenshots")
        : Path.Combine(AppContext.BaseDirectory, "screenshots");

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
