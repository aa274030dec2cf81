using Matching.Engine.Corpus;
using Matching.Engine.Indexing;
using Matching.Engine.Tests.Corpus;

namespace Matching.Engine.Tests.Quality;

/// <summary>
/// A fixed, seeded evaluation set: a few offers for every ESCO occupation that has essential skills
/// (the corpus), and one query profile for each of 200 occupations with at least 10 essential
/// skills, generated like a seeker of that job (30 % of its essential skills missing, 20 %
/// unrelated skills added, some optional ones). The relevant offers of a query are those of its
/// occupation. Every document sits in the same place, with neutral contract and experience, so
/// that only the skills decide the ranking.
/// </summary>
internal sealed class EvaluationSet
{
    public const int Queries = 200;
    public const int OffersPerOccupation = 3;
    private const int Seed = 2026;

    private EvaluationSet(IReadOnlyList<OfferDocument> offers, IReadOnlyList<(ProfileDocument Profile, IReadOnlySet<string> Relevant)> queries)
    {
        Offers = offers;
        QueryProfiles = queries;
    }

    public IReadOnlyList<OfferDocument> Offers { get; }

    public IReadOnlyList<(ProfileDocument Profile, IReadOnlySet<string> Relevant)> QueryProfiles { get; }

    public static EvaluationSet Build()
    {
        var taxonomy = TaxonomyFixture.Taxonomy;
        var generator = CorpusFixture.Generator(Seed);
        var random = new Random(Seed);
        var place = new Place(48.8566, 2.3522, "75104", "Paris 4e");

        var offers = new List<OfferDocument>();
        var byOccupation = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var demanded = new List<DemandedSkill>();
        foreach (var occupation in taxonomy.Occupations)
        {
            if (occupation.EssentialSkills.Length == 0)
            {
                continue;
            }
            var ids = byOccupation[occupation.Uri] = [];
            for (var i = 0; i < OffersPerOccupation; i++)
            {
                var offer = generator.Offer(occupation.Id, occupation.RomeCodes.FirstOrDefault(), place, random, offers.Count, demanded) with
                {
                    Contract = ContractType.Permanent,
                    Experience = ExperienceRequirement.BeginnerAccepted,
                    ExperienceYears = null,
                    // Must-have flags are hard filters: with 30 % of essential skills removed they
                    // would drop relevant offers for reasons the evaluation is not about.
                    Skills = [.. demanded.Select(s => s with { MustHave = false })],
                };
                offers.Add(offer);
                ids.Add(offer.Id);
            }
        }

        var candidates = taxonomy.Occupations.Where(o => o.EssentialSkills.Length >= 10).ToArray();
        random.Shuffle(candidates);
        var offered = new List<OfferedSkill>();
        var queries = new List<(ProfileDocument, IReadOnlySet<string>)>(Queries);
        foreach (var occupation in candidates.Take(Queries))
        {
            var profile = generator.Profile(occupation.Id, occupation.RomeCodes.FirstOrDefault(), place, random, queries.Count, offered) with
            {
                RadiusKm = 50,
                ContractWishes = [],
                ExperienceYears = 3,
                Searchable = true,
            };
            queries.Add((profile, byOccupation[occupation.Uri]));
        }
        return new EvaluationSet(offers, queries);
    }

    /// <summary>Mean nDCG@10 and MRR (over the top 20) of a ranking function on every query.</summary>
    public async Task<(double Ndcg10, double Mrr)> EvaluateAsync(Func<ProfileDocument, Task<IReadOnlyList<string>>> rank)
    {
        double ndcg = 0, mrr = 0;
        foreach (var (profile, relevant) in QueryProfiles)
        {
            var ranking = await rank(profile);
            ndcg += RankingMetrics.NdcgAt(10, ranking, relevant);
            mrr += RankingMetrics.ReciprocalRank(ranking, relevant);
        }
        return (ndcg / QueryProfiles.Count, mrr / QueryProfiles.Count);
    }
}
