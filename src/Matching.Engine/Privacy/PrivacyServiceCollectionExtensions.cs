using Matching.Engine.Hosting;
using Matching.Engine.Privacy;
using Matching.Engine.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Configuration of the privacy stores (section <c>Coach</c>).</summary>
public sealed class PrivacyOptions
{
    /// <summary>The SQLite file shared with the rest of the store (<c>Coach:StorePath</c>).</summary>
    public string StorePath { get; set; } = "data/coach.db";

    /// <summary>Where a development pseudonym key is kept when none is configured (<c>Coach:CachePath</c>).</summary>
    public string CachePath { get; set; } = "data/cache";

    /// <summary>Base64 secret (≥ 32 bytes) of the recruiters' pseudonyms (<c>Coach:PseudonymKey</c>).</summary>
    public string? PseudonymKey { get; set; }
}

public static class PrivacyServiceCollectionExtensions
{
    /// <summary>
    /// Adds the audit log, contact requests, caseloads, pseudonyms and the export/erasure service.
    /// Each store is also an <see cref="IPersonalData"/>: other stores holding personal data
    /// register theirs with <c>services.AddSingleton&lt;IPersonalData&gt;(...)</c>.
    /// </summary>
    /// <param name="generatePseudonymKey">Development only: generate and keep a key when none is configured.</param>
    public static IServiceCollection AddPrivacy(this IServiceCollection services, IConfiguration configuration, bool generatePseudonymKey)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<PrivacyOptions>()
            .Bind(configuration.GetSection(MatchingEngineOptions.Section))
            .Validate(o => generatePseudonymKey || !string.IsNullOrWhiteSpace(o.PseudonymKey),
                "Coach:PseudonymKey is required outside Development: a base64 secret of at least 32 bytes (openssl rand -base64 32).")
            .Validate(o => string.IsNullOrWhiteSpace(o.PseudonymKey) || IsValidKey(o.PseudonymKey),
                $"Coach:PseudonymKey must be base64 of at least {PseudonymKey.MinBytes} bytes (openssl rand -base64 32).")
            .ValidateOnStart();
        // The same file and connection factory as the other stores (AddMatchingEngine registers it first when both are used).
        services.TryAddSingleton(sp => new SqliteConnectionFactory(ContentPath(sp, sp.GetRequiredService<IOptions<PrivacyOptions>>().Value.StorePath)));
        services.AddSingleton(sp => new PrivacyDatabase(sp.GetRequiredService<SqliteConnectionFactory>()));
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<PrivacyOptions>>().Value;
            return PseudonymKey.Load(options.PseudonymKey, generatePseudonymKey ? ContentPath(sp, options.CachePath) : null);
        });
        services.AddSingleton<AuditLog>();
        services.AddSingleton<ContactRequests>();
        services.AddSingleton<Caseloads>();
        services.AddSingleton<Pseudonyms>();
        services.AddSingleton<IPersonalData>(sp => sp.GetRequiredService<ContactRequests>());
        services.AddSingleton<IPersonalData>(sp => sp.GetRequiredService<Caseloads>());
        services.AddSingleton<IPersonalData>(sp => sp.GetRequiredService<Pseudonyms>());
        services.AddSingleton<IPersonalData>(sp => sp.GetRequiredService<AuditLog>());
        services.AddSingleton<PersonalDataService>();
        return services;
    }

    private static bool IsValidKey(string key)
    {
        try
        {
            PseudonymKey.FromBase64(key);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    // Same rule as the rest of the store: relative to the repository root in a checkout.
    private static string ContentPath(IServiceProvider services, string path) =>
        services.GetService<ReferenceDataProvider>()?.ContentPath(path) ?? Path.GetFullPath(path);
}
