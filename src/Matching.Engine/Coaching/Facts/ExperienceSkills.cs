using Matching.Engine.Coaching.Questionnaire;
using Matching.Engine.Indexing;
using Matching.Engine.Taxonomy;

namespace Matching.Engine.Coaching.Facts;

/// <summary>A job the seeker practised, resolved to an occupation: a past job, or the target when they have done it.</summary>
/// <param name="Label">The words the seeker used (or the occupation's label).</param>
public sealed record PractisedJob(string Label, Occupation Occupation);

/// <summary>A skill the seeker has from experience, and the job that brings it.</summary>
public sealed record ExperienceSkill(string SkillUri, string FromJob);

/// <summary>
/// The seeker's skills as Coach counts them. Past jobs, and the target job when the seeker has experience in it,
/// bring their core skills (the occupation's essential skills; the matches add the ROME 4.0 sheet's core items), marked "from experience"
/// (<see cref="SkillEvidence.PastJob"/>) and shown ticked; the seeker unticks those they lack
/// (<see cref="SeekerProfile.DeclinedSkills"/>). An unticked skill is never counted.
/// </summary>
public static class ExperienceSkills
{
    /// <summary>The jobs that count as experience: past jobs with more than 0 years (or years unknown), and the target
    /// when <see cref="SeekerProfile.YearsOfExperienceInTarget"/> is above 0. Resolving a job is the caller's.</summary>
    public static IReadOnlyList<PractisedJob> Practised(SeekerProfile profile, Occupation? target, Func<PastJob, Occupation?> resolvePastJob)
    {
        var jobs = new List<PractisedJob>();
        if (target is not null && profile.YearsOfExperienceInTarget > 0)
        {
            jobs.Add(new(profile.TargetJobs?.FirstOrDefault()?.Label is { Length: > 0 } typed ? typed : target.Label("fr"), target));
        }
        foreach (var job in profile.PastJobs ?? [])
        {
            if (job is null || job.Years is <= 0)
            {
                continue;
            }
            if (resolvePastJob(job) is { } occupation && jobs.TrueForAll(j => j.Occupation.Id != occupation.Id))
            {
                jobs.Add(new(job.Label is { Length: > 0 } label ? label : occupation.Label("fr"), occupation));
            }
        }
        return jobs;
    }

    /// <summary>The core skills of the practised jobs, each once (first job first).</summary>
    public static IReadOnlyList<ExperienceSkill> Of(SkillsTaxonomy taxonomy, IEnumerable<PractisedJob> jobs)
    {
        var seen = new HashSet<int>();
        var skills = new List<ExperienceSkill>();
        foreach (var job in jobs)
        {
            foreach (var id in job.Occupation.EssentialSkills)
            {
                if (seen.Add(id))
                {
                    skills.Add(new(taxonomy.Skills[id].Uri, job.Label));
                }
            }
        }
        return skills;
    }

    /// <summary>
    /// The skills the seeker declined, with their twins in the other scheme (<see cref="Skill.Aligned"/>: the ROME 4.0 item
    /// and the ESCO skill the alignment says are the same thing). The questionnaire shows one of the two; unticking it
    /// declines both, so experience never brings back through the other scheme what the seeker said they lack.
    /// </summary>
    public static HashSet<string> Declined(SkillsTaxonomy taxonomy, SeekerProfile profile)
    {
        ArgumentNullException.ThrowIfNull(taxonomy);
        ArgumentNullException.ThrowIfNull(profile);
        var declined = new HashSet<string>(StringComparer.Ordinal);
        foreach (var uri in profile.DeclinedSkills ?? [])
        {
            if (uri is null || !declined.Add(uri) || taxonomy.SkillByUri(uri) is not { } skill)
            {
                continue;
            }
            foreach (var twin in skill.Aligned)
            {
                declined.Add(taxonomy.Skills[twin].Uri);
            }
        }
        return declined;
    }

    /// <summary>
    /// The skills that count: the ticked skills the seeker gave, then the skills from experience, except every
    /// declined (unticked) one and, for those from experience, its twin in the other scheme (<see cref="Declined"/>). A skill the seeker gave keeps its evidence; one only from experience is
    /// <see cref="SkillEvidence.PastJob"/>.
    /// </summary>
    public static IReadOnlyList<OfferedSkill> Counted(SkillsTaxonomy taxonomy, SeekerProfile profile, IEnumerable<ExperienceSkill> fromExperience)
    {
        var declined = (profile.DeclinedSkills ?? []).ToHashSet(StringComparer.Ordinal);
        var skills = new Dictionary<string, OfferedSkill>(StringComparer.Ordinal);
        foreach (var skill in profile.Skills ?? [])
        {
            if (skill is not null && !declined.Contains(skill.Uri) && taxonomy.SkillByUri(skill.Uri) is not null)
            {
                skills.TryAdd(skill.Uri, new OfferedSkill(skill.Uri, skill.Evidence));
            }
        }
        var declinedWithTwins = Declined(taxonomy, profile);
        foreach (var skill in fromExperience)
        {
            if (!declinedWithTwins.Contains(skill.SkillUri))
            {
                skills.TryAdd(skill.SkillUri, new OfferedSkill(skill.SkillUri, SkillEvidence.PastJob));
            }
        }
        return [.. skills.Values];
    }
}
