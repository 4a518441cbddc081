using MatchChat.Web;

var app = MatchChatServer.Build(args);
await app.RunAsync();
