using System.Text.Json;
using System.Text.Json.Nodes;
using Matching.Engine.Coaching;
using Matching.Engine.Indexing;
using Matching.Engine.Privacy;

namespace Matching.Engine.Hosting;

/// <summary>
/// What the match index and the seeker store hold on a person: a seeker's profile and
/// questionnaire, a recruiter's offers. While the index is not open this throws
/// <see cref="IndexUnavailableException"/> (503, retry): an export or an erasure is never half-answered in silence.
/// </summary>
public sealed class MatchingPersonalData(IMatchIndex index, SeekerStore seekers) : IPersonalData
{
    private readonly MatchIndexPersonalData _index = new(index, index.OfferIdsOwnedByAsync);

    public string Name => "matching";

    public async Task ExportAsync(DataSubject subject, JsonObject into, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(into);
        var section = new JsonObject();
        await _index.ExportAsync(subject, section, cancellationToken);
        if (subject.Kind == DataSubjectKind.Seeker && seekers.Get(subject.Id) is { } questionnaire)
        {
            section["questionnaire"] = JsonSerializer.SerializeToNode(questionnaire, SeekerStore.JsonOptions);
        }
        into[Name] = section;
    }

    public async Task EraseAsync(DataSubject subject, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subject);
        await _index.EraseAsync(subject, cancellationToken);
        if (subject.Kind == DataSubjectKind.Seeker)
        {
            seekers.Delete(subject.Id);
        }
    }
}
