using MatchChat.Contracts.Retention;
using MatchChat.Contracts.Topics;
using MatchChat.Grains.Reports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MatchChat.Grains.Retention;

/// <summary>
/// The retention job. One key in the cluster (<see cref="Contracts.Reports.SingletonKeys.Retention"/>), so one
/// activation runs it at a time; a reminder (durable in PostgreSQL) wakes it every
/// <see cref="RetentionOptions.IntervalMinutes"/>, and each silo makes sure the reminder exists at start. A pass runs
/// off the grain's turn so a long one holds up no caller; a second request while one runs waits for it.
/// Logs carry counts and durations only.
/// </summary>
public sealed class RetentionGrain(
    IRetentionStore retention,
    IReportStore reports,
    IOptions<RetentionOptions> options,
    TopicCatalog topics,
    TimeProvider time,
    ILogger<RetentionGrain> logger) : Grain, IRetentionGrain, IRemindable
{
    private const string ReminderName = "retention";
    private Task<RetentionResult>? _running;

    public async Task Start()
    {
        if (await this.GetReminder(ReminderName) is null)
        {
            var period = TimeSpan.FromMinutes(Math.Max(1, options.Value.IntervalMinutes));
            await this.RegisterOrUpdateReminder(ReminderName, TimeSpan.FromMinutes(5), period);
        }
    }

    public Task<RetentionResult> RunNow()
    {
        if (_running is not { IsCompleted: false })
        {
            _running = RunAsync();
        }

        return _running;
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        _ = RunNow();
        return Task.CompletedTask;
    }

    private async Task<RetentionResult> RunAsync()
    {
        try
        {
            // Keeps the activation while the pass runs; a pass of a million rows takes longer than an idle collection.
            DelayDeactivation(TimeSpan.FromHours(1));
            var result = await new RetentionPass(retention, reports, options.Value, topics, time).RunAsync();
            logger.LogInformation(
                "Retention pass: {ConversationMessages} conversation messages, {RoomMessages} room messages, {ReportEvidence} reports' evidence erased in {ElapsedMs} ms",
                result.ConversationMessages, result.RoomMessages, result.ReportEvidence, (long)result.Elapsed.TotalMilliseconds);
            return result;
        }
        catch (Exception e)
        {
            logger.LogWarning("Retention pass failed ({ExceptionType}); the next one retries", e.GetType().Name);
            throw;
        }
    }
}
