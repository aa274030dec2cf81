using Matching.Engine.Hosting;
using Matching.Engine.Indexing.Embedded;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Matching.Engine.Tests.Coaching;

/// <summary>The reference data as Coach loads it at start, and an embedded index over it, in a scratch folder.</summary>
internal static class CoachTestData
{
    public static async Task<(ReferenceDataProvider Provider, EmbeddedMatchIndex Index)> OpenAsync(string root)
    {
        var options = Options.Create(new MatchingEngineOptions
        {
            DataPath = TaxonomyFixture.DataPath,
            CachePath = Path.Combine(root, "cache"),
            ReferenceCachePath = Path.Combine(Path.GetTempPath(), "coach-tests-reference-cache")
        });
        var provider = new ReferenceDataProvider(options, new TestHost(root), NullLogger<ReferenceDataProvider>.Instance);
        await provider.StartAsync(CancellationToken.None);
        var data = await provider.Loaded;
        var index = EmbeddedMatchIndex.Open(Path.Combine(root, "coach.db"), data.Taxonomy,
            commune => data.Geography.EmploymentAreaOf(commune)?.Code, area => data.Geography.EmploymentArea(area)?.Name, data.PlaceAreas);
        return (provider, index);
    }

    private sealed class TestHost(string root) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Testing";
        public string ApplicationName { get; set; } = "Matching.Engine.Tests";
        public string ContentRootPath { get; set; } = root;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
