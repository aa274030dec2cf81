using System.Runtime.CompilerServices;
using Matching.Engine.Taxonomy;

namespace Matching.Engine.Indexing;

/// <summary>
/// Which supplied skills can meet a demanded skill, with their credit and kind, built once from the
/// taxonomy as compressed sparse rows. A demanded skill X is met by X itself (Exact, 1.0), by the skill
/// of the other taxonomy it is aligned to (ROME 4.0 ↔ ESCO, or a quality and its twin: Aligned, 0.9), by one of its narrower skills
/// (the supplier is more specific: Narrower, 0.8), by one of its broader skills (Broader, 0.6) or by an
/// ESCO related skill (Related, 0.5). When a supplied skill reaches X in several ways only the best
/// credit is kept, and every row is sorted by descending credit, so the exact edge is always first and
/// "the first meeter the supplier has" is the best way X is met. Exact and aligned edges (credit ≥
/// <see cref="SameSkillCredit"/>) name the same skill: they count without related skills and in the
/// scorer's SupplyUse. Skill ids are opaque dense ints and every edge comes from the taxonomy's data.
/// </summary>
/// <remarks>
/// Credits are held as integer hundredths (<see cref="CreditUnit"/>): sums of them are exact whatever
/// the order of accumulation, which is what makes both match directions give bit-identical scores.
/// </remarks>
public sealed class SkillGraph
{
    /// <summary>Credit of a full (exact) match in the integer unit used by the index.</summary>
    public const int CreditUnit = 100;

    /// <summary>Credits from this one up (exact, aligned) mean "the same skill", in either taxonomy.</summary>
    public const int SameSkillCredit = 90;

    private readonly int[] _meetOffsets;
    private readonly int[] _meetSkills;
    private readonly byte[] _meetCredits;
    private readonly SkillMatchKind[] _meetKinds;
    private readonly int[] _metOffsets;
    private readonly int[] _metSkills;
    private readonly byte[] _metCredits;
    private readonly SkillMatchKind[] _metKinds;

    public SkillGraph(SkillsTaxonomy taxonomy)
    {
        var n = taxonomy.Skills.Count;
        SkillCount = n;
        var rows = new List<(int Skill, byte Credit, SkillMatchKind Kind)>[n];
        var best = new Dictionary<int, (byte Credit, SkillMatchKind Kind)>();
        var total = 0;
        for (var x = 0; x < n; x++)
        {
            best.Clear();
            var skill = taxonomy.Skills[x];
            Offer(best, x, SkillMatchKind.Exact);
            foreach (var narrower in skill.Narrower)
            {
                Offer(best, narrower, SkillMatchKind.Narrower);
            }
            foreach (var broader in skill.Broader)
            {
                Offer(best, broader, SkillMatchKind.Broader);
            }
            foreach (var related in skill.Related)
            {
                Offer(best, related.SkillId, SkillMatchKind.Related);
            }
            foreach (var aligned in skill.Aligned)
            {
                Offer(best, aligned, SkillMatchKind.Aligned);
            }
            // A quality and the skills that say it in other words ("Avoir l'esprit d'équipe", ESCO's "travailler en équipe") meet as aligned.
            if (taxonomy.QualityTwinOf(skill) is { } quality)
            {
                Offer(best, quality.Id, SkillMatchKind.Aligned);
            }
            foreach (var twin in taxonomy.TwinsOfQuality(skill))
            {
                Offer(best, twin.Id, SkillMatchKind.Aligned);
            }
            var row = best.Select(kv => (Skill: kv.Key, kv.Value.Credit, kv.Value.Kind)).ToList();
            row.Sort((a, b) => a.Credit != b.Credit ? b.Credit.CompareTo(a.Credit) : a.Skill.CompareTo(b.Skill));
            rows[x] = row;
            total += row.Count;
        }

        (_meetOffsets, _meetSkills, _meetCredits, _meetKinds) = ToCsr(rows, total);

        var reverse = new List<(int Skill, byte Credit, SkillMatchKind Kind)>[n];
        for (var s = 0; s < n; s++)
        {
            reverse[s] = [];
        }
        for (var x = 0; x < n; x++)
        {
            foreach (var (s, credit, kind) in rows[x])
            {
                reverse[s].Add((x, credit, kind));
            }
        }
        foreach (var row in reverse)
        {
            row.Sort((a, b) => a.Credit != b.Credit ? b.Credit.CompareTo(a.Credit) : a.Skill.CompareTo(b.Skill));
        }
        (_metOffsets, _metSkills, _metCredits, _metKinds) = ToCsr(reverse, total);
        EdgeCount = total;
    }

    public int SkillCount { get; }

    /// <summary>Edges of the graph, exact ones included.</summary>
    public int EdgeCount { get; }

    /// <summary>The credit of a kind of match, as a share of a full match.</summary>
    public static double Credit(SkillMatchKind kind) => CreditUnits(kind) / (double)CreditUnit;

    public static byte CreditUnits(SkillMatchKind kind) => kind switch
    {
        SkillMatchKind.Exact => 100,
        SkillMatchKind.Aligned => 90,
        SkillMatchKind.Narrower => 80,
        SkillMatchKind.Broader => 60,
        SkillMatchKind.Related => 50,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>Supplied skills that meet demanded skill <paramref name="demandedSkill"/>, best credit first (the exact and aligned edges alone when related skills are not allowed).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public SkillEdges MeetersOf(int demandedSkill, bool allowRelated = true) =>
        Row(_meetOffsets, _meetSkills, _meetCredits, _meetKinds, demandedSkill, allowRelated);

    /// <summary>Demanded skills that supplied skill <paramref name="suppliedSkill"/> meets, best credit first (itself and its aligned skills alone when related skills are not allowed).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public SkillEdges DemandsMetBy(int suppliedSkill, bool allowRelated = true) =>
        Row(_metOffsets, _metSkills, _metCredits, _metKinds, suppliedSkill, allowRelated);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private SkillEdges Row(int[] offsets, int[] skills, byte[] credits, SkillMatchKind[] kinds, int skill, bool allowRelated)
    {
        if ((uint)skill >= (uint)SkillCount)
        {
            throw new ArgumentOutOfRangeException(nameof(skill), skill, "Not a skill id of the taxonomy.");
        }
        var start = offsets[skill];
        var end = offsets[skill + 1];
        var length = end - start;
        if (!allowRelated)
        {
            // Rows are sorted by credit: the exact edge (every skill has one) then the aligned ones lead.
            length = 1;
            while (start + length < end && credits[start + length] >= SameSkillCredit)
            {
                length++;
            }
        }
        return new SkillEdges(skills.AsSpan(start, length), credits.AsSpan(start, length), kinds.AsSpan(start, length));
    }

    private static void Offer(Dictionary<int, (byte Credit, SkillMatchKind Kind)> best, int skill, SkillMatchKind kind)
    {
        var credit = CreditUnits(kind);
        if (!best.TryGetValue(skill, out var current) || current.Credit < credit)
        {
            best[skill] = (credit, kind);
        }
    }

    private static (int[] Offsets, int[] Skills, byte[] Credits, SkillMatchKind[] Kinds) ToCsr(List<(int Skill, byte Credit, SkillMatchKind Kind)>[] rows, int total)
    {
        var offsets = new int[rows.Length + 1];
        var skills = new int[total];
        var credits = new byte[total];
        var kinds = new SkillMatchKind[total];
        var at = 0;
        for (var i = 0; i < rows.Length; i++)
        {
            offsets[i] = at;
            foreach (var (skill, credit, kind) in rows[i])
            {
                skills[at] = skill;
                credits[at] = credit;
                kinds[at] = kind;
                at++;
            }
        }
        offsets[rows.Length] = at;
        return (offsets, skills, credits, kinds);
    }
}

/// <summary>One row of <see cref="SkillGraph"/>: parallel spans of skill ids, credits (hundredths) and kinds.</summary>
public readonly ref struct SkillEdges(ReadOnlySpan<int> skills, ReadOnlySpan<byte> credits, ReadOnlySpan<SkillMatchKind> kinds)
{
    public ReadOnlySpan<int> Skills { get; } = skills;

    public ReadOnlySpan<byte> Credits { get; } = credits;

    public ReadOnlySpan<SkillMatchKind> Kinds { get; } = kinds;

    public int Length => Skills.Length;
}
