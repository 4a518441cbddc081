namespace MatchChat.Web.Admin;

public static class AdminServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="AdminKey"/> (possibly <see cref="AdminKey.None"/>) once and returns it, so start-up code can
    /// decide what to map; every admin surface (the dashboard, <c>/api/admin/*</c>) calls this. A key that is set but
    /// invalid throws here, before anything starts.
    /// </summary>
    public static AdminKey AddMatchChatAdmin(this WebApplicationBuilder builder)
    {
        if (builder.Services.FirstOrDefault(d => d.ServiceType == typeof(AdminKey))?.ImplementationInstance is AdminKey existing)
        {
            return existing;
        }

        var key = AdminKey.FromConfiguration(builder.Configuration);
        builder.Services.AddSingleton(key);
        return key;
    }
}
