using Matching.Engine.Privacy;

namespace Matching.Engine.Tests.Privacy;

/// <summary>A fresh privacy database in a temporary folder, per test class instance.</summary>
public sealed class PrivacyStore : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("coach-privacy-tests-").FullName;

    public PrivacyStore()
    {
        Database = new PrivacyDatabase(Path.Combine(_root, "coach.db"));
        Key = PseudonymKey.Load(null, Path.Combine(_root, "cache"));
        AuditLog = new AuditLog(Database, TimeProvider.System);
        ContactRequests = new ContactRequests(Database, TimeProvider.System);
        Caseloads = new Caseloads(Database, TimeProvider.System);
        Pseudonyms = new Pseudonyms(Key, Database);
        PersonalData = new PersonalDataService([ContactRequests, Caseloads, Pseudonyms, AuditLog], AuditLog, TimeProvider.System);
    }

    public string Root => _root;
    public PrivacyDatabase Database { get; }
    public PseudonymKey Key { get; }
    public AuditLog AuditLog { get; }
    public ContactRequests ContactRequests { get; }
    public Caseloads Caseloads { get; }
    public Pseudonyms Pseudonyms { get; }
    public PersonalDataService PersonalData { get; }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
