using Matching.Engine.Access;
using Matching.Engine.Coaching;
using Matching.Engine.Coaching.Questionnaire;
using Matching.Engine.Hosting;
using Matching.Engine.Indexing;
using Matching.Engine.Scoring;
using Matching.Engine.Taxonomy;

namespace Matching.Engine.Portfolio;

public sealed record ProofView(long Id, SkillEvidence Kind, string? Detail, string? By, DateTimeOffset? At);

/// <summary>A skill of the portfolio: its strongest evidence and every piece of it.</summary>
public sealed record PortfolioSkill(SkillRef Skill, SkillEvidence Evidence, IReadOnlyList<ProofView> Proofs);

/// <summary>An invitation as the seeker sees it (the link is theirs to send).</summary>
public sealed record InvitationView(string Token, string ColleagueName, IReadOnlyList<SkillRef> Skills, DateTimeOffset CreatedAt, DateTimeOffset? AnsweredAt, string Link);

public sealed record PortfolioView(string SeekerId, IReadOnlyList<PortfolioSkill> Skills, IReadOnlyList<InvitationView> Invitations);

/// <summary>Evidence the seeker (or their adviser) adds: a past job or a training, naming which.</summary>
public sealed record ProofInput(string? SkillUri, SkillEvidence? Kind, string? Detail);

/// <summary>A seeker's invitation to a former colleague.</summary>
public sealed record InviteInput(string? FromName, string? ColleagueName, string? Context, IReadOnlyList<string>? SkillUris);

/// <summary>What the colleague sees through the link: who asks, where they worked together, the skills.</summary>
public sealed record EndorsementRequestView(string FromName, string ColleagueName, string? Context, IReadOnlyList<SkillRef> Skills);

/// <summary>The colleague's answer: the skills they confirm (the others are declined), and the name they sign with.</summary>
public sealed record EndorsementAnswer(IReadOnlyList<string>? Confirmed, string? SignedAs);

/// <summary>How the colleague's answer was taken.</summary>
public sealed record EndorsementResult(int Confirmed, int Declined);

/// <summary>
/// A seeker's skills portfolio: each skill with its evidence (declared; from a past job, which; from a training or
/// diploma, which; confirmed by an adviser, who and when; endorsed by a former colleague through a link, who
/// needs no account). The evidence goes into the matching profile (<see cref="OfferedSkill.Evidence"/>, the
/// strongest), where it weighs in the scores recruiters see, and on the candidate card. The seeker and their
/// adviser read it (the adviser's reads are audited); an adviser confirms a skill of their caseload.
/// </summary>
public sealed class SkillPortfolio(
    SeekerAccess access, SeekerStore seekers, SkillProofs proofs, IMatchIndex index, ReferenceDataProvider referenceData, TimeProvider time,
    Caching.ICoachCache cache)
{
    public const int MaxTextLength = 120;
    public const int MaxInviteSkills = 20;
    public const int MaxProofs = 500;
    public const string EndorseRoute = "/endorse";

    public async Task<Outcome<PortfolioView>> GetAsync(CoachUser caller, string seekerId, string language, CancellationToken cancellationToken = default)
    {
        var profile = await access.ReadAsync(caller, seekerId, "skills portfolio", "skills and evidence", () => index.GetProfileAsync(seekerId, cancellationToken));
        return profile is null ? Outcome.NotFound("profile", seekerId) : Outcome.Ok(View(profile, language));
    }

    /// <summary>Evidence from a past job or a training, naming which: the seeker, their adviser, an admin.</summary>
    public async Task<Outcome<PortfolioView>> AddProofAsync(CoachUser caller, string seekerId, ProofInput input, string language, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!access.CanWrite(caller, seekerId) || await index.GetProfileAsync(seekerId, cancellationToken) is null)
        {
            return Outcome.NotFound("profile", seekerId);
        }
        var errors = new Dictionary<string, string[]>();
        if (Taxonomy.SkillByUri(input.SkillUri ?? "") is null)
        {
            errors["skillUri"] = ["Unknown skill URI."];
        }
        if (input.Kind is not (SkillEvidence.PastJob or SkillEvidence.Training))
        {
            errors["kind"] = ["A seeker's evidence is PastJob or Training (an adviser confirms, a colleague endorses)."];
        }
        if (TextError(input.Detail, required: true) is { } detailError)
        {
            errors["detail"] = [detailError];
        }
        if (errors.Count > 0)
        {
            return Outcome.Invalid(errors);
        }
        if (proofs.Of(seekerId).Count >= MaxProofs)
        {
            return Outcome.Invalid("skillUri", $"At most {MaxProofs} pieces of evidence.");
        }
        proofs.Add(seekerId, input.SkillUri!, input.Kind!.Value, input.Detail!.Trim(), caller.IsSeeker ? null : caller.Id, null, time.GetUtcNow());
        access.RecordWrite(caller, seekerId, "skills portfolio", "evidence added");
        return Outcome.Created(View(await ProjectAsync(seekerId, cancellationToken), language));
    }

    /// <summary>An adviser confirms a skill of a seeker in their caseload (an admin: anyone's): who and when are kept.</summary>
    public async Task<Outcome<PortfolioView>> ConfirmAsync(CoachUser caller, string seekerId, string? skillUri, string language, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!(caller.IsAdviser || caller.IsAdmin))
        {
            return Outcome.Forbidden("Only an adviser confirms a seeker's skill.");
        }
        if (!access.CanSee(caller, seekerId) || await index.GetProfileAsync(seekerId, cancellationToken) is null)
        {
            return Outcome.NotFound("profile", seekerId);
        }
        if (Taxonomy.SkillByUri(skillUri ?? "") is null)
        {
            return Outcome.Invalid("skillUri", "Unknown skill URI.");
        }
        if (!proofs.Of(seekerId).Any(p => p.SkillUri == skillUri && p.Kind == SkillEvidence.AdviserConfirmed && p.ById == caller.Id))
        {
            proofs.Add(seekerId, skillUri!, SkillEvidence.AdviserConfirmed, null, caller.Id, null, time.GetUtcNow());
            access.RecordWrite(caller, seekerId, "skills portfolio", "skill confirmed");
        }
        return Outcome.Ok(View(await ProjectAsync(seekerId, cancellationToken), language));
    }

    /// <summary>Removes a piece of evidence: the seeker, their adviser, an admin.</summary>
    /// <remarks>Removing evidence that is not there is done already (idempotent).</remarks>
    public async Task<Outcome<PortfolioView>> RemoveProofAsync(CoachUser caller, string seekerId, long? proofId, string language, CancellationToken cancellationToken = default)
    {
        if (!access.CanWrite(caller, seekerId) || await index.GetProfileAsync(seekerId, cancellationToken) is null)
        {
            return Outcome.NotFound("profile", seekerId);
        }
        if (proofId is { } id && proofs.Remove(seekerId, id))
        {
            access.RecordWrite(caller, seekerId, "skills portfolio", "evidence removed");
        }
        return Outcome.Ok(View(await ProjectAsync(seekerId, cancellationToken), language));
    }

    /// <summary>The seeker invites a former colleague to endorse some of their skills: a secret link, answered once.</summary>
    public async Task<Outcome<InvitationView>> InviteAsync(CoachUser caller, string seekerId, InviteInput input, string language, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(input);
        if (!(caller.IsSeeker && caller.Id == seekerId) || await index.GetProfileAsync(seekerId, cancellationToken) is not { } profile)
        {
            return Outcome.NotFound("profile", seekerId);
        }
        var errors = new Dictionary<string, string[]>();
        if (TextError(input.FromName, required: true) is { } fromError)
        {
            errors["fromName"] = [fromError];
        }
        if (TextError(input.ColleagueName, required: true) is { } colleagueError)
        {
            errors["colleagueName"] = [colleagueError];
        }
        if (TextError(input.Context, required: false) is { } contextError)
        {
            errors["context"] = [contextError];
        }
        var mine = profile.Skills.Select(s => s.SkillUri).ToHashSet(StringComparer.Ordinal);
        var skills = (input.SkillUris ?? []).Where(u => u is not null).Distinct(StringComparer.Ordinal).ToList();
        if (skills.Count is 0 or > MaxInviteSkills)
        {
            errors["skillUris"] = [$"Choose 1 to {MaxInviteSkills} of your skills."];
        }
        else if (skills.FirstOrDefault(u => !mine.Contains(u)) is { } unknown)
        {
            errors["skillUris"] = [$"'{(unknown.Length > 80 ? unknown[..80] : unknown)}' is not one of your skills."];
        }
        if (errors.Count > 0)
        {
            return Outcome.Invalid(errors);
        }
        if (proofs.InvitationsOf(seekerId).Count(i => i.AnsweredAt is null) >= 20)
        {
            return Outcome.Invalid("colleagueName", "At most 20 invitations waiting for an answer.");
        }
        var invite = proofs.Invite(seekerId, input.FromName!.Trim(), input.ColleagueName!.Trim(), Blank(input.Context), skills, time.GetUtcNow());
        return Outcome.Created(Invitation(invite, language));
    }

    /// <summary>Withdraws an invitation: its link stops working (withdrawing an unknown one is done already).</summary>
    public Outcome<bool> RevokeInvitation(CoachUser caller, string seekerId, string token)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return caller.IsSeeker && caller.Id == seekerId ? Outcome.Ok(proofs.RevokeInvitation(seekerId, token)) : Outcome.NotFound("profile", seekerId);
    }

    /// <summary>What the colleague sees through the link (no account): not found when the link is unknown, withdrawn or already answered.</summary>
    public Outcome<EndorsementRequestView> Invitation(string token, string language)
    {
        if (Open(token) is not { } invite)
        {
            return Outcome.NotFound("This invitation does not exist, was withdrawn or was already answered.");
        }
        return Outcome.Ok(new EndorsementRequestView(invite.FromName, invite.ColleagueName, invite.Context,
            [.. invite.SkillUris.Select(u => ExplanationViews.Skill(Taxonomy, u, language))]));
    }

    /// <summary>The colleague confirms some skills and declines the others; the link then stops working.</summary>
    public async Task<Outcome<EndorsementResult>> AnswerAsync(string token, EndorsementAnswer answer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(answer);
        if (Open(token) is not { } invite)
        {
            return Outcome.NotFound("This invitation does not exist, was withdrawn or was already answered.");
        }
        if (TextError(answer.SignedAs, required: false) is { } signedError)
        {
            return Outcome.Invalid("signedAs", signedError);
        }
        var confirmed = (answer.Confirmed ?? []).Where(u => u is not null && invite.SkillUris.Contains(u)).Distinct(StringComparer.Ordinal).ToList();
        var now = time.GetUtcNow();
        if (!proofs.MarkAnswered(token, now))
        {
            return Outcome.NotFound("This invitation was already answered.");
        }
        var by = Blank(answer.SignedAs) ?? invite.ColleagueName;
        foreach (var uri in confirmed)
        {
            proofs.Add(invite.SeekerId, uri, SkillEvidence.ColleagueEndorsed, invite.Context, null, by, now);
        }
        if (confirmed.Count > 0)
        {
            await ProjectAsync(invite.SeekerId, cancellationToken);
        }
        return Outcome.Ok(new EndorsementResult(confirmed.Count, invite.SkillUris.Count - confirmed.Count));
    }

    /// <summary>
    /// The matching profile with the evidence: each skill's evidence is its strongest (a skill with evidence the
    /// profile lacks is added). Every write of the profile goes through it, so no save loses the evidence.
    /// </summary>
    public static ProfileDocument Merge(ProfileDocument document, IReadOnlyList<SkillProof> skillProofs)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (skillProofs.Count == 0)
        {
            return document;
        }
        var skills = document.Skills.GroupBy(s => s.SkillUri, StringComparer.Ordinal).ToDictionary(g => g.Key, g => Strongest(g.Select(s => s.Evidence)), StringComparer.Ordinal);
        foreach (var proof in skillProofs)
        {
            skills[proof.SkillUri] = skills.TryGetValue(proof.SkillUri, out var current) ? Strongest([current, proof.Kind]) : proof.Kind;
        }
        return document with { Skills = [.. skills.Select(kv => new OfferedSkill(kv.Key, kv.Value))] };
    }

    /// <summary>
    /// The questionnaire as the diagnosis reads it: a skill with evidence in the portfolio counts, with its strongest
    /// evidence, even when the seeker never listed it or unticked it (someone vouched for it since).
    /// </summary>
    public static SeekerProfile WithEvidence(SeekerProfile profile, IReadOnlyList<SkillProof> skillProofs)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(skillProofs);
        if (skillProofs.Count == 0)
        {
            return profile;
        }
        var proven = skillProofs.GroupBy(p => p.SkillUri, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => Strongest(g.Select(p => p.Kind)), StringComparer.Ordinal);
        var listed = (profile.Skills ?? []).Where(s => s is not null).ToList();
        var skills = listed.Select(s => proven.TryGetValue(s.Uri, out var kind) ? s with { Evidence = Strongest([s.Evidence, kind]) } : s).ToList();
        skills.AddRange(proven.Where(kv => !listed.Any(s => s.Uri == kv.Key)).Select(kv => new SeekerSkill(kv.Key, kv.Value)));
        return profile with
        {
            Skills = skills,
            DeclinedSkills = profile.DeclinedSkills is { } declined ? [.. declined.Where(u => !proven.ContainsKey(u))] : null,
        };
    }

    /// <summary>Adviser-confirmed, then colleague-endorsed, training, past job, declared, inferred.</summary>
    public static SkillEvidence Strongest(IEnumerable<SkillEvidence> evidence) =>
        evidence.OrderByDescending(Rank).FirstOrDefault(SkillEvidence.Declared);

    private static int Rank(SkillEvidence e) => e switch
    {
        SkillEvidence.AdviserConfirmed => 5,
        SkillEvidence.ColleagueEndorsed => 4,
        SkillEvidence.Training => 3,
        SkillEvidence.PastJob => 2,
        SkillEvidence.Declared => 1,
        _ => 0,
    };

    /// <summary>Writes the evidence into the seeker's matching profile (the index), where recruiters' scores read it.</summary>
    private async Task<ProfileDocument> ProjectAsync(string seekerId, CancellationToken cancellationToken)
    {
        var document = await index.GetProfileAsync(seekerId, cancellationToken) ?? throw new InvalidOperationException("The profile was checked before.");
        var merged = Merge(document, proofs.Of(seekerId));
        await index.UpsertProfilesAsync([merged], cancellationToken);
        // The seeker's cached assessment read the profile before.
        await cache.InvalidateSeekerAsync(seekerId, cancellationToken);
        return merged;
    }

    private PortfolioView View(ProfileDocument profile, string language)
    {
        var all = proofs.Of(profile.Id);
        var pastJobs = PastJobsBySkill(profile.Id);
        var skills = Merge(profile, all).Skills
            .Select(s =>
            {
                var views = all.Where(p => p.SkillUri == s.SkillUri)
                    .Select(p => new ProofView(p.Id, p.Kind, p.Detail, p.ById ?? p.ByName, p.At)).ToList();
                if (s.Evidence == SkillEvidence.PastJob || profile.Skills.Any(k => k.SkillUri == s.SkillUri && k.Evidence == SkillEvidence.PastJob))
                {
                    if (!views.Any(v => v.Kind == SkillEvidence.PastJob))
                    {
                        views.Insert(0, new ProofView(0, SkillEvidence.PastJob, pastJobs.GetValueOrDefault(s.SkillUri), null, null));
                    }
                }
                return new PortfolioSkill(ExplanationViews.Skill(Taxonomy, s.SkillUri, language), s.Evidence, views);
            })
            .OrderByDescending(s => Rank(s.Evidence)).ThenBy(s => s.Skill.Label, StringComparer.CurrentCulture)
            .ToList();
        var invitations = proofs.InvitationsOf(profile.Id).Select(i => Invitation(i, language)).ToList();
        return new PortfolioView(profile.Id, skills, invitations);
    }

    /// <summary>Which past job of the questionnaire brings each skill (its occupation's essential skills).</summary>
    private Dictionary<string, string> PastJobsBySkill(string seekerId)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var job in seekers.Get(seekerId)?.PastJobs ?? [])
        {
            Occupation? occupation = job?.OccupationUri is { } uri ? Taxonomy.OccupationByUri(uri)
                : job?.RomeCode is { } rome ? Taxonomy.OccupationsForRome(rome).FirstOrDefault() : null;
            foreach (var id in occupation?.EssentialSkills ?? [])
            {
                map.TryAdd(Taxonomy.Skills[id].Uri, job!.Label is { Length: > 0 } label ? label : occupation!.Label("fr"));
            }
        }
        return map;
    }

    private InvitationView Invitation(EndorsementInvite invite, string language) => new(
        invite.Token, invite.ColleagueName, [.. invite.SkillUris.Select(u => ExplanationViews.Skill(Taxonomy, u, language))], invite.CreatedAt, invite.AnsweredAt,
        $"{EndorseRoute}/{invite.Token}");

    private EndorsementInvite? Open(string token) =>
        string.IsNullOrEmpty(token) || token.Length > 100 ? null : proofs.Invitation(token) is { AnsweredAt: null } invite ? invite : null;

    private SkillsTaxonomy Taxonomy => referenceData.Require().Taxonomy;

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string? TextError(string? text, bool required) =>
        string.IsNullOrWhiteSpace(text) ? (required ? "Required." : null)
        : text.Trim().Length > MaxTextLength || text.Any(char.IsControl) ? $"At most {MaxTextLength} characters, without control characters."
        : null;
}
