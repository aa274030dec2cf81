using Matching.Engine.Coaching.Facts;
using Matching.Engine.Taxonomy;
using Xunit.Abstractions;

namespace Matching.Engine.Tests.Quality;

/// <summary>
/// Close jobs over every ROME 4.0 sheet (docs/quality.md "Close jobs"): for each sheet taken as the target, an
/// experienced seeker (the core skills of the sheet's best ESCO occupation, as Coach brings them "from experience")
/// and a seeker who gave no skill. Measures the share of sheets with close jobs, and how Coach's list compares with
/// the sheet's official mobilities (<c>unix_rubrique_mobilite</c>).
/// </summary>
public sealed class CloseJobsQualityTests(ITestOutputHelper output)
{
    private static SkillsTaxonomy Taxonomy => TaxonomyFixture.Taxonomy;

    [Fact]
    public void Every_rome_sheet_with_mobilities_gets_close_jobs_and_they_follow_the_official_mobilities()
    {
        var sheets = Taxonomy.Rome4.Sheets.OrderBy(s => s.Code, StringComparer.Ordinal).ToList();
        int withMobilities = 0, experiencedNonEmpty = 0, noSkillNonEmpty = 0, experiencedOnMobilityCodes = 0, noSkillOnMobilityCodes = 0;
        int proposed = 0, proposedOfficial = 0, officialInReach = 0, officialFound = 0, proximityOnly = 0;
        foreach (var sheet in sheets)
        {
            // The sheet's own ESCO occupation when the crosswalk names one; the seeker's skills are those of the best
            // occupation of the sheet (through its v3 family when the sheet has none of its own).
            var occupation = Taxonomy.OccupationsForRome(sheet.Code).FirstOrDefault(o => o.EssentialSkills.Length > 0);
            var own = occupation?.Rome4Codes.Contains(sheet.Code) == true ? occupation : null;
            var skills = occupation?.EssentialSkills.Select(s => Taxonomy.Skills[s].Uri).ToList() ?? [];
            var experienced = CloseJobFinder.Find(Taxonomy, sheet.Code, sheet.Label, own?.Uri, skills, [], _ => null);
            var beginner = CloseJobFinder.Find(Taxonomy, sheet.Code, sheet.Label, own?.Uri, [], [], _ => null);
            experiencedNonEmpty += experienced.Count > 0 ? 1 : 0;
            noSkillNonEmpty += beginner.Count > 0 ? 1 : 0;
            if (sheet.Mobilities.Length > 0)
            {
                withMobilities++;
                experiencedOnMobilityCodes += experienced.Count > 0 ? 1 : 0;
                noSkillOnMobilityCodes += beginner.Count > 0 ? 1 : 0;
            }
            Assert.True(experienced.Count <= CloseJobFinder.MaxJobs);
            Assert.DoesNotContain(experienced, j => j.RomeCode == sheet.Code);

            proposed += experienced.Count;
            proposedOfficial += experienced.Count(j => j.OfficialMobility);
            proximityOnly += experienced.Count(j => !j.OfficialMobility);
            // Recall of the official mobilities within the ten shown (a sheet lists up to a few dozen).
            officialInReach += Math.Min(sheet.Mobilities.Length, CloseJobFinder.MaxJobs);
            officialFound += experienced.Count(j => sheet.Mobilities.Contains(j.RomeCode));
        }

        output.WriteLine($"ROME 4.0 sheets: {sheets.Count}, with official mobilities: {withMobilities}");
        output.WriteLine($"Close jobs, experienced seeker: {experiencedNonEmpty}/{sheets.Count} sheets ({Percent(experiencedNonEmpty, sheets.Count)}); on sheets with mobilities {experiencedOnMobilityCodes}/{withMobilities}");
        output.WriteLine($"Close jobs, seeker without skills: {noSkillNonEmpty}/{sheets.Count} sheets ({Percent(noSkillNonEmpty, sheets.Count)})");
        output.WriteLine($"Proposed: {proposed} ({(double)proposed / sheets.Count:F1} per sheet), official mobilities {proposedOfficial} ({Percent(proposedOfficial, proposed)}), by skill proximity only {proximityOnly}");
        output.WriteLine($"Official mobilities shown among the ten: {officialFound}/{officialInReach} ({Percent(officialFound, officialInReach)})");

        // Target: every sheet that has mobilities, whoever the seeker.
        Assert.Equal(withMobilities, experiencedOnMobilityCodes);
        Assert.Equal(withMobilities, noSkillOnMobilityCodes);
    }

    private static string Percent(int part, int whole) => whole == 0 ? "n/a" : $"{100.0 * part / whole:F1} %";
}
