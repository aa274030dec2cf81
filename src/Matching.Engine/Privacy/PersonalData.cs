using System.Text.Json.Nodes;

namespace Matching.Engine.Privacy;

/// <summary>Whose data an export or an erasure is about.</summary>
public enum DataSubjectKind
{
    Seeker,
    Recruiter,
    Adviser,
}

/// <summary>A person Coach holds data about: their user id (the token's subject) and what they are.</summary>
public sealed record DataSubject(string Id, DataSubjectKind Kind)
{
    public string Id { get; } = string.IsNullOrWhiteSpace(Id) ? throw new ArgumentException("A data subject needs an id.", nameof(Id)) : Id;
}

/// <summary>
/// A store that holds personal data. Every such store registers one (audit log, contact requests,
/// caseloads, pseudonyms here; the profile store, the index, the review store and caches elsewhere)
/// so that an export is complete and an erasure leaves no trace, without the API knowing each store.
/// </summary>
public interface IPersonalData
{
    /// <summary>Name of the section this holder writes in an export (e.g. "accessLog").</summary>
    string Name { get; }

    /// <summary>Adds everything this store holds on the subject to the export, under <see cref="Name"/>.</summary>
    Task ExportAsync(DataSubject subject, JsonObject into, CancellationToken cancellationToken = default);

    /// <summary>Removes everything this store holds on the subject.</summary>
    Task EraseAsync(DataSubject subject, CancellationToken cancellationToken = default);
}

/// <summary>What an erasure did, without naming who was erased.</summary>
public sealed record ErasureReceipt(string ErasureId, DateTimeOffset At, IReadOnlyList<string> Holders);

/// <summary>Export and erasure across every registered <see cref="IPersonalData"/> holder.</summary>
public sealed class PersonalDataService(IEnumerable<IPersonalData> holders, AuditLog auditLog, TimeProvider time)
{
    private readonly IPersonalData[] _holders = [.. holders];

    public IReadOnlyList<string> HolderNames => [.. _holders.Select(h => h.Name)];

    /// <summary>Everything Coach holds on the subject, one section per holder.</summary>
    public async Task<JsonObject> ExportAsync(DataSubject subject, CancellationToken cancellationToken = default)
    {
        var export = new JsonObject
        {
            ["subject"] = new JsonObject { ["id"] = subject.Id, ["kind"] = subject.Kind.ToString().ToLowerInvariant() },
            ["exportedAt"] = time.GetUtcNow(),
        };
        foreach (var holder in _holders)
        {
            await holder.ExportAsync(subject, export, cancellationToken);
        }
        return export;
    }

    /// <summary>
    /// Erases the subject from every holder. The audit log goes last and keeps one anonymous line,
    /// so a failure half-way still leaves the accesses on record and the erasure can be retried.
    /// </summary>
    public async Task<ErasureReceipt> EraseAsync(DataSubject subject, CancellationToken cancellationToken = default)
    {
        foreach (var holder in _holders.Where(h => !ReferenceEquals(h, auditLog)))
        {
            await holder.EraseAsync(subject, cancellationToken);
        }
        var erasureId = auditLog.Erase(subject, time.GetUtcNow());
        return new ErasureReceipt(erasureId, time.GetUtcNow(), HolderNames);
    }
}
