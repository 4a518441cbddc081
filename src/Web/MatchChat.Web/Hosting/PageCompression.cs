using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;

namespace MatchChat.Web.Hosting;

/// <summary>
/// The page's own files (HTML, CSS, scripts, the icon) go compressed (Brotli or gzip, as the browser asks): an outside probe
/// on a 400 kbit/s link saw ~9 s of blank page while 405 KB of scripts arrived, and a person in a hard moment on a weak
/// phone signal should not wait for that. Only those content types: the API's JSON (tokens) and the hub's frames are never
/// compressed here, so no secret is ever compressed beside text an attacker chose (BREACH).
/// </summary>
public static class PageCompression
{
    private static readonly string[] PageTypes =
    [
        "text/html",
        "text/css",
        "text/javascript",
        "application/javascript",
        "image/svg+xml",
    ];

    public static IServiceCollection AddMatchChatPageCompression(this IServiceCollection services)
    {
        services.AddResponseCompression(options =>
        {
            options.EnableForHttps = true;
            options.MimeTypes = PageTypes;
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
        });
        // Fastest: a page load compresses ~330 KB; the smallest size is not worth a busy node's CPU.
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        return services;
    }
}
