using Xunit.Abstractions;
using TitleReader = Matching.Engine.Taxonomy.TitleUnderstanding;
namespace Matching.Engine.Tests.TitleUnderstanding;
public sealed class ProbeTests(ITestOutputHelper output)
{
    [Fact]
    public void Probe()
    {
        var u = new TitleReader(TaxonomyFixture.Taxonomy);
        foreach (var q in (Environment.GetEnvironmentVariable("PROBE") ?? "infirmiere").Split(';'))
        {
            output.WriteLine("== " + q);
            foreach (var r in u.Understand(q, "fr", 8))
            {
                output.WriteLine($"{r.Score:F3} {r.Occupation.LabelFr} [{string.Join(",", r.RomeCodes)}] via {r.Source} '{r.MatchedLabel}'");
            }
        }
    }
}
