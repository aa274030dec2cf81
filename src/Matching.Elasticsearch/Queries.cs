using System.Globalization;
using Elastic.Clients.Elasticsearch;
using Elastic.Clients.Elasticsearch.Aggregations;
using Elastic.Clients.Elasticsearch.QueryDsl;
using Matching.Engine.Geography;
using Matching.Engine.Indexing;
using Matching.Engine.Scoring;
using Matching.Engine.Taxonomy;

namespace Matching.Elasticsearch;

/// <summary>
/// The retrieval queries. Elasticsearch finds the candidates with Coach's hard filters (skills met, must-have
/// skills, radius, consent, contract, experience) and scores each with an upper bound of Coach's total:
/// <c>Demand × distance × contract × experience requirement</c>, exact for each factor it holds (the skills'
/// best credits, summed and weighted as <see cref="MatchScorer"/> does; the linear distance decay
/// 1 − 0.3·d/radius) and 1 for the two it cannot compute (supply use, experience years), which only ever lower
/// the total. Coach re-scores candidates in that order with <see cref="PairScorer"/> and stops as soon as the
/// bound proves no later candidate can enter the page (see <see cref="CandidateWalk"/>).
/// </summary>
internal sealed class Queries(SkillsTaxonomy taxonomy, SkillGraph graph)
{
    public static readonly string[] DistanceBandKeys = ["0-10", "10-25", "25-50", "50+"];
    public static readonly string[] ExperienceBandKeys = ["0-1", "1-3", "3-5", "5+"];

    private static FieldValue Term(string value) => FieldValue.String(value);

    private static TermsQuery Terms(string field, IEnumerable<string> values) =>
        new() { Field = field, Terms = new TermsQueryField([.. values.Select(Term)]) };

    private static GeoLocation Point(Place place) => GeoLocation.LatitudeLongitude(new LatLonGeoLocation { Lat = place.Latitude, Lon = place.Longitude });

    private static string Km(double km) => km.ToString("R", CultureInfo.InvariantCulture) + "km";

    /// <summary>Within <paramref name="radiusKm"/> of the place, or without a place (a side without a place passes).</summary>
    private static Query WithinOrNowhere(Place place, double radiusKm) => new BoolQuery
    {
        Should =
        [
            new GeoDistanceQuery { Field = "location", Location = Point(place), Distance = Km(radiusKm) },
            new BoolQuery { MustNot = [new ExistsQuery { Field = "location" }] },
        ],
        MinimumShouldMatch = 1,
    };

    /// <summary>
    /// Offers within <paramref name="radiusKm"/> of the place: located within it, given by a département or a région the circle reaches
    /// (<paramref name="reached"/>, <c>place_area</c>), or without a place nor such an area (France, remote work, abroad pass).
    /// </summary>
    private static Query OffersWithin(Place place, double radiusKm, IReadOnlyList<string>? reached)
    {
        if (reached is null)
        {
            return WithinOrNowhere(place, radiusKm);
        }
        var should = new List<Query>
        {
            new GeoDistanceQuery { Field = "location", Location = Point(place), Distance = Km(radiusKm) },
            new BoolQuery { MustNot = [new ExistsQuery { Field = "location" }, new ExistsQuery { Field = "place_area" }] },
        };
        if (reached.Count > 0)
        {
            should.Add(Terms("place_area", reached));
        }
        return new BoolQuery { Should = should, MinimumShouldMatch = 1 };
    }

    /// <summary>The département or région (<see cref="PlaceAreaMap"/> key) of an offer without a location, whose candidates must reach it:
    /// with their own radius through <c>reached_areas</c>, with the query's radius through the area's commune discs (<paramref name="Discs"/>).</summary>
    public sealed record AreaFilter(string Key, IReadOnlyList<(double Latitude, double Longitude, double ExtentKm)> Discs);

    /// <summary>The profiles whose circle reaches the area (or without a location, who pass).</summary>
    private static Query ProfilesReaching(AreaFilter area, double? radiusOverride) => radiusOverride is not { } radius
        ? new BoolQuery
        {
            Should =
            [
                new TermQuery { Field = "reached_areas", Value = Term(area.Key) },
                new BoolQuery { MustNot = [new ExistsQuery { Field = "location" }] },
            ],
            MinimumShouldMatch = 1,
        }
        : new ScriptQuery
        {
            Script = new Script
            {
                // PlaceAreaMap.Reaches with the query's radius: some commune of the area within the radius plus its extent (arcDistance is the
                // same haversine on the same mean Earth radius). One source for every query; the radius and the discs in one object parameter,
                // as the specification types script parameters.
                Source = "if (doc['location'].size() == 0) { return true; } def a = params.area; for (int i = 0; i < a.lat.length; ++i) { "
                    + "if (doc['location'].arcDistance(a.lat[i], a.lon[i]) <= (a.radius_km + a.extent_km[i]) * 1000.0) { return true; } } return false;",
                Params = new Dictionary<string, object>
                {
                    ["area"] = new Dictionary<string, object>
                    {
                        ["radius_km"] = radius,
                        ["lat"] = area.Discs.Select(d => d.Latitude).ToArray(),
                        ["lon"] = area.Discs.Select(d => d.Longitude).ToArray(),
                        ["extent_km"] = area.Discs.Select(d => d.ExtentKm).ToArray(),
                    },
                },
            },
        };

    /// <summary>Multiplies the score of the documents matching <paramref name="when"/> by <paramref name="factor"/> (a boosting query).</summary>
    private static Query Penalize(Query query, Query when, double factor) =>
        new BoostingQuery { Positive = query, Negative = when, NegativeBoost = factor };

    // ---------------------------------------------------------------- profile -> offers

    /// <summary>Offers a profile can match: every demanded skill the profile meets (best credit each), the offer's must-have skills all met, within the radius.</summary>
    /// <param name="excludedOccupations">Offers of these occupations are not matches (<see cref="MatchOptions.ExcludedOccupationUris"/>).</param>
    /// <param name="reached">The départements and régions the seeker's circle reaches (<see cref="PlaceAreaMap.ReachedBy"/>); null when the index knows no area ground.</param>
    public Query OffersFor(int[] supplied, Place? place, double radiusKm, int contractWishes, double seekerYears, bool allowRelated,
        IReadOnlyCollection<string>? excludedOccupations = null, IReadOnlyList<string>? reached = null)
    {
        // Best credit of each demanded skill the profile's skills meet.
        var best = new Dictionary<int, int>();
        foreach (var s in supplied)
        {
            var edges = graph.DemandsMetBy(s, allowRelated);
            for (var i = 0; i < edges.Length; i++)
            {
                if (!best.TryGetValue(edges.Skills[i], out var c) || c < edges.Credits[i])
                {
                    best[edges.Skills[i]] = edges.Credits[i];
                }
            }
        }
        var meetable = best.Keys.Order().Select(x => taxonomy.Skills[x].Uri).ToList();
        Query Credits(string field, string weight) => new FunctionScoreQuery
        {
            Query = new BoolQuery
            {
                Should = [.. best.OrderBy(kv => kv.Key).Select(kv => (Query)new ConstantScoreQuery
                {
                    Filter = new TermQuery { Field = field, Value = Term(taxonomy.Skills[kv.Key].Uri) },
                    Boost = (float)(kv.Value / (double)SkillGraph.CreditUnit),
                })],
            },
            Functions = [new FunctionScore { FieldValueFactor = new FieldValueFactorScoreFunction { Field = weight, Missing = 0 } }],
            BoostMode = FunctionBoostMode.Multiply,
        };
        var filters = new List<Query>
        {
            // Every must-have skill of the offer is among those the profile meets.
            new BoolQuery
            {
                Should =
                [
                    new TermQuery { Field = "must_have_count", Value = FieldValue.Long(0) },
                    new TermsSetQuery { Field = "must_have_ids", Terms = [.. meetable.Select(Term)], MinimumShouldMatchField = "must_have_count" },
                ],
                MinimumShouldMatch = 1,
            },
        };
        if (place is not null)
        {
            filters.Add(OffersWithin(place, radiusKm, reached));
        }
        var functions = new List<FunctionScore>();
        if (place is not null && radiusKm > 0)
        {
            // Linear decay to 0.7 at the radius: exactly MatchScorer.Distance, 1 − 0.3·d/radius (1 without a place).
            functions.Add(new FunctionScore
            {
                Linear = new GeoDecayFunction
                {
                    Field = "location",
                    Placement = new DecayPlacement<GeoLocation, string> { Origin = Point(place), Scale = Km(radiusKm), Decay = 1 - MatchScorer.DistanceDecay },
                },
            });
        }
        Query matched = new BoolQuery
        {
            Should = [Credits("essential_ids", "essential_weight"), Credits("optional_ids", "optional_weight")],
            MinimumShouldMatch = 1,
            Filter = filters,
            MustNot = excludedOccupations is { Count: > 0 } ? [Terms("occupation", excludedOccupations.Order(StringComparer.Ordinal))] : null,
        };
        if (functions.Count > 0)
        {
            matched = new FunctionScoreQuery { Query = matched, Functions = functions, ScoreMode = FunctionScoreMode.Multiply, BoostMode = FunctionBoostMode.Multiply };
        }
        if (contractWishes != 0 && (contractWishes & MatchScorer.ContractMask(ContractType.Unspecified)) == 0)
        {
            var wished = Enum.GetValues<ContractType>().Where(c => (contractWishes & MatchScorer.ContractMask(c)) != 0).Select(c => c.ToString());
            matched = Penalize(matched, new BoolQuery { MustNot = [Terms("contract", [.. wished, nameof(ContractType.Unspecified)])] }, MatchScorer.ContractMismatch);
        }
        if (seekerYears < 1)
        {
            matched = Penalize(matched, new TermQuery { Field = "experience", Value = Term(nameof(ExperienceRequirement.Required)) }, MatchScorer.ExperienceRequiredMissing);
        }
        if (seekerYears <= 0)
        {
            matched = Penalize(matched, new TermQuery { Field = "experience", Value = Term(nameof(ExperienceRequirement.Desired)) }, MatchScorer.ExperienceDesiredMissing);
        }
        return matched;
    }

    // ---------------------------------------------------------------- offer -> profiles

    /// <summary>Hard filters of a recruiter's search on top of a match's.</summary>
    public sealed record CandidateFilter(IReadOnlyList<ContractType>? Contracts, double? MinExperienceYears);

    /// <summary>Profiles an offer (or a recruiter's query) can match.</summary>
    /// <param name="demanded">Distinct demanded skill ids.</param>
    /// <param name="optional">Per demanded skill, optional (else essential).</param>
    /// <param name="mustHave">Per demanded skill, a hard filter.</param>
    /// <param name="area">The area of an offer given by a département or a région (without <paramref name="place"/>); null otherwise.</param>
    public Query ProfilesFor(int[] demanded, bool[] optional, bool[] mustHave, Place? place, double? radiusOverride, bool searchableOnly,
        ContractType contract, ExperienceRequirement requirement, bool allowRelated, CandidateFilter? filter, AreaFilter? area = null)
    {
        var essentialCount = optional.Count(o => !o);
        var optionalCount = optional.Length - essentialCount;
        var (essentialWeight, optionalWeight) = StoredDocuments.Weights(essentialCount, optionalCount);
        var should = new List<Query>();
        var filters = new List<Query>();
        for (var i = 0; i < demanded.Length; i++)
        {
            var edges = graph.MeetersOf(demanded[i], allowRelated);
            var weight = optional[i] ? optionalWeight : essentialWeight;
            // The best way the profile meets this skill: dis_max of one clause per credit level.
            var byCredit = new SortedDictionary<int, List<string>>(Comparer<int>.Create((a, b) => b.CompareTo(a)));
            for (var j = 0; j < edges.Length; j++)
            {
                if (!byCredit.TryGetValue(edges.Credits[j], out var list))
                {
                    byCredit[edges.Credits[j]] = list = [];
                }
                list.Add(taxonomy.Skills[edges.Skills[j]].Uri);
            }
            should.Add(new DisMaxQuery
            {
                Queries = [.. byCredit.Select(kv => (Query)new ConstantScoreQuery
                {
                    Filter = Terms("skill_ids", kv.Value),
                    Boost = (float)(kv.Key / (double)SkillGraph.CreditUnit * weight),
                })],
                TieBreaker = 0,
            });
            if (mustHave[i])
            {
                filters.Add(Terms("skill_ids", byCredit.Values.SelectMany(v => v)));
            }
        }
        if (searchableOnly)
        {
            filters.Add(new TermQuery { Field = "consent", Value = FieldValue.True });
        }
        if (place is not null)
        {
            if (radiusOverride is { } r)
            {
                filters.Add(WithinOrNowhere(place, r));
            }
            else
            {
                // Each profile's own radius: a filter script (it does not score), the only per-document distance ES has.
                filters.Add(new ScriptQuery
                {
                    Script = new Script
                    {
                        // One source for every query (compiled once, cached); the centre as an object parameter, as the
                        // specification types script parameters.
                        Source = "doc['location'].size() == 0 || doc['location'].arcDistance(params.origin.lat, params.origin.lon) <= doc['radius_km'].value * 1000.0",
                        Params = new Dictionary<string, object> { ["origin"] = new Dictionary<string, double> { ["lat"] = place.Latitude, ["lon"] = place.Longitude } },
                    },
                });
            }
        }
        else if (area is not null)
        {
            filters.Add(ProfilesReaching(area, radiusOverride));
        }
        if (filter?.Contracts is { Count: > 0 } contracts)
        {
            filters.Add(Terms("contract_wishes", [.. contracts.Select(c => c.ToString()), StoredDocuments.AnyContract]));
        }
        if (filter?.MinExperienceYears is { } min)
        {
            filters.Add(new NumberRangeQuery { Field = "experience_years", Gte = min });
        }
        Query matched = new BoolQuery { Should = should, MinimumShouldMatch = 1, Filter = filters };
        if (contract != ContractType.Unspecified)
        {
            matched = Penalize(matched, new BoolQuery { MustNot = [Terms("contract_wishes", [contract.ToString(), StoredDocuments.AnyContract])] }, MatchScorer.ContractMismatch);
        }
        if (requirement == ExperienceRequirement.Required)
        {
            matched = Penalize(matched, new NumberRangeQuery { Field = "experience_years", Lt = 1 }, MatchScorer.ExperienceRequiredMissing);
        }
        else if (requirement == ExperienceRequirement.Desired)
        {
            matched = Penalize(matched, new NumberRangeQuery { Field = "experience_years", Lte = 0 }, MatchScorer.ExperienceDesiredMissing);
        }
        return matched;
    }

    // ---------------------------------------------------------------- facets and supply/demand

    /// <summary>Facets of a candidate search, over every candidate the query matches.</summary>
    public static Dictionary<string, Aggregation> CandidateFacets(Place? place)
    {
        var aggs = new Dictionary<string, Aggregation>
        {
            ["contracts"] = new TermsAggregation { Field = "contract_wishes", Size = 20 },
            ["experience"] = new RangeAggregation
            {
                Field = "experience_years",
                Ranges =
                [
                    new AggregationRange { Key = "0-1", To = 1 },
                    new AggregationRange { Key = "1-3", From = 1, To = 3 },
                    new AggregationRange { Key = "3-5", From = 3, To = 5 },
                    new AggregationRange { Key = "5+", From = 5 },
                ],
            },
            ["no_place"] = new MissingAggregation { Field = "location" },
        };
        if (place is not null)
        {
            aggs["distance"] = new GeoDistanceAggregation
            {
                Field = "location",
                Origin = Point(place),
                Unit = DistanceUnit.Kilometers,
                Ranges =
                [
                    new AggregationRange { Key = "0-10", To = 10 },
                    new AggregationRange { Key = "10-25", From = 10, To = 25 },
                    new AggregationRange { Key = "25-50", From = 25, To = 50 },
                    new AggregationRange { Key = "50+", From = 50 },
                ],
            };
        }
        return aggs;
    }

    /// <summary>Documents demanding/supplying a skill (exactly) or an occupation, within a radius of a place when given.</summary>
    public Query SupplyDemand(bool offers, int skill, int occupation, Place? place, double radiusKm)
    {
        var filters = new List<Query>
        {
            skill >= 0
                ? new TermQuery { Field = "skill_ids", Value = Term(taxonomy.Skills[skill].Uri) }
                : new TermQuery { Field = offers ? "occupation" : "occupations", Value = Term(taxonomy.Occupations[occupation].Uri) },
        };
        if (place is not null)
        {
            filters.Add(new GeoDistanceQuery { Field = "location", Location = Point(place), Distance = Km(radiusKm) });
        }
        return new BoolQuery { Filter = filters };
    }

    public const string UnknownArea = "unknown";

    public static Dictionary<string, Aggregation> PerArea() => new()
    {
        ["areas"] = new TermsAggregation { Field = "area", Size = 5_000, Missing = UnknownArea },
    };
}
