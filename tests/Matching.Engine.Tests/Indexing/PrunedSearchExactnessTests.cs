using Matching.Engine.Corpus;
using Matching.Engine.Indexing;
using Matching.Engine.Indexing.Embedded;
using Matching.Engine.Scoring;
using Matching.Engine.Tests.Corpus;
using static Matching.Engine.Tests.Indexing.IndexTestKit;

namespace Matching.Engine.Tests.Indexing;

/// <summary>
/// The pruned search (block bounds, per-doc bounds, totals from masks) against an exhaustive scan that
/// scores every pair with <see cref="MatchScorer"/>: on hundreds of generated queries, in both
/// directions, with and without a radius, the top 20 has the same ids and bit-identical scores, the
/// total is the same up to the cap (<see cref="MatchOptions.TotalUpTo"/>: 1,000 by default, 50, or none) and past it is the cap flagged as
/// a lower bound, and a next page is announced exactly when there is one.
/// </summary>
public sealed class PrunedSearchExactnessTests
{
    private const int Documents = 12_000;
    private const int Queries = 70;

    private static readonly Lazy<Fixture> s_fixture = new(() => new Fixture());

    public static TheoryData<string> OfferVariants =>
        ["own radius", "30 km", "no place", "no place, no job", "exact only", "score floor", "no place, exact total", "no place, total up to 50", "30 km, total up to 50",
            "after a query stopped at a total of 1"];

    public static TheoryData<string> ProfileVariants =>
        ["own radius", "30 km", "no place", "no place, no job", "exact only, searchable", "no place, exact total", "no place, total up to 50", "30 km, total up to 50",
            "département", "département, 30 km", "région"];

    [Theory]
    [MemberData(nameof(OfferVariants))]
    public void TopOffersEqualTheExhaustiveScan(string variant)
    {
        var f = s_fixture.Value;
        var compared = 0;
        var pruned = 0L;
        var capped = 0;
        foreach (var (query, withoutJob) in f.QueryProfiles.Zip(f.QueryProfilesWithoutJob))
        {
            var noPlace = query with { Latitude = double.NaN, Longitude = double.NaN };
            var (row, options) = variant switch
            {
                "own radius" => (query, new MatchOptions(20)),
                "30 km" => (query, new MatchOptions(20, RadiusKm: 30)),
                "no place" => (noPlace, new MatchOptions(20)),
                "no place, no job" => (withoutJob with { Latitude = double.NaN, Longitude = double.NaN }, new MatchOptions(20)),
                "score floor" => (query, new MatchOptions(20, MinScore: 0.15)),
                "no place, exact total" => (noPlace, new MatchOptions(20, TotalUpTo: null)),
                "no place, total up to 50" => (noPlace, new MatchOptions(20, TotalUpTo: 50)),
                "30 km, total up to 50" => (query, new MatchOptions(20, RadiusKm: 30, TotalUpTo: 50)),
                _ => (query, new MatchOptions(20, AllowRelated: false, RadiusKm: 80)),
            };
            if (variant == "after a query stopped at a total of 1")
            {
                // The query before, on the same pooled scratch, stopped after the skills met exactly: what it accumulated for the others
                // (their must-have counts) must not leak into this one.
                var before = f.Index.MatchOffers(noPlace, new MatchOptions(20, TotalUpTo: 1));
                capped += before.TotalIsLowerBound ? 1 : 0;
                (row, options) = (noPlace, new MatchOptions(20, TotalUpTo: null));
            }
            var expected = f.ExhaustiveOffers(row, options);
            var page = f.Index.MatchOffers(row, options);
            capped += SameTotal(expected.Count, page, options);
            Assert.Equal(expected.Take(20), page.Hits.Select(h => (h.Id, h.Score)));
            Assert.Equal(expected.Count > 20, page.NextCursor is not null);
            compared++;
            pruned += expected.Count - page.Hits.Count;
        }
        Assert.Equal(Queries, compared);
        Assert.True(pruned > 0, "every query returned all its matches: pruning was not exercised");
        Assert.True(variant is not ("no place" or "no place, total up to 50" or "after a query stopped at a total of 1") || capped >= Queries / 5, $"{capped} totals capped of {Queries}: the capped count was not exercised");
    }

    [Theory]
    [MemberData(nameof(ProfileVariants))]
    public void TopProfilesEqualTheExhaustiveScan(string variant)
    {
        var f = s_fixture.Value;
        var compared = 0;
        var capped = 0;
        foreach (var (query, withoutJob) in f.QueryOffers.Zip(f.QueryOffersWithoutJob))
        {
            var noPlace = query with { Latitude = double.NaN, Longitude = double.NaN };
            var (row, options) = variant switch
            {
                "own radius" => (query, new MatchOptions(20)),
                "30 km" => (query, new MatchOptions(20, RadiusKm: 30)),
                "no place" => (noPlace, new MatchOptions(20)),
                "no place, no job" => (withoutJob with { Latitude = double.NaN, Longitude = double.NaN }, new MatchOptions(20)),
                "no place, exact total" => (noPlace, new MatchOptions(20, TotalUpTo: null)),
                "no place, total up to 50" => (noPlace, new MatchOptions(20, TotalUpTo: 50)),
                "30 km, total up to 50" => (query, new MatchOptions(20, RadiusKm: 30, TotalUpTo: 50)),
                // An offer given by its département or its région: the profiles whose circle reaches it (and those without a place).
                "département" => (f.AreaOf(noPlace, query.Commune, region: false), new MatchOptions(20)),
                "département, 30 km" => (f.AreaOf(noPlace, query.Commune, region: false), new MatchOptions(20, RadiusKm: 30)),
                "région" => (f.AreaOf(noPlace, query.Commune, region: true), new MatchOptions(20)),
                _ => (query, new MatchOptions(20, AllowRelated: false, SearchableOnly: true)),
            };
            var expected = f.ExhaustiveProfiles(row, options);
            var page = f.Index.MatchProfiles(row, options);
            capped += SameTotal(expected.Count, page, options);
            Assert.Equal(expected.Take(20), page.Hits.Select(h => (h.Id, h.Score)));
            Assert.Equal(expected.Count > 20, page.NextCursor is not null);
            compared++;
        }
        Assert.Equal(Queries, compared);
        Assert.True(variant is not ("no place" or "no place, total up to 50") || capped >= Queries / 5, $"{capped} totals capped of {Queries}: the capped count was not exercised");
    }

    /// <summary>
    /// Profile → offers without a place, the rarest of the profile's exact skills first (<c>InMemoryIndex.RarestFirst</c>): whatever the
    /// first try assumes of the page's worst hit (the share), pages, scores and totals are the exhaustive scan's, on an index with offers
    /// without a place (an offer out of the blocks passed over is bounded at distance 1) and on one whose offers all have a place (the
    /// unknown distance). Share 0 first tries with 2 exact skills needed (the most postings), 0.7 with so many that the first try's
    /// page is often too low and a second try runs.
    /// </summary>
    [Theory]
    [InlineData(0.0)]
    [InlineData(0.35)]
    [InlineData(0.7)]
    public void RarestFirstPagesEqualTheExhaustiveScan(double share)
    {
        var f = s_fixture.Value;
        foreach (var (index, placedOnly) in new[] { (f.Index, false), (f.PlacedIndex, true) })
        {
            var before = (index.RarestFirstPages.First, index.RarestFirstPages.Second);
            var kept = index.RarestFirstShare;
            index.RarestFirstShare = share;
            try
            {
                foreach (var (query, withoutJob) in f.QueryProfiles.Zip(f.QueryProfilesWithoutJob))
                {
                    foreach (var row in new[] { query, withoutJob })
                    {
                        var noPlace = row with { Latitude = double.NaN, Longitude = double.NaN };
                        foreach (var options in new[] { new MatchOptions(20), new MatchOptions(20, TotalUpTo: 50), new MatchOptions(20, AllowRelated: false, TotalUpTo: 100),
                            new MatchOptions(20, MinScore: 0.1) })
                        {
                            var expected = f.ExhaustiveOffers(noPlace, options, placedOnly);
                            var page = index.MatchOffers(noPlace, options);
                            SameTotal(expected.Count, page, options);
                            Assert.Equal(expected.Take(20), page.Hits.Select(h => (h.Id, h.Score)));
                            Assert.Equal(expected.Count > 20, page.NextCursor is not null);
                        }
                    }
                }
            }
            finally
            {
                index.RarestFirstShare = kept;
            }
            var first = index.RarestFirstPages.First - before.First;
            var second = index.RarestFirstPages.Second - before.Second;
            // Of the 8 × 70 pages, those the rarest skills found first (the others ran the full pass): both tries exercised.
            Assert.True(first + second >= Queries, $"{first} + {second} pages of {Queries * 8} found by the rarest skills first");
            Assert.True(share > 0 || first > 0, "no page found at the first try");
            Assert.True(share < 0.7 || second > 0, "no second try ran");
        }
    }

    /// <summary>
    /// Offer → candidates without a place, the seekers of the offer's job and of the close ones first (<c>InMemoryIndex.MarkTargets</c>):
    /// pages, scores and totals are the exhaustive scan's, on an index with profiles without a place (a profile left out is bounded at
    /// distance 1) and on one whose profiles all have one (the unknown distance), for offers stating a ROME code and for offers stating
    /// their ESCO occupation alone (codes then do not decide), among seekers with two target jobs or none, with pages of 20, 10 and 5.
    /// The path must have found pages itself: at least 200 of the 840, and a sixth of each index's.
    /// </summary>
    [Fact]
    public void TargetsFirstPagesEqualTheExhaustiveScan()
    {
        var f = s_fixture.Value;
        var found = 0L;
        foreach (var (index, placedOnly) in new[] { (f.Index, false), (f.PlacedIndex, true) })
        {
            var before = index.TargetsFirstPages;
            foreach (var (query, withoutCode) in f.QueryOffers.Zip(f.QueryOffersWithoutCode))
            {
                foreach (var row in new[] { query, withoutCode })
                {
                    var noPlace = row with { Latitude = double.NaN, Longitude = double.NaN };
                    // Shorter pages have a higher worst hit: more of them are found among the jobs' seekers of this small corpus.
                    foreach (var options in new[] { new MatchOptions(20, TotalUpTo: 50), new MatchOptions(10, TotalUpTo: 50), new MatchOptions(5, AllowRelated: false, TotalUpTo: 100) })
                    {
                        var expected = f.ExhaustiveProfiles(noPlace, options, placedOnly);
                        var page = index.MatchProfiles(noPlace, options);
                        SameTotal(expected.Count, page, options);
                        Assert.Equal(expected.Take(options.Size), page.Hits.Select(h => (h.Id, h.Score)));
                        Assert.Equal(expected.Count > options.Size, page.NextCursor is not null);
                    }
                }
            }
            var pages = index.TargetsFirstPages - before;
            // Both indexes: the bound of a profile left out at distance 1 and at the unknown distance.
            Assert.True(pages >= Queries, $"{pages} pages of {Queries * 6} found among the target jobs' seekers ({(placedOnly ? "placed" : "some without a place")})");
            found += pages;
        }
        Assert.True(found >= 200, $"{found} pages of {Queries * 12} found among the target jobs' seekers");
    }

    /// <summary>The total is exact up to the cap; past it, the cap flagged as a lower bound (more match). Returns 1 when it was capped.</summary>
    private static int SameTotal(int expected, MatchPage page, MatchOptions options)
    {
        var cap = options.TotalUpTo ?? int.MaxValue;
        Assert.Equal(Math.Min(expected, cap), page.Total);
        Assert.Equal(expected > cap, page.TotalIsLowerBound);
        return page.TotalIsLowerBound ? 1 : 0;
    }

    [Fact]
    public void ASecondPageContinuesTheExhaustiveRanking()
    {
        var f = s_fixture.Value;
        foreach (var query in f.QueryProfiles.Take(20))
        {
            var options = new MatchOptions(20, RadiusKm: 60);
            var expected = f.ExhaustiveOffers(query, options);
            var first = f.Index.MatchOffers(query, options);
            if (first.NextCursor is null)
            {
                continue;
            }
            var second = f.Index.MatchOffers(query, options with { Cursor = first.NextCursor });
            Assert.Equal(expected.Skip(20).Take(20), second.Hits.Select(h => (h.Id, h.Score)));
            Assert.Equal(expected.Count > 40, second.NextCursor is not null);
        }
    }

    [Fact]
    public void PagesFollowingACappedTotalContinueTheExhaustiveRanking()
    {
        var f = s_fixture.Value;
        var pages = 0;
        var options = new MatchOptions(20, TotalUpTo: 50);
        foreach (var (profile, offer) in f.QueryProfiles.Zip(f.QueryOffers).Take(10))
        {
            var noPlace = profile with { Latitude = double.NaN, Longitude = double.NaN };
            pages += Walk(f.ExhaustiveOffers(noPlace, options), cursor => f.Index.MatchOffers(noPlace, options with { Cursor = cursor }));
            var offerNoPlace = offer with { Latitude = double.NaN, Longitude = double.NaN };
            pages += Walk(f.ExhaustiveProfiles(offerNoPlace, options), cursor => f.Index.MatchProfiles(offerNoPlace, options with { Cursor = cursor }));
        }
        Assert.True(pages > 40, $"{pages} pages walked");

        static int Walk(List<(string Id, double Score)> expected, Func<string?, MatchPage> read)
        {
            string? cursor = null;
            for (var page = 0; page < 4; page++)
            {
                var hits = read(cursor);
                Assert.Equal(expected.Skip(page * 20).Take(20), hits.Hits.Select(h => (h.Id, h.Score)));
                Assert.Equal(expected.Count > (page + 1) * 20, hits.NextCursor is not null);
                SameTotal(expected.Count, hits, new MatchOptions(TotalUpTo: 50));
                if ((cursor = hits.NextCursor) is null)
                {
                    return page + 1;
                }
            }
            return 4;
        }
    }

    private sealed class Fixture
    {
        private readonly OfferRow[] _offers;
        private readonly OfferRow[] _placedOffers;
        private readonly ProfileRow[] _profiles;
        private readonly ProfileRow[] _placedProfiles;
        // The documents by id: the brute force reads the occupation factor from them (OccupationRelations.Fit on ROME codes and
        // ESCO URIs), not from the index's interned ids.
        private readonly Dictionary<string, OfferDocument> _offerDocuments = new(StringComparer.Ordinal);
        private readonly Dictionary<string, ProfileDocument> _profileDocuments = new(StringComparer.Ordinal);
        private static readonly OccupationRelations s_relations = OccupationRelations.For(Esco);

        public Fixture()
        {
            var compiler = new DocumentCompiler(Esco);
            var generator = new CorpusGenerator(Esco, CorpusFixture.Sources, 42);
            // Some documents without a place (a place scope other than a commune), as the index must hold them: offers given by France
            // (no area), by their département or by their région (within a radius that reaches it: PlaceAreaMap).
            var offers = generator.Offers(Documents).Select((o, i) => i % 23 != 0 ? o : (i / 23 % 3) switch
            {
                0 => o with { Place = null, PlaceArea = new PlaceArea(PlaceScope.Country, "France") },
                var k => o with { Place = null, PlaceArea = AreaOf(o.Place?.CommuneCode, region: k == 2) },
            }).ToList();
            var profiles = generator.Profiles(Documents).Select((p, i) => i % 29 == 0 ? p with { Place = null } : p).ToList();
            // Some seekers target two jobs (their block's job is then mixed, its occupation bound 1), some none.
            profiles = [.. profiles.Select((p, i) => i % 31 == 3
                ? p with { TargetRomeCodes = [.. p.TargetRomeCodes, .. profiles[(i + 500) % Documents].TargetRomeCodes], TargetOccupationUris = [.. p.TargetOccupationUris, .. profiles[(i + 500) % Documents].TargetOccupationUris] }
                : i % 37 == 5 ? p with { TargetRomeCodes = [], TargetOccupationUris = [] } : p)];
            Index = new InMemoryIndex(Esco, Graph, AreaOfCommune, PlaceAreas);
            foreach (var row in compiler.CompileOffers(offers))
            {
                Index.Add(row);
            }
            foreach (var row in compiler.CompileProfiles(profiles))
            {
                Index.Add(row);
            }
            Index.RebuildAll();
            // After the rebuild: deletes (tombstones) and updates (appended, unsorted), as between two rebuilds.
            for (var i = 0; i < Documents; i += 17)
            {
                Index.Offers.Remove(offers[i].Id);
                Index.Profiles.Remove(profiles[i].Id);
            }
            var moved = new Place(45.76, 4.84, "69123");
            foreach (var row in compiler.CompileOffers([.. offers.Where((_, i) => i % 11 == 1).Select(o => o with { Place = moved })]))
            {
                Index.Add(row);
            }
            foreach (var row in compiler.CompileProfiles([.. profiles.Where((_, i) => i % 13 == 1).Select(p => p with { Place = moved, RadiusKm = 150 })]))
            {
                Index.Add(row);
            }
            _offers = [.. Live(Index.Offers).Select(doc => OfferRowOf(Index.Offers, doc))];
            // The offers and the profiles with a place alone, in an index of their own (no tombstones): every doc's distance to a query
            // without a place is the unknown distance.
            PlacedIndex = new InMemoryIndex(Esco, Graph, AreaOfCommune);
            foreach (var row in compiler.CompileOffers([.. offers.Where(o => o.Place is not null)]))
            {
                PlacedIndex.Add(row);
            }
            foreach (var row in compiler.CompileProfiles([.. profiles.Where(p => p.Place is not null)]))
            {
                PlacedIndex.Add(row);
            }
            PlacedIndex.RebuildAll();
            _placedOffers = [.. Live(PlacedIndex.Offers).Select(doc => OfferRowOf(PlacedIndex.Offers, doc))];
            _placedProfiles = [.. Live(PlacedIndex.Profiles).Select(doc => ProfileRowOf(PlacedIndex.Profiles, doc))];
            _profiles = [.. Live(Index.Profiles).Select(doc => ProfileRowOf(Index.Profiles, doc))];

            var queries = new CorpusGenerator(Esco, CorpusFixture.Sources, 43);
            var queryProfiles = queries.Profiles(Queries * 20).Where(p => p.Skills.Count >= 8).Take(Queries).ToList();
            var queryOffers = queries.Offers(Queries * 20).Where(o => o.Skills.Count >= 6).Take(Queries).ToList();
            // The same queries stating no job: the occupation factor is 1 for every document.
            var profilesWithoutJob = queryProfiles.Select(p => p with { Id = p.Id + "-no-job", TargetRomeCodes = [], TargetOccupationUris = [] }).ToList();
            var offersWithoutJob = queryOffers.Select(o => o with { Id = o.Id + "-no-job", RomeCode = null, OccupationUri = null }).ToList();
            // The same offers stating their ESCO occupation alone: codes do not decide the occupation factor.
            var offersWithoutCode = queryOffers.Select(o => o with { Id = o.Id + "-no-code", RomeCode = null }).ToList();
            QueryProfiles = [.. queryProfiles.Select(compiler.CompileProfileProbe)];
            QueryOffers = [.. queryOffers.Select(compiler.CompileOfferProbe)];
            QueryProfilesWithoutJob = [.. profilesWithoutJob.Select(compiler.CompileProfileProbe)];
            QueryOffersWithoutJob = [.. offersWithoutJob.Select(compiler.CompileOfferProbe)];
            QueryOffersWithoutCode = [.. offersWithoutCode.Select(compiler.CompileOfferProbe)];
            foreach (var offer in offers.Concat(queryOffers).Concat(offersWithoutJob).Concat(offersWithoutCode))
            {
                _offerDocuments[offer.Id] = offer;
            }
            foreach (var profile in profiles.Concat(queryProfiles).Concat(profilesWithoutJob))
            {
                _profileDocuments[profile.Id] = profile;
            }
        }

        /// <summary>The occupation factor of a pair, from the documents (docs/scoring.md).</summary>
        private double Occupation(string offerId, string profileId) =>
            MatchScorer.Occupation(s_relations.Fit(_offerDocuments[offerId], _profileDocuments[profileId]));

        public InMemoryIndex Index { get; }

        /// <summary>The département ("74 - Haute-Savoie") or région ("Auvergne-Rhône-Alpes") of a commune, as France Travail writes it.</summary>
        private static PlaceArea? AreaOf(string? commune, bool region)
        {
            if (commune is null || !Geography.TestData.Geography.TryGetCommune(commune, out var c))
            {
                return null;
            }
            var departement = Geography.TestData.Geography.Departement(c.DepartementCode)!;
            return region
                ? new PlaceArea(PlaceScope.Region, Geography.TestData.Geography.Region(c.RegionCode)!.Name)
                : new PlaceArea(PlaceScope.Departement, departement.Code + " - " + departement.Name, departement.Code);
        }

        /// <summary>A query offer without coordinates given by the département or the région of <paramref name="commune"/>.</summary>
        public OfferRow AreaOf(OfferRow offer, string? commune, bool region) => offer with { Area = AreaOf(commune, region) };

        /// <summary>The area key of an offer without coordinates (null for a located offer, France, none).</summary>
        private string? AreaKey(OfferRow offer) =>
            offer.HasPlace ? null : PlaceAreas.KeyOf(offer.Area ?? (_offerDocuments.TryGetValue(offer.Id, out var d) ? d.PlaceArea : null));

        /// <summary>An index of the offers that have a place only.</summary>
        public InMemoryIndex PlacedIndex { get; }

        public ProfileRow[] QueryProfiles { get; }

        public OfferRow[] QueryOffers { get; }

        public ProfileRow[] QueryProfilesWithoutJob { get; }

        public OfferRow[] QueryOffersWithoutJob { get; }

        public OfferRow[] QueryOffersWithoutCode { get; }

        public List<(string Id, double Score)> ExhaustiveOffers(ProfileRow profile, MatchOptions options, bool placedOnly = false)
        {
            var radius = options.RadiusKm ?? profile.RadiusKm;
            var supplied = profile.Skills.ToHashSet();
            var hits = new List<(string, double)>();
            foreach (var offer in placedOnly ? _placedOffers : _offers)
            {
                var fit = s_relations.Fit(_offerDocuments[offer.Id], _profileDocuments[profile.Id]);
                // The floor weighs the fit apart from the job and spares the offers of a target job (docs/scoring.md).
                if (Score(offer, supplied, profile.Skills.Length, profile, radius, options.AllowRelated, MatchScorer.Occupation(fit), AreaKey(offer)) is { } score
                    && (fit == OccupationFit.Target || score >= options.MinScore * MatchScorer.Occupation(fit)))
                {
                    hits.Add((offer.Id, score));
                }
            }
            return Ranked(hits);
        }

        public List<(string Id, double Score)> ExhaustiveProfiles(OfferRow offer, MatchOptions options, bool placedOnly = false)
        {
            var hits = new List<(string, double)>();
            foreach (var profile in placedOnly ? _placedProfiles : _profiles)
            {
                if (options.SearchableOnly && !profile.Searchable)
                {
                    continue;
                }
                if (Score(offer, profile.Skills.ToHashSet(), profile.Skills.Length, profile, options.RadiusKm ?? profile.RadiusKm, options.AllowRelated,
                    Occupation(offer.Id, profile.Id), AreaKey(offer)) is { } score)
                {
                    hits.Add((profile.Id, score));
                }
            }
            return Ranked(hits);
        }

        /// <summary>The score of a pair straight from docs/scoring.md (null when not a match).</summary>
        /// <param name="areaKey">The département or région of an offer without coordinates: no match for a located profile whose circle does not reach it.</param>
        private static double? Score(OfferRow offer, HashSet<int> supplied, int supplyCount, ProfileRow profile, double radius, bool allowRelated, double occupation, string? areaKey)
        {
            if (areaKey is not null && profile.HasPlace && !PlaceAreas.Reaches(areaKey, profile.Latitude, profile.Longitude, radius))
            {
                return null;
            }
            int essential = 0, optional = 0, essentialCount = 0, optionalCount = 0, exact = 0;
            foreach (var packed in offer.Skills)
            {
                var demanded = packed & Packed.IdMask;
                var isOptional = (packed & Packed.Optional) != 0;
                if (isOptional)
                {
                    optionalCount++;
                }
                else
                {
                    essentialCount++;
                }
                var edges = Graph.MeetersOf(demanded, allowRelated);
                var credit = 0;
                for (var i = 0; i < edges.Length; i++)
                {
                    if (supplied.Contains(edges.Skills[i]))
                    {
                        credit = edges.Credits[i];
                        break;
                    }
                }
                if ((packed & Packed.MustHave) != 0 && credit == 0)
                {
                    return null;
                }
                // The same skill, itself or aligned across ESCO and ROME 4.0, counts in SupplyUse.
                if (credit >= SkillGraph.SameSkillCredit)
                {
                    exact++;
                }
                if (isOptional)
                {
                    optional += credit;
                }
                else
                {
                    essential += credit;
                }
            }
            double? distance = offer.HasPlace && profile.HasPlace
                ? MatchScorer.DistanceKm(offer.Latitude, offer.Longitude, profile.Latitude, profile.Longitude)
                : null;
            var total = MatchScorer.Total(essential, essentialCount, optional, optionalCount, exact, supplyCount, distance, radius,
                offer.Contract, profile.ContractWishes, offer.Experience, double.IsNaN(offer.ExperienceYears) ? null : offer.ExperienceYears, profile.ExperienceYears,
                placeUnknown: offer.HasPlace != profile.HasPlace, occupation: occupation);
            return total > 0 ? total : null;
        }

        private static List<(string Id, double Score)> Ranked(List<(string Id, double Score)> hits) =>
            [.. hits.OrderByDescending(h => h.Score).ThenBy(h => h.Id, StringComparer.Ordinal)];

        private static IEnumerable<int> Live(DocumentTable table) => Enumerable.Range(0, table.HighWater).Where(table.IsAlive);

        private static OfferRow OfferRowOf(OfferTable offers, int doc)
        {
            var c = offers.Column(doc);
            return new OfferRow(offers.Ids[doc], offers.Skills(doc).ToArray(), c.Latitude, c.Longitude, null, c.Contract, c.Experience, c.ExperienceYears, c.Occupation);
        }

        private static ProfileRow ProfileRowOf(ProfileTable profiles, int doc)
        {
            var c = profiles.Column(doc);
            return new ProfileRow(profiles.Ids[doc], profiles.Skills(doc).ToArray(), c.Latitude, c.Longitude, null, c.RadiusKm, c.ExperienceYears, c.ContractWishes, c.Searchable, []);
        }
    }
}
