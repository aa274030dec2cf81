using System.Diagnostics.Metrics;
using Matching.Engine.Access;
using Matching.Engine.Alerts;
using Matching.Engine.Candidates;
using Matching.Engine.Coaching;
using Matching.Engine.Contacts;
using Matching.Engine.Exploration;
using Matching.Engine.Hosting;
using Matching.Engine.Indexing;
using Matching.Engine.Indexing.Embedded;
using Matching.Engine.Ingest;
using Matching.Engine.Journey;
using Matching.Engine.Market;
using Matching.Engine.Offers;
using Matching.Engine.Portfolio;
using Matching.Engine.Privacy;
using Matching.Engine.Progress;
using Matching.Engine.Ranking;
using Matching.Engine.Reviews;
using Matching.Engine.Seekers;
using Matching.Engine.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

public static class MatchingEngineServiceCollectionExtensions
{
    /// <summary>
    /// Adds the matching engine: options from the <c>Coach</c> section (validated on start), the
    /// reference data (verified before start, loaded in the background), the match index chosen by
    /// <c>Coach:Index:Kind</c> (opened once the data is loaded, seeded on first start), the stores,
    /// the privacy services, and the use cases both front doors call (feature folders: Seekers,
    /// Offers, Candidates, Reviews, Contacts, Privacy, Market).
    /// </summary>
    /// <param name="generatePseudonymKey">Development only: generate and keep a pseudonym key when none is configured.</param>
    public static IServiceCollection AddMatchingEngine(this IServiceCollection services, IConfiguration configuration, bool generatePseudonymKey = false)
    {
        services.AddOptions<MatchingEngineOptions>()
            .Bind(configuration.GetSection(MatchingEngineOptions.Section))
            .PostConfigure(o => o.DataPath ??= configuration["COACH_DATA"])
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        // Nothing cached unless the host brings a cache (Coach.Api: HybridCache, Redis when configured).
        services.TryAddSingleton<Matching.Engine.Caching.ICoachCache, Matching.Engine.Caching.NoCoachCache>();
        services.AddSingleton<ReferenceDataProvider>();
        services.AddHostedService(sp => sp.GetRequiredService<ReferenceDataProvider>());

        // The index: one singleton for every caller, the implementation chosen by configuration.
        services.AddOptions<MatchIndexOptions>()
            .Bind(configuration.GetSection(MatchIndexOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<MatchIndexOptions>, MatchIndexOptionsValidation>();
        services.AddSingleton<IMatchIndexFactory, EmbeddedMatchIndexFactory>();
        services.AddSingleton<HostedMatchIndex>();
        services.AddSingleton<IMatchIndex>(sp => sp.GetRequiredService<HostedMatchIndex>());
        services.AddHostedService(sp => sp.GetRequiredService<HostedMatchIndex>());

        // The seekers' questionnaires and the advisers' reviews live in the store's SQLite file, beside the index.
        // One SQLite file, one connection factory (WAL, pragmas, schema versions) for every store in it: the index's
        // documents, the seekers' questionnaires, the advisers' reviews and the privacy tables.
        services.TryAddSingleton(sp => new SqliteConnectionFactory(StorePath(sp)));
        services.AddSingleton(sp => new SeekerStore(sp.GetRequiredService<SqliteConnectionFactory>()));
        services.AddSingleton(sp => new ReviewStore(sp.GetRequiredService<SqliteConnectionFactory>(), sp.GetRequiredService<TimeProvider>()));
        services.AddPrivacy(configuration, generatePseudonymKey);
        services.AddSingleton<IPersonalData, MatchingPersonalData>();
        services.AddSingleton<IPersonalData, ReviewPersonalData>();

        // Learning to rank: what was shown to whom (personal data), the learned order of offers and of advice
        // (used only when a saved model beat the hand-tuned order, docs/quality.md).
        services.AddSingleton(sp => new ImpressionLog(StorePath(sp), sp.GetService<ILogger<ImpressionLog>>(), sp.GetService<IMeterFactory>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IPersonalData>(sp => sp.GetRequiredService<ImpressionLog>());
        services.AddSingleton(sp => new OfferRanking(sp.GetRequiredService<ImpressionLog>(), ModelPath(sp), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new AdviceRanking(ModelPath(sp)));

        // What the use cases share: the coaching pipeline, the document builders, the access rule of seekers' data.
        services.AddSingleton<SeekerCoach>();
        services.AddSingleton<DocumentBuilders>();
        services.AddSingleton<SeekerAccess>();
        services.AddSingleton<SeekerMatchPages>();
        services.AddSingleton<IPersonalData>(sp => sp.GetRequiredService<SeekerMatchPages>());

        // The use cases, once for the API and the pages.
        services.AddSingleton<SeekerProfiles>();
        services.AddSingleton<SeekerAssessments>();
        services.AddSingleton<JobReadings>();
        services.AddSingleton<OfferPostings>();
        services.AddSingleton<CandidateFinder>();
        services.AddSingleton<AdviserReviews>();
        services.AddSingleton<CandidateContacts>();
        services.AddSingleton<MyData>();
        services.AddSingleton<MarketOverview>();

        // The seeker's journey over weeks (issue 15): progress log, saved searches and alerts, skill evidence,
        // exploring jobs by interests. Their tables share the store's SQLite file; each store is an IPersonalData.
        services.AddSingleton(sp => new JourneyDatabase(sp.GetRequiredService<SqliteConnectionFactory>()));
        services.AddSingleton<ProgressLog>();
        services.AddSingleton<IPersonalData>(sp => sp.GetRequiredService<ProgressLog>());
        services.AddSingleton<ProgressTracker>();
        services.AddOptions<SmtpOptions>().Bind(configuration.GetSection(SmtpOptions.Section))
            .Validate(o => o.Port is > 0 and < 65536, "Coach:Smtp:Port must be a TCP port (1 to 65535).")
            .Validate(o => !o.Enabled || MimeKit.MailboxAddress.TryParse(o.From, out _), "Coach:Smtp:From must be an address, e.g. \"Coach <coach@example.org>\".")
            .ValidateOnStart();
        services.AddSingleton<AlertStore>();
        services.AddSingleton<IPersonalData>(sp => sp.GetRequiredService<AlertStore>());
        services.AddSingleton<AlertMatcher>();
        services.AddSingleton<SavedSearches>();
        services.AddSingleton<AlertDigests>();
        services.AddHostedService<AlertDigestService>();
        services.AddSingleton<SkillProofs>();
        services.AddSingleton<IPersonalData>(sp => sp.GetRequiredService<SkillProofs>());
        services.AddSingleton<SkillPortfolio>();
        services.AddSingleton<JobExplorer>();
        return services;
    }

    private static string ModelPath(IServiceProvider services) =>
        services.GetRequiredService<ReferenceDataProvider>().ContentPath(services.GetRequiredService<IOptions<MatchingEngineOptions>>().Value.ModelPath);

    private static string StorePath(IServiceProvider services)
    {
        var path = services.GetRequiredService<ReferenceDataProvider>().ContentPath(
            services.GetRequiredService<IOptions<MatchingEngineOptions>>().Value.StorePath);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        return path;
    }
}
