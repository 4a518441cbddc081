using MatchChat.Hosting;
using MatchChat.Hosting.Dashboard;
using MatchChat.Hosting.Logging;
using Microsoft.Extensions.Hosting;

// A MatchChat silo process: the scale-out unit. With ConnectionStrings__MatchChat it joins the cluster through
// PostgreSQL membership; without, it is a single localhost silo with in-memory storage (development only).
BufferPoolDefaults.Apply(); // first: the runtime reads the shared pool's size once
var builder = Host.CreateApplicationBuilder(args);
builder.Logging.AddMatchChatConsole(); // no handle in a log line, Orleans' own included
builder.UseOrleans(silo => silo.UseMatchChat(builder.Configuration).AddMatchChatDashboard(builder.Configuration));
builder.Services.AddMatchChatSiloMetrics(builder.Configuration);
using var host = builder.Build();
await host.RunAsync();
