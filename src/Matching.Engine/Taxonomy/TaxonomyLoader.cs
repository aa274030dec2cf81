using Matching.Engine.Data;

namespace Matching.Engine.Taxonomy;

/// <summary>Loads <see cref="SkillsTaxonomy"/> from the reference data folder (see shared/data/README.md).</summary>
public static class TaxonomyLoader
{
    /// <param name="cacheDirectory">Where the computed ROME 4.0 - ESCO alignment is kept between starts (Coach:CachePath); null computes it each time.</param>
    public static SkillsTaxonomy Load(string dataPath, string? cacheDirectory = null)
    {
        string P(string relative) => Path.Combine(dataPath, relative);

        // Independent files are parsed in parallel; the links between them are resolved afterwards.
        var skillsTask = Task.Run(() => ReadSkills(P("esco/en/skills_en.csv")));
        var skillsFrTask = Task.Run(() => CsvFile.Read(P("esco/fr/skills_fr.csv")).Select(r => (Uri: r["conceptUri"], Label: r.Optional("preferredLabel_fr"), Alt: CsvFile.SplitLabels(r.Optional("altLabels_fr")))).ToList());
        var occupationsTask = Task.Run(() => ReadOccupations(P("esco/en/occupations_en.csv")));
        var occupationsFrTask = Task.Run(() => CsvFile.Read(P("esco/fr/occupations_fr.csv")).Select(r => (Uri: r["conceptUri"], Label: r["preferredLabel"], Alt: CsvFile.SplitLabels(r.Optional("altLabels")))).ToList());
        var occSkillTask = Task.Run(() => CsvFile.Read(P("esco/relations/occupationSkillRelations.csv")).Select(r => (Occ: r["occupationUri"], Skill: r["skillUri"], Essential: r["relationType"] == "essential")).ToList());
        var skillSkillTask = Task.Run(() => CsvFile.Read(P("esco/relations/skillSkillRelations.csv")).Select(r => (From: r["originalSkillUri"], To: r["relatedSkillUri"], Essential: r["relationType"] == "essential")).ToList());
        var broaderSkillTask = Task.Run(() => CsvFile.Read(P("esco/relations/broaderRelationsSkillPillar.csv")).Select(r => (Uri: r["conceptUri"], Broader: r["broaderUri"], BroaderType: r["broaderType"])).ToList());
        var broaderOccTask = Task.Run(() => CsvFile.Read(P("esco/relations/broaderRelationsOccPillar.csv")).Where(r => r["conceptType"] == "Occupation" && r["broaderType"] == "Occupation").Select(r => (Uri: r["conceptUri"], Broader: r["broaderUri"])).ToList());
        var groupsTask = Task.Run(() => ReadSkillGroups(P("esco/en/skillGroups_en.csv"), P("esco/fr/skillGroups_fr.csv")));
        var romeTask = Task.Run(() => ReadRome(dataPath));
        var rome4Task = Task.Run(() => Rome4Loader.Load(dataPath));
        var collectionsTask = Task.Run(() => new[]
            {
                ("digitalSkillsCollection_en.csv", SkillCollections.Digital), ("languageSkillsCollection_en.csv", SkillCollections.Language),
                ("transversalSkillsCollection_en.csv", SkillCollections.Transversal), ("greenSkillsCollection_en.csv", SkillCollections.Green),
            }
            .SelectMany(c => CsvFile.Read(P("esco/en/" + c.Item1)).Select(r => (Uri: r["conceptUri"], Collection: c.Item2)))
            .ToList());
        var crosswalkTask = Task.Run(() => CsvFile.Read(P("crosswalks/esco_rome_v1.4_2023-06-07.csv"), new CsvDialect(HeaderStartsWith: "classification 1 ID"))
            .Select(r => (Occ: r["classification 1 ID"], Title: int.Parse(r["classification 2 ID"], System.Globalization.CultureInfo.InvariantCulture), Match: ParseMatch(r["mapping relation"]))).ToList());

        Task.WaitAll(skillsTask, skillsFrTask, occupationsTask, occupationsFrTask, occSkillTask, skillSkillTask, broaderSkillTask, broaderOccTask, groupsTask, romeTask, rome4Task, collectionsTask, crosswalkTask);

        var skills = skillsTask.Result;
        var skillIds = new Dictionary<string, int>(skills.Length, StringComparer.Ordinal);
        foreach (var s in skills)
        {
            skillIds[s.Uri] = s.Id;
        }
        foreach (var (uri, label, alt) in skillsFrTask.Result)
        {
            if (skillIds.TryGetValue(uri, out var id))
            {
                skills[id].LabelFr = label;
                skills[id].AltLabelsFr = alt;
            }
        }

        foreach (var (uri, collection) in collectionsTask.Result)
        {
            if (skillIds.TryGetValue(uri, out var id))
            {
                skills[id].Collections |= collection;
            }
        }

        var occupations = occupationsTask.Result;
        var occIds = new Dictionary<string, int>(occupations.Length, StringComparer.Ordinal);
        foreach (var o in occupations)
        {
            occIds[o.Uri] = o.Id;
        }
        foreach (var (uri, label, alt) in occupationsFrTask.Result)
        {
            if (occIds.TryGetValue(uri, out var id))
            {
                occupations[id].LabelFr = label;
                occupations[id].AltLabelsFr = alt;
            }
        }

        // Occupation -> skills.
        var essential = new List<int>[occupations.Length];
        var optional = new List<int>[occupations.Length];
        var links = 0;
        foreach (var (occ, skill, isEssential) in occSkillTask.Result)
        {
            if (!occIds.TryGetValue(occ, out var o) || !skillIds.TryGetValue(skill, out var s))
            {
                continue;
            }
            links++;
            var list = isEssential ? (essential[o] ??= []) : (optional[o] ??= []);
            list.Add(s);
        }
        foreach (var o in occupations)
        {
            o.EssentialSkills = essential[o.Id]?.Distinct().ToArray() ?? [];
            o.OptionalSkills = optional[o.Id]?.Distinct().ToArray() ?? [];
        }

        // Skill <-> related skill, both directions: a relation helps matching whichever side holds it.
        var related = new Dictionary<int, List<SkillLink>>();
        foreach (var (from, to, isEssential) in skillSkillTask.Result)
        {
            if (!skillIds.TryGetValue(from, out var a) || !skillIds.TryGetValue(to, out var b) || a == b)
            {
                continue;
            }
            var type = isEssential ? SkillRelationType.Essential : SkillRelationType.Optional;
            AddLink(related, a, new SkillLink(b, type));
            AddLink(related, b, new SkillLink(a, type));
        }
        foreach (var (id, list) in related)
        {
            skills[id].Related = list.DistinctBy(l => l.SkillId).ToArray();
        }

        // Skill hierarchy: skill -> broader skill, and skill -> skill group.
        var broader = new Dictionary<int, List<int>>();
        var narrower = new Dictionary<int, List<int>>();
        var groups = new Dictionary<int, List<string>>();
        foreach (var (uri, broaderUri, broaderType) in broaderSkillTask.Result)
        {
            if (!skillIds.TryGetValue(uri, out var s))
            {
                continue;
            }
            if (broaderType == "KnowledgeSkillCompetence" && skillIds.TryGetValue(broaderUri, out var b))
            {
                Add(broader, s, b);
                Add(narrower, b, s);
            }
            else
            {
                Add(groups, s, broaderUri);
            }
        }
        foreach (var (id, list) in broader)
        {
            skills[id].Broader = [.. list.Distinct()];
        }
        foreach (var (id, list) in narrower)
        {
            skills[id].Narrower = [.. list.Distinct()];
        }
        foreach (var (id, list) in groups)
        {
            skills[id].Groups = [.. list.Distinct()];
        }

        // Occupation hierarchy.
        var occBroader = new Dictionary<int, List<int>>();
        var occNarrower = new Dictionary<int, List<int>>();
        foreach (var (uri, broaderUri) in broaderOccTask.Result)
        {
            if (occIds.TryGetValue(uri, out var o) && occIds.TryGetValue(broaderUri, out var b))
            {
                Add(occBroader, o, b);
                Add(occNarrower, b, o);
            }
        }
        foreach (var (id, list) in occBroader)
        {
            occupations[id].Broader = [.. list.Distinct()];
        }
        foreach (var (id, list) in occNarrower)
        {
            occupations[id].Narrower = [.. list.Distinct()];
        }

        // ESCO-ROME crosswalk: ROME title (code_ogr) <-> ESCO occupation.
        var (romeJobs, romeTitles, romeSkills) = romeTask.Result;
        var crosswalk = new List<CrosswalkLink>(crosswalkTask.Result.Count);
        foreach (var (occ, titleCode, match) in crosswalkTask.Result)
        {
            if (occIds.TryGetValue(occ, out var o) && romeTitles.TryGetValue(titleCode, out var title))
            {
                crosswalk.Add(new CrosswalkLink(o, titleCode, title.RomeCode, match));
            }
        }
        foreach (var group in crosswalk.GroupBy(l => l.OccupationId))
        {
            var ordered = group.OrderBy(l => l.Match).ThenBy(l => l.RomeTitleCode).ToArray();
            occupations[group.Key].RomeTitles = ordered;
            occupations[group.Key].RomeCodes = ordered.Select(l => l.RomeCode).Distinct(StringComparer.Ordinal).ToArray();
        }
        foreach (var group in crosswalk.GroupBy(l => l.RomeTitleCode))
        {
            romeTitles[group.Key].Occupations = group.OrderBy(l => l.Match).ThenBy(l => l.OccupationId).ToArray();
        }
        foreach (var group in crosswalk.GroupBy(l => l.RomeCode, StringComparer.Ordinal))
        {
            if (romeJobs.TryGetValue(group.Key, out var job))
            {
                job.Occupations = group.OrderBy(l => l.Match).ThenBy(l => l.OccupationId).Select(l => l.OccupationId).Distinct().ToArray();
            }
        }

        // The crosswalk's titles (code_ogr) are stable across ROME versions: the same links reach ROME 4.0.
        var rome4 = rome4Task.Result;
        var crosswalk4 = new List<CrosswalkLink>(crosswalkTask.Result.Count);
        foreach (var (occ, titleCode, match) in crosswalkTask.Result)
        {
            if (occIds.TryGetValue(occ, out var o) && rome4.Appellation(titleCode) is { } appellation)
            {
                crosswalk4.Add(new CrosswalkLink(o, titleCode, appellation.SheetCode, match));
            }
        }
        foreach (var group in crosswalk4.GroupBy(l => l.RomeTitleCode))
        {
            rome4.Appellation(group.Key)!.Occupations = [.. group.OrderBy(l => l.Match).ThenBy(l => l.OccupationId)];
        }
        foreach (var group in crosswalk4.GroupBy(l => l.OccupationId))
        {
            occupations[group.Key].Rome4Codes = [.. group.OrderBy(l => l.Match).ThenBy(l => l.RomeTitleCode).Select(l => l.RomeCode).Distinct(StringComparer.Ordinal)];
        }
        foreach (var group in crosswalk4.GroupBy(l => l.RomeCode, StringComparer.OrdinalIgnoreCase))
        {
            rome4.Sheet(group.Key)!.Occupations = [.. group.OrderBy(l => l.Match).ThenBy(l => l.OccupationId).Select(l => l.OccupationId).Distinct()];
        }

        // ROME 4.0 competences and savoirs become skills of the one taxonomy, after the ESCO ones.
        var escoCount = skills.Length;
        var (allSkills, romeItems) = AppendRome4Skills(skills, rome4);
        var alignment = SkillAligner.Cached(dataPath, cacheDirectory, allSkills.Length, () =>
            SkillAligner.Align(allSkills, escoCount, romeItems, rome4, occupations, code => romeJobs.TryGetValue(code, out var job) ? job.Occupations : []));
        foreach (var group in alignment.GroupBy(l => l.RomeSkillId))
        {
            allSkills[group.Key].Aligned = [.. group.Select(l => l.EscoSkillId)];
        }
        foreach (var group in alignment.GroupBy(l => l.EscoSkillId))
        {
            allSkills[group.Key].Aligned = [.. group.Select(l => l.RomeSkillId).Order()];
        }

        return new SkillsTaxonomy(allSkills, occupations, romeJobs.Values, romeTitles.Values, romeSkills, groupsTask.Result, [.. crosswalk], occSkillTask.Result.Count, links, rome4)
        {
            EscoSkillCount = escoCount,
            Alignment = alignment,
        };
    }

    /// <summary>
    /// The ESCO skills followed by one skill per ROME 4.0 item (competences then savoirs, by code_ogr), with
    /// French labels only; a competence is narrower than its macro-competence.
    /// </summary>
    private static (Skill[] Skills, Rome4Item[] Items) AppendRome4Skills(Skill[] esco, Rome4Referential rome4)
    {
        var items = rome4.Items.OrderBy(i => i.Kind == Rome4ItemKind.Savoir ? 1 : 0).ThenBy(i => i.Code).ToArray();
        var all = new Skill[esco.Length + items.Length];
        esco.CopyTo(all, 0);
        for (var i = 0; i < items.Length; i++)
        {
            var item = items[i];
            var id = esco.Length + i;
            item.SkillId = id;
            all[id] = new Skill
            {
                Id = id,
                Uri = item.SkillUri,
                Scheme = SkillScheme.Rome4,
                LabelEn = item.Label,
                LabelFr = item.Label,
                AltLabelsEn = [],
                Type = item.Kind == Rome4ItemKind.Savoir ? SkillType.Knowledge : SkillType.SkillCompetence,
                Reuse = item.Kind == Rome4ItemKind.SavoirEtre || item.Category == "Transverse" ? ReuseLevel.Transversal : ReuseLevel.Unknown,
                Description = item.Definition,
            };
        }
        var narrower = new Dictionary<int, List<int>>();
        foreach (var item in items)
        {
            if (item.MacroCode is { } macroCode && rome4.Item(macroCode) is { SkillId: >= 0 } macro && macro.SkillId != item.SkillId)
            {
                all[item.SkillId].Broader = [macro.SkillId];
                Add(narrower, macro.SkillId, item.SkillId);
            }
        }
        foreach (var (id, list) in narrower)
        {
            all[id].Narrower = [.. list];
        }
        return (all, items);
    }

    private static Skill[] ReadSkills(string path)
    {
        var list = new List<Skill>(14_000);
        foreach (var r in CsvFile.Read(path))
        {
            list.Add(new Skill
            {
                Id = list.Count,
                Uri = r["conceptUri"],
                LabelEn = r["preferredLabel"],
                AltLabelsEn = CsvFile.SplitLabels(r.Optional("altLabels")),
                Type = r["skillType"] switch
                {
                    "skill/competence" => SkillType.SkillCompetence,
                    "knowledge" => SkillType.Knowledge,
                    _ => SkillType.Unknown,
                },
                Reuse = r["reuseLevel"] switch
                {
                    "transversal" => ReuseLevel.Transversal,
                    "cross-sector" => ReuseLevel.CrossSector,
                    "sector-specific" => ReuseLevel.SectorSpecific,
                    "occupation-specific" => ReuseLevel.OccupationSpecific,
                    _ => ReuseLevel.Unknown,
                },
                Description = r.Optional("description"),
            });
        }
        return [.. list];
    }

    private static Occupation[] ReadOccupations(string path)
    {
        var list = new List<Occupation>(3_100);
        foreach (var r in CsvFile.Read(path))
        {
            list.Add(new Occupation
            {
                Id = list.Count,
                Uri = r["conceptUri"],
                IscoGroup = r["iscoGroup"],
                Code = r["code"],
                LabelEn = r["preferredLabel"],
                AltLabelsEn = CsvFile.SplitLabels(r.Optional("altLabels")),
                Description = r.Optional("description"),
            });
        }
        return [.. list];
    }

    private static List<SkillGroup> ReadSkillGroups(string enPath, string frPath)
    {
        var fr = CsvFile.Read(frPath).ToDictionary(r => r["conceptUri"], r => r["preferredLabel"], StringComparer.Ordinal);
        return CsvFile.Read(enPath)
            .Select(r => new SkillGroup(r["conceptUri"], r["code"], r["preferredLabel"], fr.GetValueOrDefault(r["conceptUri"])))
            .ToList();
    }

    private static (Dictionary<string, RomeJob> Jobs, Dictionary<int, RomeTitle> Titles, List<RomeSkill> Skills) ReadRome(string dataPath)
    {
        string P(string file) => Path.Combine(dataPath, "rome", file);
        static int Int(string s) => int.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

        var jobs = CsvFile.Read(P("unix_referentiel_code_rome_v347_utf8.csv"), CsvDialect.Rome)
            .Select(r => new RomeJob { Code = r["code_rome"], Title = r["libelle_rome"] })
            .ToDictionary(j => j.Code, StringComparer.OrdinalIgnoreCase);
        var titles = CsvFile.Read(P("unix_referentiel_appellation_v347_utf8.csv"), CsvDialect.Rome)
            .Select(r => new RomeTitle(Int(r["code_ogr"]), r["libelle_appellation_long"], r["libelle_appellation_court"], r["code_rome"]))
            .ToDictionary(t => t.Code);
        var skills = CsvFile.Read(P("unix_referentiel_competence_v347_utf8.csv"), CsvDialect.Rome)
            .Select(r => new RomeSkill(Int(r["code_ogr"]), r["libelle_competence"], r["libelle_type_competence"]))
            .ToList();
        var skillCodes = skills.Select(s => s.Code).ToHashSet();

        foreach (var group in titles.Values.GroupBy(t => t.RomeCode, StringComparer.OrdinalIgnoreCase))
        {
            if (jobs.TryGetValue(group.Key, out var job))
            {
                job.TitleCodes = group.Select(t => t.Code).Order().ToArray();
            }
        }

        var jobSkills = new Dictionary<string, List<int>>(StringComparer.OrdinalIgnoreCase);
        foreach (var r in CsvFile.Read(P("unix_liens_rome_referentiels_v347_utf8.csv"), CsvDialect.Rome))
        {
            var code = Int(r["code_ogr"]);
            if (skillCodes.Contains(code))
            {
                Add(jobSkills, r["code_rome"], code);
            }
        }
        foreach (var (rome, list) in jobSkills)
        {
            if (jobs.TryGetValue(rome, out var job))
            {
                job.SkillCodes = [.. list.Distinct().Order()];
            }
        }

        foreach (var r in CsvFile.Read(P("unix_referentiel_code_rome_riasec_v347_utf8.csv"), CsvDialect.Rome))
        {
            if (jobs.TryGetValue(r["code_rome"], out var job))
            {
                job.Riasec = r["riasec_majeur"] + r["riasec_mineur"];
            }
        }

        foreach (var group in CsvFile.Read(P("unix_texte_v347_utf8.csv"), CsvDialect.Rome)
            .Select(r => (Rome: r["code_rome"], Type: r["libelle_type_texte"], Position: Int(r["position_libelle_txt"]), Text: r["libelle_texte"]))
            .GroupBy(t => (t.Rome, t.Type)))
        {
            if (!jobs.TryGetValue(group.Key.Rome, out var job))
            {
                continue;
            }
            var text = string.Join("\n", group.OrderBy(t => t.Position).Select(t => t.Text));
            switch (group.Key.Type)
            {
                case "definition":
                    job.Definition = text;
                    break;
                case "acces_a_em":
                case "acces_a_l_emploi":
                    job.AccessConditions = text;
                    break;
            }
        }

        return (jobs, titles, skills);
    }

    private static CrosswalkMatch ParseMatch(string relation) => relation.Trim() switch
    {
        "skos:exactMatch" => CrosswalkMatch.Exact,
        "skos:closeMatch" => CrosswalkMatch.Close,
        "skos:narrowMatch" => CrosswalkMatch.Narrow,
        _ => CrosswalkMatch.Broad,
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

    private static void AddLink(Dictionary<int, List<SkillLink>> map, int key, SkillLink link) => Add(map, key, link);
}
