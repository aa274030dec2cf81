using Matching.Engine.Taxonomy;

namespace Matching.Engine.Tests.Careers;

internal static class CareersTestData
{
    private static readonly Lazy<Engine.Careers.CloseJobs> s_closeJobs = new(() => new Engine.Careers.CloseJobs(Esco));

    public static SkillsTaxonomy Esco => TaxonomyFixture.Taxonomy;

    public static Engine.Careers.CloseJobs Finder => s_closeJobs.Value;

    /// <summary>ESCO "healthcare assistant", the aide-soignant of French offers (J1501).</summary>
    public static Occupation CareAssistant => Occupation("aide-soignant/aide-soignante");

    public static Occupation Occupation(string labelFr) => Esco.Occupations.Single(o => o.LabelFr == labelFr);

    public static string[] Uris(IEnumerable<int> skills) => [.. skills.Select(s => Esco.Skills[s].Uri)];
}
