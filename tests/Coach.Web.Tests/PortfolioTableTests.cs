using System.Globalization;
using Bunit;
using Coach.Web.Journey;
using Matching.Engine.Indexing;
using Matching.Engine.Portfolio;
using Matching.Engine.Scoring;

namespace Coach.Web.Tests;

public sealed class PortfolioTableTests : BunitContext
{
    public PortfolioTableTests() => CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("fr");

    [Fact]
    public void A_proof_that_only_repeats_the_badge_is_not_said_twice()
    {
        // Skills from experience ticked in the questionnaire carry a past-job proof without the job's name: the adviser read
        // "d'un emploi passé" twice per skill.
        var view = new PortfolioView("s1",
        [
            new PortfolioSkill(new SkillRef("rome4:competence:1", "Prendre une commande client"), SkillEvidence.PastJob,
                [new ProofView(1, SkillEvidence.PastJob, null, null, null), new ProofView(2, SkillEvidence.PastJob, null, null, null)]),
            new PortfolioSkill(new SkillRef("rome4:competence:2", "Accueillir le client et l'installer"), SkillEvidence.PastJob,
                [new ProofView(3, SkillEvidence.PastJob, "Serveuse", null, null)]),
        ], []);

        var table = Render<PortfolioTable>(p => p.Add(c => c.View, view));

        var rows = table.FindAll("tbody tr");
        Assert.Equal("d'un emploi passé", rows[0].QuerySelector("td")!.TextContent.Trim());
        Assert.Empty(rows[0].QuerySelectorAll("ul.proofs li"));
        Assert.Equal(["emploi : Serveuse"], rows[1].QuerySelectorAll("ul.proofs li").Select(li => li.TextContent.Trim()));
    }
}
