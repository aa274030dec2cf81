using System.Text.Json;
using System.Text.Json.Nodes;
using Matching.Engine.Indexing;

namespace Matching.Engine.Privacy;

/// <summary>
/// The index as a holder of personal data: a seeker's profile document (its id is the seeker's
/// user id), a recruiter's offers. Register it where the index is registered:
/// <c>services.AddSingleton&lt;IPersonalData&gt;(sp =&gt; new MatchIndexPersonalData(sp.GetRequiredService&lt;IMatchIndex&gt;(), offersOf))</c>.
/// </summary>
/// <param name="offersOfOwner">The ids of the offers a recruiter owns (the index port has no query by owner; the offer store has).</param>
public sealed class MatchIndexPersonalData(IMatchIndex index, Func<string, CancellationToken, Task<IReadOnlyList<string>>> offersOfOwner) : IPersonalData
{
    public string Name => "index";

    public async Task ExportAsync(DataSubject subject, JsonObject into, CancellationToken cancellationToken = default)
    {
        var section = new JsonObject();
        switch (subject.Kind)
        {
            case DataSubjectKind.Seeker:
                var profile = await index.GetProfileAsync(subject.Id, cancellationToken);
                section["profile"] = profile is null ? null : JsonSerializer.SerializeToNode(profile, PrivacyJson.Options);
                break;
            case DataSubjectKind.Recruiter:
                var offers = new JsonArray();
                foreach (var id in await offersOfOwner(subject.Id, cancellationToken))
                {
                    if (await index.GetOfferAsync(id, cancellationToken) is { } offer)
                    {
                        offers.Add(JsonSerializer.SerializeToNode(offer, PrivacyJson.Options));
                    }
                }
                section["offers"] = offers;
                break;
        }
        into[Name] = section;
    }

    public async Task EraseAsync(DataSubject subject, CancellationToken cancellationToken = default)
    {
        switch (subject.Kind)
        {
            case DataSubjectKind.Seeker:
                await index.DeleteProfilesAsync([subject.Id], cancellationToken);
                break;
            case DataSubjectKind.Recruiter:
                var offers = await offersOfOwner(subject.Id, cancellationToken);
                if (offers.Count > 0)
                {
                    await index.DeleteOffersAsync(offers, cancellationToken);
                }
                break;
        }
    }
}
