using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Coach.Api.Tests.Security;

public sealed class DevTokenTests(CoachApiFactory factory) : IClassFixture<CoachApiFactory>, IDisposable
{
    private readonly List<string> _roots = [];

    [Fact]
    public async Task A_development_token_signs_the_caller_in_with_their_role()
    {
        var client = factory.CreateClient();

        var response = await client.PostAsJsonAsync("/api/dev/token", new { userId = "alice", role = "seeker" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/me/access-log")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/admin/access-log")).StatusCode);
    }

    [Theory]
    [InlineData("alice", "superuser", "role")]
    [InlineData("", "seeker", "userId")]
    [InlineData("a b", "seeker", "userId")]
    public async Task A_bad_token_request_is_a_400_naming_the_field(string userId, string role, string field)
    {
        var response = await factory.CreateClient().PostAsJsonAsync("/api/dev/token", new { userId, role });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task A_token_like_user_jwts_creates_is_accepted()
    {
        // What `dotnet user-jwts create --role recruiter` issues: its issuer, an audience, the key in user secrets.
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = CoachApiFactory.TokenIssuer,
            Audience = CoachApiFactory.TokenAudience,
            Expires = DateTime.UtcNow.AddHours(1),
            Claims = new Dictionary<string, object> { ["sub"] = "bob", ["unique_name"] = "bob", ["role"] = "recruiter" },
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Convert.FromBase64String(factory.SigningKey)), SecurityAlgorithms.HmacSha256),
        });
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var response = await client.GetAsync("/api/contact-requests");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("wrong key")]
    [InlineData("wrong audience")]
    [InlineData("wrong issuer")]
    [InlineData("expired")]
    public async Task A_token_that_does_not_validate_is_a_401(string flaw)
    {
        var key = flaw == "wrong key" ? Convert.ToBase64String(new byte[32]) : factory.SigningKey;
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = flaw == "wrong issuer" ? "someone" : CoachApiFactory.TokenIssuer,
            Audience = flaw == "wrong audience" ? "another-api" : CoachApiFactory.TokenAudience,
            NotBefore = DateTime.UtcNow.AddHours(-3),
            IssuedAt = DateTime.UtcNow.AddHours(-3),
            Expires = flaw == "expired" ? DateTime.UtcNow.AddHours(-2) : DateTime.UtcNow.AddHours(1),
            Claims = new Dictionary<string, object> { ["sub"] = "mallory", ["role"] = "admin" },
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Convert.FromBase64String(key)), SecurityAlgorithms.HmacSha256),
        });
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var response = await client.GetAsync("/api/admin/access-log");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_token_without_a_subject_is_refused()
    {
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = CoachApiFactory.TokenIssuer,
            Audience = CoachApiFactory.TokenAudience,
            Expires = DateTime.UtcNow.AddHours(1),
            Claims = new Dictionary<string, object> { ["role"] = "seeker" },
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Convert.FromBase64String(factory.SigningKey)), SecurityAlgorithms.HmacSha256),
        });
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var response = await client.GetAsync("/api/me/access-log");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Without_a_configured_key_development_generates_one_and_trusts_it()
    {
        // The configured key belongs to an issuer the handler does not trust: as if user-jwts never ran.
        using var fresh = factory.WithWebHostBuilder(b =>
        {
            OwnFolders(b);
            b.UseSetting("Authentication:Schemes:Bearer:SigningKeys:0:Issuer", "not-trusted");
        });
        var client = fresh.CreateClient();

        var issued = await client.PostAsJsonAsync("/api/dev/token", new { userId = "carol", role = "admin" });
        var token = (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/admin/access-log")).StatusCode);
        Assert.Equal("coach-dev", new JsonWebToken(token).Issuer);
    }

    [Fact]
    public async Task The_development_sign_in_does_not_exist_in_production()
    {
        using var production = factory.WithWebHostBuilder(b =>
        {
            OwnFolders(b);
            b.UseEnvironment("Production");
            b.UseSetting("Coach:PseudonymKey", Convert.ToBase64String(new byte[32]));
        });

        var response = await production.CreateClient().PostAsJsonAsync("/api/dev/token", new { userId = "alice", role = "admin" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Production_refuses_to_start_without_a_pseudonym_key()
    {
        var root = Directory.CreateTempSubdirectory("coach-devtoken-tests-").FullName;
        _roots.Add(root);

        var (exitCode, said) = await FailedStart.RunAsync(root, new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Production" });

        Assert.NotEqual(0, exitCode);
        Assert.Contains("Coach:PseudonymKey is required outside Development", said, StringComparison.Ordinal);
    }

    /// <summary>A host of its own must not share the store and cache of the class's host, which may be writing them.</summary>
    private void OwnFolders(IWebHostBuilder builder)
    {
        var root = Directory.CreateTempSubdirectory("coach-devtoken-tests-").FullName;
        _roots.Add(root);
        builder.UseSetting("Coach:StorePath", Path.Combine(root, "coach.db"));
        builder.UseSetting("Coach:CachePath", Path.Combine(root, "cache"));
        builder.UseSetting("Coach:ReferenceCachePath", CoachApiFactory.SharedReferenceCache);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var root in _roots)
        {
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
