using System.Diagnostics;
using System.Text.RegularExpressions;
using Matching.Engine.Indexing;

namespace Matching.Engine.Tests.Indexing;

public sealed partial class DurabilityTests
{
    [Fact]
    public async Task EveryAcknowledgedBatchSurvivesASigkillOfTheWriterAndNoDocumentIsHalfWritten()
    {
        using var store = new TempStore();
        var acknowledged = new List<string>();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { ProbePath(), store.StorePath, TaxonomyFixture.DataPath, "40" })
        {
            start.ArgumentList.Add(argument);
        }
        using (var probe = Process.Start(start)!)
        {
            // A guard against a probe that never acknowledges, not a timing assertion.
            using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            try
            {
                while (acknowledged.Count < 25 * 40 && await probe.StandardOutput.ReadLineAsync(guard.Token) is { } line)
                {
                    if (line.StartsWith("ACK ", StringComparison.Ordinal))
                    {
                        acknowledged.AddRange(line[4..].Split(' '));
                    }
                }
            }
            finally
            {
                // SIGKILL on Unix: no finaliser, no flush, the writer is stopped wherever it is.
                probe.Kill();
                await probe.WaitForExitAsync(CancellationToken.None);
            }
        }
        Assert.True(acknowledged.Count >= 25 * 40, $"the probe acknowledged only {acknowledged.Count} offers");

        using var index = store.Open();
        foreach (var id in acknowledged)
        {
            AssertComplete(await index.GetOfferAsync(id), id);
        }
        var stored = (await index.CountAsync()).Offers;
        Assert.True(stored >= acknowledged.Count);
        var present = 0;
        for (var n = 0; present < stored; n++)
        {
            if (await index.GetOfferAsync($"probe-{n}") is { } offer)
            {
                AssertComplete(offer, offer.Id);
                present++;
            }
            Assert.True(n < stored + 10_000, "stored offers that the probe never wrote");
        }

        // The in-memory index rebuilt from the store finds the acknowledged offers too.
        var first = (await index.GetOfferAsync(acknowledged[0]))!;
        // At the offer's own place: a full match scores 1 (a side without a place would make the distance unknown).
        var profile = new ProfileDocument { Id = "p", Skills = [.. first.Skills.Select(s => new OfferedSkill(s.SkillUri))], Place = first.Place };
        var page = await index.MatchOffersAsync(profile, new MatchOptions(Size: 100));
        Assert.Contains(page.Hits, h => h.Id == first.Id && h.Score == 1.0);
    }

    private static void AssertComplete(OfferDocument? offer, string id)
    {
        Assert.True(offer is not null, $"acknowledged offer {id} is missing");
        var title = TitlePattern().Match(offer.Title);
        Assert.True(title.Success, offer.Title);
        Assert.Equal("probe-" + title.Groups[1].Value, offer.Id);
        Assert.Equal(int.Parse(title.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), offer.Skills.Count);
        Assert.Equal(string.Concat(Enumerable.Repeat($"offer {title.Groups[1].Value} ", 200)), offer.Description);
    }

    private static string ProbePath()
    {
        var separator = Path.DirectorySeparatorChar;
        var path = AppContext.BaseDirectory.Replace(
            $"{separator}Matching.Engine.Tests{separator}bin{separator}",
            $"{separator}Matching.Engine.DurabilityProbe{separator}bin{separator}",
            StringComparison.Ordinal);
        path = Path.Combine(path, "Matching.Engine.DurabilityProbe.dll");
        Assert.True(File.Exists(path), $"the probe is not built at {path}");
        return path;
    }

    [GeneratedRegex(@"^probe offer (\d+) with (\d+) skills$")]
    private static partial Regex TitlePattern();
}
