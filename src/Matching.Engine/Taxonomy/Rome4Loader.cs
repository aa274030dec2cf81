using System.Globalization;
using Matching.Engine.Data;

namespace Matching.Engine.Taxonomy;

/// <summary>
/// Reads ROME 4.0 (<c>rome4/*_v460_utf8.csv</c>, see rome4/PROVENANCE.md) into a <see cref="Rome4Referential"/>.
/// Quirks handled: texts double their apostrophes (<c>l''entretien</c>), the NAF tree is Latin-9, the
/// interest-centre and sector files have blank lines between records and multi-line definitions.
/// Sheet items come from <c>unix_coherence_item</c>, which is the sheets' item links (blocs 5 and 6 of
/// <c>unix_liens_rome_referentiels</c>, row for row) with the core-job flag added.
/// </summary>
internal static class Rome4Loader
{
    private const string Folder = "rome4";

    public static Rome4Referential Load(string dataPath)
    {
        string P(string name) => Path.Combine(dataPath, Folder, $"unix_{name}_v460_utf8.csv");
        static List<T> Read<T>(string path, Func<CsvRow, T> select, CsvDialect? dialect = null) =>
            CsvFile.Read(path, dialect ?? CsvDialect.Rome).Select(select).ToList();

        // Each file is parsed on its own; links are resolved once all are read.
        var sheetsTask = Task.Run(() => Read(P("referentiel_code_rome"), r => new Rome4Sheet
        {
            Code = r["code_rome"],
            Label = r["libelle_rome"],
            Ogr = Int(r["code_ogr"]),
            ParentCode = r.Optional("code_rome_parent") ?? r["code_rome"],
            Regulated = Flag(r["emploi_reglemente"]),
            Executive = Flag(r["emploi_cadre"]),
            TransitionEcological = r.Optional("transition_eco"),
            TransitionDigital = Flag(r["transition_num"]),
            TransitionDemographic = Flag(r["transition_demo"]),
        }));
        var domainsTask = Task.Run(() => Read(P("cr_gd_dp"), r => (Code: r["code_rome"], Grand: r["code_grand_domaine"], GrandLabel: r["libelle_grand_domaine"], Domain: r["code_domaine_professionel"], DomainLabel: r["libelle_domaine_professionel"])));
        var riasecTask = Task.Run(() => Read(P("referentiel_code_rome_riasec"), r => (Code: r["code_rome"], Riasec: r["riasec_majeur"] + r["riasec_mineur"])));
        var textsTask = Task.Run(() => Read(P("texte"), r => (Code: r["code_rome"], Type: r["libelle_type_texte"], Position: Int(r["position_phrase"]), Text: r["libelle_texte"].Trim())));
        var appellationsTask = Task.Run(() => Read(P("referentiel_appellation"), r => new Rome4Appellation(Int(r["code_ogr"]), r["libelle_appellation_long"], r["libelle_appellation_court"], r["code_rome"])
        {
            ParentCode = r.Optional("code_rome_parent"),
            Principal = r["classification"] == "PRINCIPALE",
            RarelyUsed = r["peu_usite"] == "O",
            Regulated = Flag(r["emploi_reglemente"]),
            Executive = Flag(r["emploi_cadre"]),
        }));
        var competencesTask = Task.Run(() => Read(P("referentiel_competence"), r => new Rome4Item
        {
            Code = Int(r["code_ogr"]),
            Label = r["libelle_competence"].Trim(),
            Kind = r["cat_comp"].StartsWith("Savoir-être", StringComparison.Ordinal) ? Rome4ItemKind.SavoirEtre : Rome4ItemKind.SavoirFaire,
            IsMacro = r["nature"] == "Macro-compétence",
            MacroCode = r.Optional("code_ogr_macro_comp") is { } macro ? Int(macro) : null,
            Category = r.Optional("sous_cat_comp"),
            Definition = r.Optional("definition"),
        }));
        var savoirsTask = Task.Run(() => Read(P("referentiel_savoir"), r => new Rome4Item
        {
            Code = Int(r["code_ogr_savoir"]),
            Label = r["libelle_savoir"].Trim(),
            Kind = Rome4ItemKind.Savoir,
            Category = r.Optional("categorie_savoir"),
            SubCategory = r.Optional("sous_categorie_savoir"),
        }));
        var macroRiasecTask = Task.Run(() => Read(P("referentiel_macro_competence_riasec"), r => (Code: Int(r["code_ogr"]), Riasec: r["riasec_majeur"] + r["riasec_mineur"])));
        var coherenceTask = Task.Run(() => Read(P("coherence_item"), r => (Code: r["code_rome"], Item: Int(r["code_ogr"]), Core: r["coeur_metier"] switch
        {
            "Principale" => Rome4Core.Principal,
            "Émergente" => Rome4Core.Emerging,
            _ => Rome4Core.None,
        })));
        var contextsTask = Task.Run(() => Read(P("referentiel_contexte_travail"), r => new Rome4WorkContext(Int(r["code_ogr"]), r["libelle_cont_travail"], r["libelle_type_cont_trav"])));
        var mobilitiesTask = Task.Run(() => Read(P("rubrique_mobilite"), r => (Code: r["code_rome"], Target: r["code_rome_cible"], Order: Int(r["numero_ordre"]))));
        var sectorsTask = Task.Run(() =>
        {
            var sectors = Read(P("secteur_activite"), r => new Rome4Sector(Int(r["code_sect_activite"]), r["libelle_sect_activite"], r.Optional("definition_sect_activite"), null));
            sectors.AddRange(Read(P("sous_secteur_activite"), r => new Rome4Sector(Int(r["code_ss_sect_activite"]), r["libelle_ss_sect_activite"], r.Optional("definition_ss_sect_activite"), Int(r["code_sect_activite"]))));
            var tree = Read(P("arborescence_secteur_activite"), r => (Code: r["code_rome"], Sector: Int(r["code_sect_activite"]), SectorLabel: r["libelle_sect_activite"], SubSector: r.Optional("code_ss_sect_activite") is { } sub ? Int(sub) : (int?)null, SubSectorLabel: r["libelle_ss_sect_activite"], Principal: r["principal"] == "oui"));
            return (Sectors: sectors, Tree: tree);
        });
        var interestsTask = Task.Run(() => (
            Centres: Read(P("centre_interet"), r => new Rome4InterestCentre(Int(r["code_centre_interet"]), r["libelle_centre_interet"], r.Optional("definition_centre_interet"))),
            Tree: Read(P("arborescence_centre_interet"), r => (Code: r["code_rome"], Centre: Int(r["code_centre_interet"]), Principal: r["principal"] == "oui"))));
        var nafTask = Task.Run(() => Read(P("arborescence_secteur_naf"), r => (Code: r["code_rome"], Naf: Int(r["code_secteur_naf"]), Label: r["libelle_secteur_naf"]), CsvDialect.RomeLatin9));
        var themesTask = Task.Run(() => (
            Themes: Read(P("themes"), r => KeyValuePair.Create(r["code_theme"], r["libelle_theme"])),
            Tree: Read(P("arborescence_thematique"), r => (Code: r["code_rome"], Theme: r["code_theme"]))));

        Task.WaitAll(sheetsTask, domainsTask, riasecTask, textsTask, appellationsTask, competencesTask, savoirsTask, macroRiasecTask,
            coherenceTask, contextsTask, mobilitiesTask, sectorsTask, interestsTask, nafTask, themesTask);

        var sheets = sheetsTask.Result.ToDictionary(s => s.Code, StringComparer.OrdinalIgnoreCase);
        foreach (var d in domainsTask.Result)
        {
            if (sheets.TryGetValue(d.Code, out var sheet))
            {
                (sheet.GrandDomainCode, sheet.GrandDomainLabel, sheet.DomainCode, sheet.DomainLabel) = (d.Grand, d.GrandLabel, d.Domain, d.DomainLabel);
            }
        }
        foreach (var (code, riasec) in riasecTask.Result)
        {
            if (sheets.TryGetValue(code, out var sheet))
            {
                sheet.Riasec = riasec;
            }
        }
        foreach (var group in textsTask.Result.GroupBy(t => (t.Code, t.Type)))
        {
            if (!sheets.TryGetValue(group.Key.Code, out var sheet))
            {
                continue;
            }
            var text = string.Join("\n", group.OrderBy(t => t.Position).Select(t => t.Text));
            switch (group.Key.Type)
            {
                case "definition":
                    sheet.Definition = text;
                    break;
                case "acces_metier":
                    sheet.AccessToJob = text;
                    break;
            }
        }

        var appellations = appellationsTask.Result;
        foreach (var group in appellations.GroupBy(a => a.SheetCode, StringComparer.OrdinalIgnoreCase))
        {
            if (sheets.TryGetValue(group.Key, out var sheet))
            {
                sheet.AppellationCodes = [.. group.OrderBy(a => a.Principal ? 0 : 1).ThenBy(a => a.Code).Select(a => a.Code)];
            }
        }

        var items = new Dictionary<int, Rome4Item>(competencesTask.Result.Count + savoirsTask.Result.Count);
        foreach (var item in competencesTask.Result.Concat(savoirsTask.Result))
        {
            items[item.Code] = item;
        }
        foreach (var (code, riasec) in macroRiasecTask.Result)
        {
            if (items.TryGetValue(code, out var item))
            {
                item.Riasec = riasec;
            }
        }

        var contexts = contextsTask.Result.Select(c => c.Code).ToHashSet();
        // The export writes every code in capitals: ordinal keys are enough here.
        var sheetItems = new Dictionary<string, List<Rome4SheetItem>>(sheets.Count, StringComparer.Ordinal);
        var sheetContexts = new Dictionary<string, List<int>>(sheets.Count, StringComparer.Ordinal);
        var itemSheets = new Dictionary<int, List<string>>(items.Count);
        foreach (var (code, ogr, core) in coherenceTask.Result)
        {
            if (items.TryGetValue(ogr, out var item))
            {
                Add(sheetItems, code, new Rome4SheetItem(ogr, item.Kind, core));
                Add(itemSheets, ogr, code);
            }
            else if (contexts.Contains(ogr))
            {
                Add(sheetContexts, code, ogr);
            }
        }
        foreach (var (code, list) in sheetItems)
        {
            if (sheets.TryGetValue(code, out var sheet))
            {
                // Core items first, then emerging ones, then the rest; the export's order within each.
                sheet.Items = [.. list.OrderBy(i => i.Core switch { Rome4Core.Principal => 0, Rome4Core.Emerging => 1, _ => 2 })];
            }
        }
        foreach (var (code, list) in sheetContexts)
        {
            if (sheets.TryGetValue(code, out var sheet))
            {
                sheet.WorkContexts = [.. list];
            }
        }
        // unix_coherence_item holds each (sheet, item) pair once.
        foreach (var (ogr, list) in itemSheets)
        {
            items[ogr].Sheets = [.. list];
        }

        foreach (var group in mobilitiesTask.Result.GroupBy(m => m.Code, StringComparer.OrdinalIgnoreCase))
        {
            if (sheets.TryGetValue(group.Key, out var sheet))
            {
                sheet.Mobilities = [.. group.OrderBy(m => m.Order).Select(m => m.Target)];
            }
        }

        var (sectors, sectorTree) = sectorsTask.Result;
        var knownSectors = sectors.Select(s => s.Code).ToHashSet();
        // The tree names a few sub-sectors the sub-sector file lacks: keep them, with the tree's label.
        foreach (var row in sectorTree.Where(r => r.SubSector is { } sub && !knownSectors.Contains(sub)).DistinctBy(r => r.SubSector))
        {
            sectors.Add(new Rome4Sector(row.SubSector!.Value, row.SubSectorLabel, null, row.Sector));
            knownSectors.Add(row.SubSector.Value);
        }
        foreach (var row in sectorTree.DistinctBy(r => r.Sector).Where(r => !knownSectors.Contains(r.Sector)))
        {
            sectors.Add(new Rome4Sector(row.Sector, row.SectorLabel, null, null));
            knownSectors.Add(row.Sector);
        }
        foreach (var group in sectorTree.GroupBy(r => r.Code, StringComparer.OrdinalIgnoreCase))
        {
            if (sheets.TryGetValue(group.Key, out var sheet))
            {
                // A sheet sits in a sub-sector, or directly in a sector when the tree gives no sub-sector.
                sheet.Sectors = Memberships(group.Select(r => new Rome4Membership(r.SubSector ?? r.Sector, r.Principal)));
            }
        }

        var (centres, centreTree) = interestsTask.Result;
        foreach (var group in centreTree.GroupBy(r => r.Code, StringComparer.OrdinalIgnoreCase))
        {
            if (sheets.TryGetValue(group.Key, out var sheet))
            {
                sheet.InterestCentres = Memberships(group.Select(r => new Rome4Membership(r.Centre, r.Principal)));
            }
        }

        var naf = nafTask.Result;
        foreach (var group in naf.GroupBy(r => r.Code, StringComparer.OrdinalIgnoreCase))
        {
            if (sheets.TryGetValue(group.Key, out var sheet))
            {
                sheet.NafSectors = [.. group.Select(r => r.Naf).Distinct().Order()];
            }
        }

        var (themes, themeTree) = themesTask.Result;
        foreach (var group in themeTree.GroupBy(r => r.Code, StringComparer.OrdinalIgnoreCase))
        {
            if (sheets.TryGetValue(group.Key, out var sheet))
            {
                sheet.Themes = [.. group.Select(r => r.Theme).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
            }
        }

        return new Rome4Referential(
            sheets.Values,
            appellations,
            items.Values,
            sectors,
            centres,
            naf.DistinctBy(r => r.Naf).Select(r => new Rome4NafSector(r.Naf, r.Label)),
            contextsTask.Result,
            themes);
    }

    private static Rome4Membership[] Memberships(IEnumerable<Rome4Membership> rows) =>
        [.. rows.GroupBy(m => m.Code).Select(g => new Rome4Membership(g.Key, g.Any(m => m.Principal))).OrderBy(m => m.Principal ? 0 : 1).ThenBy(m => m.Code)];

    private static int Int(string s) => int.Parse(s, NumberStyles.None, CultureInfo.InvariantCulture);

    /// <summary>O / N flags; blank (the export leaves many) is unknown.</summary>
    private static bool? Flag(string value) => value switch
    {
        "O" => true,
        "N" => false,
        _ => null,
    };

    private static void Add<TKey, TValue>(Dictionary<TKey, List<TValue>> map, TKey key, TValue value)
        where TKey : notnull
    {
        if (!map.TryGetValue(key, out var list))
        {
            map[key] = list = [];
        }
        list.Add(value);
    }
}
