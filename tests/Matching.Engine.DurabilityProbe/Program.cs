using Matching.Engine.Indexing;
using Matching.Engine.Indexing.Embedded;
using Matching.Engine.Taxonomy;

// Usage: Matching.Engine.DurabilityProbe <store path> <data path> [batch size]
// Writes "READY" once the index is open, then "ACK <id> <id> ..." after each committed batch.
// Offer n is generated from n alone (see ProbeOffers), so a reader can check it is complete.
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: <store path> <data path> [batch size]");
    return 2;
}
var taxonomy = TaxonomyLoader.Load(args[1]);
var batchSize = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 50;
using var index = EmbeddedMatchIndex.Open(args[0], taxonomy, _ => null, _ => null);
Console.WriteLine("READY");
for (var first = 0; ; first += batchSize)
{
    var batch = Enumerable.Range(first, batchSize).Select(n => ProbeOffers.Make(taxonomy, n)).ToList();
    await index.UpsertOffersAsync(batch);
    Console.WriteLine("ACK " + string.Join(' ', batch.Select(o => o.Id)));
}

internal static class ProbeOffers
{
    /// <summary>Offer n: the essential skills of occupation n mod count, a title that states how many, and a long description.</summary>
    public static OfferDocument Make(SkillsTaxonomy taxonomy, int n)
    {
        var occupation = taxonomy.Occupations[n % taxonomy.Occupations.Count];
        return new OfferDocument
        {
            Id = $"probe-{n}",
            Title = $"probe offer {n} with {occupation.EssentialSkills.Length} skills",
            OccupationUri = occupation.Uri,
            Skills = [.. occupation.EssentialSkills.Select(id => new DemandedSkill(taxonomy.Skills[id].Uri, SkillImportance.Essential))],
            Description = string.Concat(Enumerable.Repeat($"offer {n} ", 200)),
            Place = new Place(48.8566, 2.3522, "75056"),
        };
    }
}
