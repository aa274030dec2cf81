using System.Text.Json;
using System.Text.Json.Nodes;
using Matching.Engine.Indexing;
using Matching.Engine.Ingest;
using Matching.Engine.Tests.Ingest;
using Xunit.Abstractions;

namespace Matching.Engine.Tests.Quality;

/// <summary>
/// How Coach reads the real France Travail offers of the development sample (samples/ft_offers_dev.json,
/// about 2,000 offers of 2022-2025; docs/quality.md, "Reading an offer"): as published, and with their
/// occupation fields (romeCode, romeLibelle, appellationlibelle) hidden so the classifier reads it.
/// </summary>
/// <remarks>
/// The classifier's model is trained on the reference data alone; its offer weights (description, competences by code,
/// market prior, how much each title feature counts) were fitted on the offers whose id has an even CRC-32, so the other
/// half is held out and reported apart. The floors sit under the figures measured on 2-3 Dec 2026 (occupation 100 %, none
/// without skills, 90.0 % with 3 or more skills of their own, 90.9 % with the occupation fields hidden, after the eleventh review's two
/// branches and the qualities, conditions, tools and CACES said in other words (3 Dec, branch fields); hidden: 76.7 % exact ROME 4.0 code, 82.6 % same ROME v3 family, held-out half 76.0 % and 81.8 %); the issue's
/// target of 90 % is reached as published at its edge (1,779 of 1,976: 197 below 3, 197 allowed; 3 Dec, branch fields), 0.85 same family is not
/// (0.75 exact on the held-out half is), see docs/quality.md.
/// </remarks>
public sealed class OfferReadingQualityTests(ITestOutputHelper output)
{
    [Fact]
    public void Real_offers_are_read_with_an_occupation_and_skills_of_their_own()
    {
        var builder = ClassifierFixture.Builder();
        var sample = JsonNode.Parse(File.ReadAllText(Path.Combine(TaxonomyFixture.DataPath, "samples", "ft_offers_dev.json")))!.AsArray();
        Assert.True(sample.Count > 1_900);

        foreach (var hidden in new[] { false, true })
        {
            int offers = 0, withOccupation = 0, withoutSkills = 0, ownThree = 0, exact = 0, family = 0, heldOut = 0, heldOutExact = 0, heldOutFamily = 0;
            var bySource = Enum.GetValues<SkillSource>().ToDictionary(s => s, _ => 0);
            foreach (var node in sample)
            {
                var offer = node!.DeepClone().AsObject();
                var code = (string)offer["romeCode"]!;
                if (hidden)
                {
                    offer.Remove("romeCode");
                    offer.Remove("romeLibelle");
                    offer.Remove("appellationlibelle");
                }
                // Reading is measured, not geography: the test's place resolver knows two communes, the offers' coordinates do.
                if (offer["lieuTravail"] is JsonObject place)
                {
                    place.Remove("commune");
                    place.Remove("codePostal");
                }
                using var json = JsonDocument.Parse(offer.ToJsonString());
                var document = builder.Build(OfferIngestReader.Read(json.RootElement)).Document;
                Assert.NotNull(document);
                offers++;
                withOccupation += document.RomeCode is null ? 0 : 1;
                var isExact = document.RomeCode == code;
                var isFamily = document.RomeCode is { } read && TaxonomyFixture.Taxonomy.Rome4.SameFamily(read, code);
                exact += isExact ? 1 : 0;
                family += isFamily ? 1 : 0;
                // The classifier's offer weights were fitted on the offers whose id has an even CRC-32: the others are held out.
                if (Crc32((string)offer["id"]!) % 2 == 1)
                {
                    heldOut++;
                    heldOutExact += isExact ? 1 : 0;
                    heldOutFamily += isFamily ? 1 : 0;
                }
                withoutSkills += document.Skills.Count == 0 ? 1 : 0;
                ownThree += document.Skills.Count(s => s.Source != SkillSource.Occupation) >= OfferDocumentBuilder.MinOwnSkills ? 1 : 0;
                foreach (var skill in document.Skills)
                {
                    bySource[skill.Source]++;
                }
            }

            output.WriteLine($"{(hidden ? "Occupation fields hidden" : "As published")}: {offers} offers; occupation {withOccupation / (double)offers:P1}, " +
                $"exact ROME 4.0 code {exact / (double)offers:P1}, same ROME v3 family {family / (double)offers:P1} " +
                $"(held-out half, {heldOut} offers: {heldOutExact / (double)heldOut:P1}, {heldOutFamily / (double)heldOut:P1}); without skills {withoutSkills}; " +
                $"3+ skills of their own {ownThree / (double)offers:P1}; skills per offer by source: " +
                string.Join(", ", bySource.Select(p => $"{p.Key} {p.Value / (double)offers:F2}")));

            Assert.True(withOccupation >= 0.99 * offers);
            Assert.Equal(0, withoutSkills);
            Assert.True(ownThree >= 0.895 * offers, $"3+ own skills: {ownThree / (double)offers:P1}");
            if (hidden)
            {
                Assert.True(exact >= 0.75 * offers, $"exact: {exact / (double)offers:P1}");
                Assert.True(family >= 0.81 * offers, $"family: {family / (double)offers:P1}");
                Assert.True(heldOutExact >= 0.75 * heldOut, $"held-out exact: {heldOutExact / (double)heldOut:P1}");
                Assert.True(heldOutFamily >= 0.805 * heldOut, $"held-out family: {heldOutFamily / (double)heldOut:P1}");
            }
            else
            {
                Assert.Equal(offers, exact);
            }
        }
    }

    /// <summary>CRC-32 (IEEE) of the UTF-8 bytes, as zlib computes it: the split of the sample the classifier's offer weights were fitted on.</summary>
    internal static uint Crc32(string text)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in System.Text.Encoding.UTF8.GetBytes(text))
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }
        return ~crc;
    }
}
