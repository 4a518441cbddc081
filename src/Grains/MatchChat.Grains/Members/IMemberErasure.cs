namespace MatchChat.Grains.Members;

/// <summary>
/// A feature that keeps data about a member elsewhere (blocks, the support network, check-ins, …) erases it when the member
/// deletes their data. Register one per feature on the silo (<c>services.AddSingleton&lt;IMemberErasure, …&gt;()</c>);
/// <see cref="StandingRole.Delete"/> runs every registered one before it redacts the member's messages. It must be safe
/// to run again (a failed deletion is retried as a whole) and must not call the member grain back (it is mid-call).
/// </summary>
public interface IMemberErasure
{
    Task EraseAsync(string memberId, IGrainFactory grains);
}
