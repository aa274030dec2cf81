using System.Globalization;
using System.Text.Json.Nodes;
using Matching.Engine.Ingest;
using Matching.Engine.Tests.Ingest;
using Xunit.Abstractions;

namespace Matching.Engine.Tests.Quality;

/// <summary>
/// How the occupation classifier's offer weights (<c>OfferOccupationClassifier.OfferWeights</c>, one per feature) were
/// fitted, redone: a conditional logit (softmax over each offer's candidates, the learned score as offset; Adam, 1,500
/// steps, L2 1e-4) on the development sample's offers whose id has an even CRC-32, occupation fields hidden. The weights
/// in the code are that fit, rounded; the other half stays held out (docs/quality.md, "Reading a real offer").
/// </summary>
public sealed class OccupationOfferWeightsTests(ITestOutputHelper output)
{
    internal sealed record Offer(string Id, string Truth, bool Fit, List<(string Code, float[] Features, float Learned)> Candidates);

    [Fact]
    public void The_offer_weights_are_the_fit_on_the_fit_half_and_hold_on_the_other_half()
    {
        var offers = Offers();
        var committed = OfferOccupationClassifier.OfferWeights.ToArray();
        var refit = Fit([.. offers.Where(o => o.Fit)], committed.Length);
        output.WriteLine("refit:     " + string.Join(' ', refit.Select(w => w.ToString("0.00", CultureInfo.InvariantCulture))));
        output.WriteLine("committed: " + string.Join(' ', committed.Select(w => w.ToString("0.00", CultureInfo.InvariantCulture))));
        var (fitExact, heldOutExact, heldOutFamily) = Accuracy(offers, committed);
        var (_, refitHeldOut, _) = Accuracy(offers, refit);
        var (_, learnedHeldOut, _) = Accuracy(offers, new float[committed.Length]);
        output.WriteLine($"committed: fit half exact {fitExact:P1}, held-out exact {heldOutExact:P1}, family {heldOutFamily:P1}; refit held-out exact {refitHeldOut:P1}; learned weights alone {learnedHeldOut:P1}");

        for (var i = 0; i < committed.Length; i++)
        {
            Assert.True(Math.Abs(committed[i] - refit[i]) <= 0.1, $"weight {i}: committed {committed[i]}, refit {refit[i]}");
        }
        // What the offer weights add holds on the offers they were not fitted on.
        Assert.True(heldOutExact >= learnedHeldOut + 0.10, $"held-out exact {heldOutExact:P1} against {learnedHeldOut:P1} without the offer weights");
        Assert.True(fitExact - heldOutExact < 0.05, $"fit half {fitExact:P1}, held-out {heldOutExact:P1}");
    }

    /// <summary>The sample's offers, occupation fields hidden, with the classifier's candidates and their features.</summary>
    internal static List<Offer> Offers()
    {
        var classifier = ClassifierFixture.Classifier;
        var sample = JsonNode.Parse(File.ReadAllText(Path.Combine(TaxonomyFixture.DataPath, "samples", "ft_offers_dev.json")))!.AsArray();
        var offers = new List<Offer>(sample.Count);
        foreach (var node in sample)
        {
            var o = node!.AsObject();
            int[] competences = [.. (o["competences"] as JsonArray ?? []).Select(c => int.TryParse((string?)c!["code"], NumberStyles.None, CultureInfo.InvariantCulture, out var code) ? code : -1).Where(c => c > 0)];
            var id = (string)o["id"]!;
            offers.Add(new Offer(id, (string)o["romeCode"]!, OfferReadingQualityTests.Crc32(id) % 2 == 0,
                classifier.Explain(new OfferText((string)o["intitule"]!, (string?)o["description"], competences))));
        }
        return offers;
    }

    internal static float Score((string Code, float[] Features, float Learned) candidate, float[] weights)
    {
        var z = candidate.Learned;
        for (var i = 0; i < weights.Length; i++)
        {
            z += weights[i] * candidate.Features[i];
        }
        return z;
    }

    internal static string? Best(Offer offer, float[] weights) =>
        offer.Candidates.Count == 0 ? null : offer.Candidates.OrderByDescending(c => Score(c, weights)).ThenBy(c => c.Code, StringComparer.Ordinal).First().Code;

    private static (double FitExact, double HeldOutExact, double HeldOutFamily) Accuracy(List<Offer> offers, float[] weights)
    {
        double fit = 0, fitExact = 0, heldOut = 0, heldOutExact = 0, heldOutFamily = 0;
        foreach (var offer in offers)
        {
            var best = Best(offer, weights);
            if (offer.Fit)
            {
                fit++;
                fitExact += best == offer.Truth ? 1 : 0;
            }
            else
            {
                heldOut++;
                heldOutExact += best == offer.Truth ? 1 : 0;
                heldOutFamily += best is not null && TaxonomyFixture.Taxonomy.Rome4.SameFamily(best, offer.Truth) ? 1 : 0;
            }
        }
        return (fitExact / fit, heldOutExact / heldOut, heldOutFamily / heldOut);
    }

    /// <summary>Conditional logit over each offer's candidates, the learned score as offset: Adam, 1,500 full-batch steps, L2 1e-4.</summary>
    internal static float[] Fit(List<Offer> offers, int featureCount, double l2 = 1e-4, int steps = 1_500)
    {
        var usable = offers.Where(o => o.Candidates.Any(c => c.Code == o.Truth)).ToList();
        var w = new double[featureCount];
        var m = new double[featureCount];
        var v = new double[featureCount];
        for (var step = 1; step <= steps; step++)
        {
            var gradient = new double[featureCount];
            foreach (var offer in usable)
            {
                var scores = offer.Candidates.Select(c =>
                {
                    double z = c.Learned;
                    for (var j = 0; j < featureCount; j++)
                    {
                        z += w[j] * c.Features[j];
                    }
                    return z;
                }).ToArray();
                var max = scores.Max();
                var exp = scores.Select(s => Math.Exp(s - max)).ToArray();
                var sum = exp.Sum();
                for (var i = 0; i < scores.Length; i++)
                {
                    var d = (offer.Candidates[i].Code == offer.Truth ? 1 : 0) - (exp[i] / sum);
                    for (var j = 0; j < featureCount; j++)
                    {
                        gradient[j] += d * offer.Candidates[i].Features[j];
                    }
                }
            }
            for (var j = 0; j < featureCount; j++)
            {
                var g = (gradient[j] / usable.Count) - (l2 * w[j]);
                m[j] = (0.9 * m[j]) + (0.1 * g);
                v[j] = (0.999 * v[j]) + (0.001 * g * g);
                w[j] += 0.1 * (m[j] / (1 - Math.Pow(0.9, step))) / (Math.Sqrt(v[j] / (1 - Math.Pow(0.999, step))) + 1e-8);
            }
        }
        return [.. w.Select(x => (float)x)];
    }
}
