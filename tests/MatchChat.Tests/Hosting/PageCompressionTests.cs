using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using MatchChat.Tests.Support;

namespace MatchChat.Tests.Hosting;

/// <summary>
/// The page on a weak phone signal (an outside probe: ~9 s of blank page at 400 kbit/s): its files arrive compressed and
/// it has something to read before its scripts arrive; the API's answers (tokens) are never compressed.
/// </summary>
public sealed class PageCompressionTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private HttpClient Client() => new(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.None }) { BaseAddress = server.BaseUrl };

    [Theory]
    [InlineData("/", "br")]
    [InlineData("/js/app.js", "br")]
    [InlineData("/css/site.css", "gzip")]
    [InlineData("/lib/signalr/signalr.min.js", "gzip")]
    public async Task The_pages_files_arrive_compressed_and_read_the_same(string path, string encoding)
    {
        using var http = Client();
        var plain = await http.GetByteArrayAsync(path);

        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(encoding));
        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([encoding], response.Content.Headers.ContentEncoding);
        var packed = await response.Content.ReadAsByteArrayAsync();
        Assert.True(packed.Length < plain.Length / 2, $"{path}: {packed.Length} bytes compressed of {plain.Length}");
        await using var unpacked = encoding == "br"
            ? new BrotliStream(new MemoryStream(packed), CompressionMode.Decompress)
            : (Stream)new GZipStream(new MemoryStream(packed), CompressionMode.Decompress);
        using var read = new MemoryStream();
        await unpacked.CopyToAsync(read);
        Assert.Equal(plain, read.ToArray());
    }

    [Fact]
    public async Task A_members_token_is_never_compressed()
    {
        using var http = Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/members")
        {
            Content = JsonContent.Create(new { ageGroup = "adult" }),
        };
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("br"));
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.Contains("\"token\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_page_says_what_is_happening_before_its_scripts_arrive()
    {
        using var http = Client();
        var page = await http.GetStringAsync("/");

        // The one view shown without a script: the others start hidden and the scripts show them.
        Assert.Contains("""<section id="view-loading" class="view loading" aria-labelledby="loading-title" data-testid="loading">""", page);
        Assert.Contains("Opening MatchChat…", page);
    }
}
