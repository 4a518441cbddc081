using MatchChat.Contracts.Members;
using Microsoft.Extensions.Configuration;

namespace MatchChat.Contracts.Topics;

/// <summary>
/// The configured topics; each has a queue and a room of the same slug. Read from the
/// <c>MatchChat:Topics</c> section (a list of {Slug, Title, Description, Audience}); the defaults below otherwise.
/// </summary>
public sealed class TopicCatalog
{
    private readonly Dictionary<string, Topic> _bySlug;

    public TopicCatalog(IEnumerable<Topic> topics)
    {
        All = topics.ToArray();
        _bySlug = All.ToDictionary(t => t.Slug, StringComparer.Ordinal);
    }

    public IReadOnlyList<Topic> All { get; }

    public static TopicCatalog Default { get; } = new(
    [
        new("grief", "Grief and loss", "When someone or something you loved is gone.", "all"),
        new("anxiety", "Anxiety", "Worry, panic, and the racing mind.", "all"),
        new("depression", "Depression", "Low days, numbness, and heavy weeks.", "all"),
        new("loneliness", "Loneliness", "Feeling unseen or far from others.", "all"),
        new("relationships", "Relationships", "Partners, family, friends, break-ups.", "all"),
        new("stress", "Stress", "Work, money, exams, and too much at once.", "all"),
        new("school", "School life", "Exams, classmates, teachers, fitting in.", "teen"),
        new("parenting", "Parenting", "Raising children and the worries that come with it.", "adult"),
    ]);

    public static TopicCatalog FromConfiguration(IConfiguration configuration)
    {
        var section = configuration.GetSection("MatchChat:Topics");
        var topics = section.GetChildren()
            .Select(c => new Topic(
                c["Slug"] ?? string.Empty,
                c["Title"] ?? c["Slug"] ?? string.Empty,
                c["Description"] ?? string.Empty,
                c["Audience"] ?? "all"))
            .ToArray();
        if (topics.Length == 0)
        {
            return Default;
        }

        foreach (var t in topics)
        {
            if (!SlugPattern.IsValid(t.Slug) || t.Audience is not ("all" or AgeGroups.Adult or AgeGroups.Teen))
            {
                throw new InvalidOperationException($"MatchChat:Topics has an invalid entry '{t.Slug}' (slug ^[a-z0-9-]{{1,40}}$, audience all|adult|teen).");
            }
        }

        return new TopicCatalog(topics);
    }

    public Topic? Find(string slug) => _bySlug.GetValueOrDefault(slug);

    public IEnumerable<Topic> For(string ageGroup) => All.Where(t => AgeGroups.MayEnter(ageGroup, t.Audience));
}
