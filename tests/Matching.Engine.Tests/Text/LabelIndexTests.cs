using Matching.Engine.Text;

namespace Matching.Engine.Tests.Text;

public sealed class LabelIndexTests
{
    private sealed record Job(string Code);

    // Realistic ROME/ESCO-style job labels; French ones go through GenderForms as the loaders will do.
    private static readonly (string Code, string Label, LabelKind Kind, string Language)[] s_jobs =
    [
        ("soudeur", "Soudeur / Soudeuse", LabelKind.Preferred, "fr"),
        ("soudeur", "welder", LabelKind.Preferred, "en"),
        ("soudeur-arc", "Soudeur / Soudeuse à l'arc", LabelKind.Preferred, "fr"),
        ("soudeur-arc", "arc welder", LabelKind.Preferred, "en"),
        ("aide-soignant", "Aide-soignant / Aide-soignante", LabelKind.Preferred, "fr"),
        ("aide-soignant", "auxiliaire de soins", LabelKind.Alternative, "fr"),
        ("aide-soignant", "nursing assistant", LabelKind.Preferred, "en"),
        ("aide-domicile", "Aide à domicile", LabelKind.Preferred, "fr"),
        ("aide-domicile", "home care aide", LabelKind.Preferred, "en"),
        ("boulanger", "Boulanger / Boulangère", LabelKind.Preferred, "fr"),
        ("boulanger", "baker", LabelKind.Preferred, "en"),
        ("boulanger-patissier", "Boulanger-pâtissier / Boulangère-pâtissière", LabelKind.Preferred, "fr"),
        ("vendeur-boulangerie", "Vendeur / Vendeuse en boulangerie-pâtisserie", LabelKind.Preferred, "fr"),
        ("patissier", "Pâtissier / Pâtissière", LabelKind.Preferred, "fr"),
        ("patissier", "pastry chef", LabelKind.Preferred, "en"),
        ("developpeur", "Développeur / Développeuse informatique", LabelKind.Preferred, "fr"),
        ("developpeur", "software developer", LabelKind.Preferred, "en"),
        ("developpeur", "C# developer", LabelKind.Alternative, "en"),
        ("developpeur", "application developer", LabelKind.Alternative, "en"),
        ("developpeur-web", "Développeur / Développeuse web", LabelKind.Preferred, "fr"),
        ("developpeur-web", "web developer", LabelKind.Preferred, "en"),
        ("poids-lourd", "Conducteur / Conductrice de poids lourd", LabelKind.Preferred, "fr"),
        ("poids-lourd", "chauffeur PL", LabelKind.Alternative, "fr"),
        ("poids-lourd", "chauffeur poids lourd", LabelKind.Alternative, "fr"),
        ("poids-lourd", "lorry driver", LabelKind.Preferred, "en"),
        ("poids-lourd", "truck driver", LabelKind.Alternative, "en"),
        ("bus", "Conducteur / Conductrice de bus", LabelKind.Preferred, "fr"),
        ("bus", "chauffeur de bus", LabelKind.Alternative, "fr"),
        ("bus", "bus driver", LabelKind.Preferred, "en"),
        ("infirmier", "infirmier/infirmière", LabelKind.Preferred, "fr"),
        ("infirmier", "nurse", LabelKind.Preferred, "en"),
        ("infirmier-bloc", "Infirmier / Infirmière de bloc opératoire", LabelKind.Preferred, "fr"),
        ("infirmier-nuit", "Infirmier / Infirmière de nuit", LabelKind.Preferred, "fr"),
        ("chef-projet", "chef de projet informatique/cheffe de projet informatique", LabelKind.Preferred, "fr"),
        ("chef-projet", "ICT project manager", LabelKind.Preferred, "en"),
        ("directeur-technique", "directeur technique/directrice technique", LabelKind.Preferred, "fr"),
        ("directeur-technique", "technical director", LabelKind.Preferred, "en"),
        ("cariste", "Cariste", LabelKind.Preferred, "fr"),
        ("cariste", "forklift operator", LabelKind.Preferred, "en"),
        ("plombier", "Plombier / Plombière", LabelKind.Preferred, "fr"),
        ("plombier", "plumber", LabelKind.Preferred, "en"),
        ("accastilleur", "Accastilleur(se)-monteur(se) électronique de marine", LabelKind.Preferred, "fr"),
        ("abatteur", "Abatteur / Abatteuse de carrière", LabelKind.Preferred, "fr"),
        ("souscripteur", "souscripteur IARD/souscriptrice IARD", LabelKind.Preferred, "fr"),
        ("securite", "Agent / Agente de sécurité", LabelKind.Preferred, "fr"),
        ("securite", "security guard", LabelKind.Preferred, "en"),
        ("comptable", "Comptable", LabelKind.Preferred, "fr"),
        ("comptable", "accountant", LabelKind.Preferred, "en"),
        ("serveur", "Serveur / Serveuse en restauration", LabelKind.Preferred, "fr"),
        ("caissier", "Caissier / Caissière", LabelKind.Preferred, "fr"),
        ("mecanicien", "Mécanicien / Mécanicienne automobile", LabelKind.Preferred, "fr"),
        ("electricien", "Électricien / Électricienne du bâtiment", LabelKind.Preferred, "fr"),
        ("professeur", "Professeur / Professeure des écoles", LabelKind.Preferred, "fr"),
        ("analyste", "Analyste de données", LabelKind.Preferred, "fr"),
        ("analyste", "data analyst", LabelKind.Preferred, "en"),
        ("gestion-projet", "gestion de projets", LabelKind.Preferred, "fr"),
        ("gestion-stocks", "gestion des stocks", LabelKind.Preferred, "fr"),
        ("gestion-projet-agile", "gestion de projet agile", LabelKind.Preferred, "fr"),
        ("boule", "Chef de boule", LabelKind.Preferred, "fr"),
    ];

    private static readonly LabelIndex<Job> s_index = BuildJobs();

    private static LabelIndex<Job> BuildJobs()
    {
        var builder = new LabelIndex<Job>.Builder();
        foreach (var (code, label, kind, language) in s_jobs)
        {
            var forms = language == "fr" ? TextNormalizer.GenderForms(label) : [label];
            foreach (var form in forms)
            {
                builder.Add(new Job(code), form, kind, language);
            }
        }

        return builder.Build();
    }

    private static string First(string query, string? language = null) => s_index.Search(query, 10, language)[0].Item.Code;

    [Theory]
    [InlineData("soudeur", "soudeur")]
    [InlineData("Soudeuse", "soudeur")]
    [InlineData("aide soignant", "aide-soignant")]
    [InlineData("aide-soignante", "aide-soignant")]
    [InlineData("boulangere", "boulanger")]
    [InlineData("boulangeres", "boulanger")]
    [InlineData("developpeur c#", "developpeur")]
    [InlineData("dev c#", "developpeur")]
    [InlineData("chauffeur PL", "poids-lourd")]
    [InlineData("infirmier de nuit", "infirmier-nuit")]
    [InlineData("gestion de projet", "gestion-projet")]
    [InlineData("conductrice poids lourds", "poids-lourd")]
    [InlineData("directrice technique", "directeur-technique")]
    [InlineData("accastilleuse", "accastilleur")]
    [InlineData("truck driver", "poids-lourd")]
    public void Search_puts_the_expected_job_first(string query, string expected)
    {
        Assert.Equal(expected, First(query));
    }

    [Fact]
    public void Search_ranks_the_shorter_full_match_above_a_longer_label()
    {
        var results = s_index.Search("soudeur", 5);

        Assert.Equal(["soudeur", "soudeur-arc"], results.Take(2).Select(r => r.Item.Code));
        Assert.Equal("Soudeur", results[0].Label);
        Assert.True(results[0].Score > results[1].Score);
    }

    [Fact]
    public void Search_reports_the_label_that_matched()
    {
        Assert.Equal("C# developer", s_index.Search("dev c#", 1)[0].Label);
        Assert.Equal("chauffeur PL", s_index.Search("chauffeur PL", 1)[0].Label);
        Assert.Equal(LabelKind.Alternative, s_index.Search("chauffeur PL", 1)[0].Kind);
        Assert.Equal("Boulangère", s_index.Search("boulangère", 1)[0].Label);
    }

    [Theory]
    [InlineData("infirmeir", "infirmier")]
    [InlineData("boulnager", "boulanger")]
    [InlineData("plombeir", "plombier")]
    [InlineData("devloppeur informatique", "developpeur")]
    [InlineData("comptabel", "comptable")]
    public void Search_tolerates_typos(string query, string expected)
    {
        Assert.Equal(expected, First(query));
    }

    [Fact]
    public void Search_does_not_correct_short_words_beyond_one_edit()
    {
        // "plumbr" (6 chars) is one edit from "plumber"; "plmbr" is two, too many for a short word.
        Assert.Equal("plombier", First("plumbr"));
        Assert.Empty(s_index.Search("plmbr", 10));
    }

    [Fact]
    public void Search_completes_the_last_token_as_a_prefix()
    {
        var results = s_index.Search("boul", 10);

        // "boul" is a word being typed: "boulanger" as a label start beats "boule" read as an inflected form.
        Assert.Equal("boulanger", results[0].Item.Code);
        Assert.Contains(results, r => r.Item.Code == "boule");
        Assert.Contains(results, r => r.Item.Code == "boulanger-patissier");
        Assert.Contains(results, r => r.Item.Code == "vendeur-boulangerie");
        Assert.Equal("developpeur-web", First("developpeur we"));
    }

    [Fact]
    public void Search_does_not_read_a_whole_word_among_others_as_the_start_of_a_longer_word()
    {
        var builder = new LabelIndex<Job>.Builder();
        builder.Add(new Job("magasinier-vendeur"), "Magasinier vendeur", LabelKind.Preferred, "fr");
        builder.Add(new Job("vendeur-bricolage"), "Vendeur en bricolage", LabelKind.Preferred, "fr");
        builder.Add(new Job("responsable-magasin"), "Responsable de magasin", LabelKind.Preferred, "fr");
        builder.Add(new Job("magasinier"), "Magasinier", LabelKind.Preferred, "fr");
        builder.Add(new Job("vendeuses"), "Vendeuses", LabelKind.Preferred, "fr");
        var index = builder.Build();

        // "magasin" is a word labels hold whole: a shop, not the first letters of "magasinier", which read first before.
        var shop = index.Search("vendeur en magasin", 10);
        Assert.NotEqual("magasinier-vendeur", shop[0].Item.Code);
        Assert.DoesNotContain(shop, r => r.Item.Code == "magasinier");
        // Alone, the word may still be on its way to a longer one, after the labels holding it whole; its plural still meets it.
        Assert.Equal(["responsable-magasin", "magasinier"], index.Search("magasin", 10).Select(r => r.Item.Code).Take(2));
        Assert.Contains(index.Search("vendeur magasin", 10), r => r.Item.Code == "vendeuses");
    }

    [Fact]
    public void Search_still_completes_a_word_no_label_holds_whole_among_others()
    {
        Assert.Equal("aide-soignant", First("aide soig"));
        Assert.Equal("developpeur-web", First("developpeur we"));
    }

    [Fact]
    public void Search_prefers_a_word_as_typed_over_its_typo_neighbours()
    {
        var builder = new LabelIndex<Job>.Builder();
        builder.Add(new Job("exces"), "excès de vitesse", LabelKind.Preferred, "fr");
        builder.Add(new Job("excel"), "Microsoft Excel", LabelKind.Alternative, "en");
        var index = builder.Build();

        var results = index.Search("excel", 10, "fr");

        Assert.Equal(["excel", "exces"], results.Select(r => r.Item.Code));
    }

    [Fact]
    public void Search_reads_pl_as_poids_lourd()
    {
        var builder = new LabelIndex<Job>.Builder();
        builder.Add(new Job("bus"), "Chauffeur de bus", LabelKind.Preferred, "fr");
        builder.Add(new Job("pl"), "Chauffeur de poids lourd", LabelKind.Preferred, "fr");
        builder.Add(new Job("plateau"), "Plateau technique", LabelKind.Preferred, "fr");

        var results = builder.Build().Search("chauffeur PL", 10);

        Assert.Equal("pl", results[0].Item.Code);
        Assert.Equal(["bus", "pl", "plateau"], results.Select(r => r.Item.Code).Order());
    }

    [Fact]
    public void Search_does_not_complete_earlier_tokens_shorter_than_three_chars()
    {
        // "bo" is not the last token, so it cannot stand for "boulanger"; only "patissier" matches.
        Assert.DoesNotContain(s_index.Search("bo patissier", 10), r => r.Item.Code == "boulanger");
    }

    [Fact]
    public void Search_returns_each_item_once_with_its_best_label()
    {
        var results = s_index.Search("infirmier", 10);

        Assert.Equal(results.Count, results.Select(r => r.Item).Distinct().Count());
        Assert.Equal("infirmier", results[0].Item.Code);
        Assert.Equal(["infirmier", "infirmier-bloc", "infirmier-nuit"], results.Select(r => r.Item.Code).Order());
    }

    [Fact]
    public void Search_ranks_items_matching_every_significant_token_above_partial_matches()
    {
        var results = s_index.Search("conducteur bus", 10);

        Assert.Equal("bus", results[0].Item.Code);
        Assert.Equal("poids-lourd", results[1].Item.Code);
        Assert.True(results[0].Score > results[1].Score);
    }

    [Fact]
    public void Search_finds_labels_in_other_languages_but_prefers_the_requested_one()
    {
        var builder = new LabelIndex<Job>.Builder();
        builder.Add(new Job("fr"), "technicien", LabelKind.Preferred, "fr");
        builder.Add(new Job("en"), "technicien", LabelKind.Preferred, "en");
        builder.Add(new Job("neutral"), "technicien", LabelKind.Alternative, "");
        var index = builder.Build();

        Assert.Equal(["fr", "neutral", "en"], index.Search("technicien", 10, "fr").Select(r => r.Item.Code));
        Assert.Equal(["en", "neutral", "fr"], index.Search("technicien", 10, "EN").Select(r => r.Item.Code));
        Assert.Equal("fr", index.Search("technicien", 10, "fr")[0].Language);
        Assert.Equal("developpeur", s_index.Search("dev c#", 1, "fr")[0].Item.Code);
    }

    [Fact]
    public void Search_prefers_preferred_labels_over_alternative_and_hidden_ones()
    {
        var builder = new LabelIndex<Job>.Builder();
        builder.Add(new Job("hidden"), "magasinier", LabelKind.Hidden, "fr");
        builder.Add(new Job("alternative"), "magasinier", LabelKind.Alternative, "fr");
        builder.Add(new Job("preferred"), "magasinier", LabelKind.Preferred, "fr");

        var results = builder.Build().Search("magasinier", 10);

        Assert.Equal(["preferred", "alternative", "hidden"], results.Select(r => r.Item.Code));
    }

    [Fact]
    public void Search_applies_the_filter_before_the_limit()
    {
        // Unfiltered, the bus driver comes first (shorter label); the filter must not empty a limit of 1.
        Assert.Equal("bus", s_index.Search("conducteur", 1)[0].Item.Code);

        var results = s_index.Search("conducteur", 1, filter: job => job.Code != "bus");

        Assert.Equal("poids-lourd", Assert.Single(results).Item.Code);
        Assert.Empty(s_index.Search("conducteur", 10, filter: _ => false));
    }

    [Theory]
    [InlineData("de")]
    [InlineData("de la")]
    [InlineData("of the")]
    public void Search_with_only_function_words_returns_nothing(string query)
    {
        Assert.Empty(s_index.Search(query, 10));
    }

    [Fact]
    public void Search_lets_function_words_count_little()
    {
        // "de" appears in many labels but must not pull "chauffeur de bus" above the exact "chauffeur PL".
        Assert.Equal("poids-lourd", First("chauffeur de pl"));
    }

    [Fact]
    public void Search_returns_nothing_for_unknown_words_and_blank_queries()
    {
        Assert.Empty(s_index.Search("xylophoniste", 10));
        Assert.Empty(s_index.Search("   ", 10));
        Assert.Empty(s_index.Search("?!", 10));
    }

    [Fact]
    public void Search_on_an_empty_index_returns_nothing()
    {
        var index = new LabelIndex<Job>.Builder().Build();

        Assert.Equal(0, index.ItemCount);
        Assert.Empty(index.Search("soudeur", 10));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(101)]
    public void Search_rejects_a_limit_outside_1_to_100(int limit)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => s_index.Search("soudeur", limit));
    }

    [Fact]
    public void Search_breaks_ties_by_shorter_label_then_ordinal_order()
    {
        var builder = new LabelIndex<Job>.Builder();
        builder.Add(new Job("c"), "agent de quai", LabelKind.Preferred, "fr");
        builder.Add(new Job("b"), "agent qualité", LabelKind.Preferred, "fr");
        builder.Add(new Job("a"), "agent quai", LabelKind.Preferred, "fr");
        builder.Add(new Job("d"), "agent quais", LabelKind.Preferred, "fr");

        var results = builder.Build().Search("agent", 10);

        Assert.Equal(4, results.Count);
        Assert.Equal(results.OrderByDescending(r => r.Score).ThenBy(r => r.Label.Length).ThenBy(r => r.Label, StringComparer.Ordinal), results);
        Assert.Equal("agent quai", results[0].Label);
    }

    [Fact]
    public void Search_is_deterministic_and_safe_from_many_threads()
    {
        var queries = new[] { "soudeur", "aide soignant", "boul", "dev c#", "infirmeir", "chauffeur PL", "gestion de projet" };
        var expected = queries.Select(q => s_index.Search(q, 10)).ToArray();
        var rebuilt = BuildJobs();

        Parallel.For(0, 400, i =>
        {
            var q = i % queries.Length;
            Assert.Equal(expected[q], s_index.Search(queries[q], 10));
            Assert.Equal(expected[q], rebuilt.Search(queries[q], 10));
        });
    }

    [Fact]
    public void Search_reads_saint_abbreviations_and_postcodes_of_communes()
    {
        var builder = new LabelIndex<string>.Builder();
        builder.Add("42218", "Saint-Étienne", LabelKind.Preferred, "");
        builder.Add("42218", "42000", LabelKind.Hidden, "");
        builder.Add("02408", "02000", LabelKind.Hidden, "");
        builder.Add("76575", "Saint-Étienne-du-Rouvray", LabelKind.Preferred, "");
        builder.Add("42095", "Étrat", LabelKind.Preferred, "");
        builder.Add("75056", "Paris", LabelKind.Preferred, "");
        builder.Add("97411", "Saint-Denis", LabelKind.Preferred, "");
        var communes = builder.Build();

        Assert.Equal(["42218", "76575", "97411"], communes.Search("st etienne", 10).Select(r => r.Item));
        Assert.Equal("42218", communes.Search("Saint-Étienne", 10)[0].Item);
        Assert.Equal("42218", communes.Search("saint etien", 10)[0].Item);
        Assert.Equal("42218", communes.Search("420", 10, "fr")[0].Item);
        Assert.Equal("42218", Assert.Single(communes.Search("42000", 10)).Item); // digits are never typos of each other
    }

    [Fact]
    public void Builder_keeps_one_label_per_spelling_of_an_item_and_counts_items()
    {
        var builder = new LabelIndex<Job>.Builder();
        builder.Add(new Job("dt"), "directeur technique", LabelKind.Alternative, "fr");
        builder.Add(new Job("dt"), "Directeur  Technique", LabelKind.Preferred, "fr");
        builder.Add(new Job("dt"), "directrice technique", LabelKind.Alternative, "fr");
        builder.Add(new Job("tc"), "directeur technique", LabelKind.Preferred, "fr");
        builder.Add(new Job("tc"), " -- ", LabelKind.Preferred, "fr");

        var index = builder.Build();

        Assert.Equal(2, index.ItemCount);
        Assert.Equal(3, index.LabelCount);
        var match = index.Search("directeur technique", 10).Single(r => r.Item.Code == "dt");
        Assert.Equal(LabelKind.Preferred, match.Kind);
        Assert.Equal("Directeur  Technique", match.Label);
    }
}
