using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Matching.Engine.Geography;
using Matching.Engine.Indexing;
using Matching.Engine.Ingest;
using Xunit.Abstractions;

namespace Matching.Engine.Tests.Quality;

/// <summary>
/// The real offers of the development sample that France Travail locates only by a département, a région, France, remote work or
/// abroad, read by the builder the API uses (places from the reference geography): how many of them a seeker of each big city (and of
/// the sample's own départements) is shown at 10 and 30 km, before the area rule (every one: the radius never excluded them) and
/// after (France, remote work, abroad, and the départements and régions the circle reaches: <see cref="PlaceAreaMap"/>, the rule both
/// indexes apply). Deterministic: same data, same figures (docs/quality.md, "Places wider than a commune").
/// </summary>
public sealed class PlaceAreaReachQualityTests(ITestOutputHelper output)
{
    private static readonly (string Name, string Insee)[] s_cities =
    [
        ("Paris", "75056"), ("Marseille", "13055"), ("Lyon", "69123"), ("Toulouse", "31555"), ("Nice", "06088"), ("Nantes", "44109"),
        ("Montpellier", "34172"), ("Strasbourg", "67482"), ("Bordeaux", "33063"), ("Lille", "59350"),
        ("Annecy", "74010"), ("Bourg-en-Bresse", "01053"), ("Nîmes", "30189"), ("Chambéry", "73065"), ("Grenoble", "38185"),
    ];

    [Fact]
    public void Area_offers_a_seeker_of_each_big_city_is_shown_before_and_after_the_area_rule()
    {
        var geography = Geography.TestData.Geography;
        var places = new PlaceAreaMap(geography);
        var builder = new OfferDocumentBuilder(TaxonomyFixture.Taxonomy, PlaceResolvers.From(geography));
        var sample = JsonNode.Parse(File.ReadAllText(Path.Combine(TaxonomyFixture.DataPath, "samples", "ft_offers_dev.json")))!.AsArray();
        var areas = new List<PlaceArea>();
        foreach (var node in sample)
        {
            using var json = JsonDocument.Parse(node!.ToJsonString());
            if (builder.Build(OfferIngestReader.Read(json.RootElement)).Document is { Place: null, PlaceArea: { } area })
            {
                areas.Add(area);
            }
        }
        var keys = areas.Select(places.KeyOf).ToList();
        output.WriteLine($"{sample.Count} offers, {areas.Count} without a commune ({100.0 * areas.Count / sample.Count:0.0} %): "
            + string.Join(", ", areas.GroupBy(a => a.Scope).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}"))
            + $"; {keys.Count(k => k is not null)} with a known département or région, {keys.Count(k => k is null)} passing every radius (France, remote, abroad, unknown)");
        Assert.True(areas.Count > 0);
        // Every département and région of the sample is one the reference geography knows.
        Assert.All(areas.Where(a => a.Scope is PlaceScope.Departement or PlaceScope.Region), a => Assert.NotNull(places.KeyOf(a)));

        output.WriteLine("| seeker | before (any radius) | after, 10 km | after, 30 km |");
        output.WriteLine("|---|---|---|---|");
        foreach (var (name, insee) in s_cities)
        {
            Assert.True(geography.TryGetCommune(insee, out var commune), insee);
            var (lat, lon) = (commune.Latitude!.Value, commune.Longitude!.Value);
            int Shown(double radius) => keys.Count(k => k is null || places.Reaches(k, lat, lon, radius));
            var (at10, at30) = (Shown(10), Shown(30));
            Assert.True(at10 <= at30 && at30 <= areas.Count);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {areas.Count} | {at10} | {at30} |"));
        }
    }
}
