using System.Text.Json;
using System.Text.Json.Nodes;
using Matching.Engine.Indexing;
using Matching.Engine.Ingest;
using Matching.Engine.Tests.Ingest;
using Xunit.Abstractions;

namespace Matching.Engine.Tests.Quality;

/// <summary>
/// The skills the reader takes from real offers' own words, against pairs judged by hand (OfferSkillReview.tsv:
/// 150 (offer, skill) pairs drawn at random, seed 2024, among the skills added to offers of the development sample
/// that had fewer than 3 skills of their own before, then the 51 pairs that tasks said to the candidate ("vous
/// préparez") and "la clientèle" added, the pairs of the third and fourth reviews, and 125 pairs drawn at random (seed 2026)
/// among those that tasks without their manner, brackets or shared verbs and two more quality cues added on 2 Dec, then the
/// pairs of the seventh review (one of a task's several objects, seeds 2028-2031) and every pair of the eighth (a task named by its
/// noun in a list, a task of several verbs) and of the ninth (a quality's twin read as the quality), and the tenth's (relational
/// qualities, "proactif", shifts and night work: 60 drawn with seed 2032 and every other pair of the two smaller readings), and
/// every pair of the eleventh (qualities and working conditions in other words: "sérieux", "patient(e)", "port de charges",
/// "envie d'apprendre", "soigneux", "polyvalent(e)", "disponible et à l'écoute", "esprit d'analyse", "respect des délais", "travail en
/// extérieur", 423 pairs; and, in another branch of the same review, lines the feed glued together read apart, a list line naming
/// its task with an object in other words, a training's comment, 58 pairs);
/// each judged right, the offer asks for it, or wrong; docs/quality.md,
/// "Reading a real offer"). A change to the reader that stops reading most of the reviewed pairs needs a new review.
/// </summary>
public sealed class OfferSkillReviewTests(ITestOutputHelper output)
{
    [Fact]
    public void Skills_read_from_the_offers_words_are_mostly_right_on_the_reviewed_pairs()
    {
        var review = File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Quality", "OfferSkillReview.tsv"))
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split('\t'))
            .Select(f => (Offer: f[0], Skill: f[1], Right: f[3] == "right"))
            .ToList();
        Assert.True(review.Count >= 100);
        var offers = review.Select(r => r.Offer).ToHashSet(StringComparer.Ordinal);

        var builder = ClassifierFixture.Builder();
        var read = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var node in JsonNode.Parse(File.ReadAllText(Path.Combine(TaxonomyFixture.DataPath, "samples", "ft_offers_dev.json")))!.AsArray())
        {
            var offer = node!.DeepClone().AsObject();
            if (!offers.Contains((string)offer["id"]!))
            {
                continue;
            }
            // As in OfferReadingQualityTests: the test's place resolver knows two communes, the offers' coordinates do.
            if (offer["lieuTravail"] is JsonObject place)
            {
                place.Remove("commune");
                place.Remove("codePostal");
            }
            using var json = JsonDocument.Parse(offer.ToJsonString());
            var document = builder.Build(OfferIngestReader.Read(json.RootElement)).Document!;
            read[document.Id] = [.. document.Skills.Where(s => s.Source != SkillSource.Occupation)
                .Select(s => TaxonomyFixture.Taxonomy.SkillByUri(s.SkillUri)!)
                .Select(s => s.LabelFr ?? s.LabelEn)];
        }

        var stillRead = review.Where(r => read.TryGetValue(r.Offer, out var skills) && skills.Contains(r.Skill)).ToList();
        var right = stillRead.Count(r => r.Right);
        output.WriteLine($"{review.Count} reviewed pairs, {stillRead.Count} still read: {right} right ({right / (double)stillRead.Count:P1}), " +
            $"{stillRead.Count - right} wrong: {string.Join("; ", stillRead.Where(r => !r.Right).Select(r => $"{r.Offer} {r.Skill}"))}");
        Assert.True(stillRead.Count >= 0.8 * review.Count, $"only {stillRead.Count} of the {review.Count} reviewed pairs are still read: review again");
        Assert.True(right >= 0.9 * stillRead.Count, $"precision {right / (double)stillRead.Count:P1} on the reviewed pairs");
    }
}
