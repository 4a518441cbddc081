using MatchChat.Hosting;
using MatchChat.Web;

// First, before anything rents a pooled buffer: the runtime reads the pool's size once.
BufferPoolDefaults.Apply();
var app = MatchChatServer.Build(args);
await app.RunAsync();
