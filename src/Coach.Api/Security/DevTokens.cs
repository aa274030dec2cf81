using System.ComponentModel;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Coach.Api.Infrastructure;
using Matching.Engine.Access;
using Matching.Engine.Hosting;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Coach.Api.Security;

/// <summary>
/// Development sign-in: tokens like the ones <c>dotnet user-jwts</c> creates, signed with the same
/// key (<c>Authentication:Schemes:Bearer:SigningKeys</c> in user secrets), so both validate. When no
/// key is configured, one is generated once under <c>Coach:CachePath</c> and trusted by the JWT handler.
/// Never registered outside Development and Testing.
/// </summary>
public sealed partial class DevTokenIssuer
{
    public const string GeneratedIssuer = "coach-dev";
    public const string KeyFileName = "dev-signing.key";
    private const string BearerSection = "Authentication:Schemes:Bearer";

    private readonly SymmetricSecurityKey _key;
    private readonly bool _generated;

    public DevTokenIssuer(IConfiguration configuration, IServiceProvider services)
    {
        var section = configuration.GetSection(BearerSection);
        var issuers = section.GetSection("ValidIssuers").GetChildren().Select(c => c.Value).Append(section["ValidIssuer"])
            .OfType<string>().ToList();
        // The JWT handler trusts a configured key only for a configured issuer: pick such a pair.
        var configured = section.GetSection("SigningKeys").GetChildren()
            .Select(k => (Issuer: k["Issuer"], Value: k["Value"]))
            .FirstOrDefault(k => k.Issuer is not null && k.Value is not null && issuers.Contains(k.Issuer));
        Audience = section["ValidAudience"] ?? section.GetSection("ValidAudiences").GetChildren().Select(c => c.Value).FirstOrDefault(v => v is not null);
        if (configured.Value is not null)
        {
            Issuer = configured.Issuer!;
            _key = new SymmetricSecurityKey(Convert.FromBase64String(configured.Value));
            return;
        }
        var cache = configuration[$"{MatchingEngineOptions.Section}:{nameof(MatchingEngineOptions.CachePath)}"] ?? new MatchingEngineOptions().CachePath;
        cache = services.GetService<ReferenceDataProvider>()?.ContentPath(cache) ?? Path.GetFullPath(cache);
        Issuer = GeneratedIssuer;
        _key = new SymmetricSecurityKey(LoadOrCreateKey(Path.Combine(cache, KeyFileName)));
        _generated = true;
    }

    public string Issuer { get; }

    public string? Audience { get; }

    /// <summary>A signed token for the user in the role, valid for <paramref name="lifetime"/>.</summary>
    public string Issue(string userId, string role, TimeSpan lifetime)
    {
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            Claims = new Dictionary<string, object>
            {
                [JwtRegisteredClaimNames.Sub] = userId,
                [JwtRegisteredClaimNames.UniqueName] = userId,
                ["role"] = role,
                [JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString("N"),
            },
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.HmacSha256),
        });
    }

    /// <summary>Makes the JWT handler accept the generated key (a configured one it already trusts).</summary>
    internal void Trust(JwtBearerOptions options)
    {
        if (!_generated)
        {
            return;
        }
        var parameters = options.TokenValidationParameters;
        parameters.ValidIssuers = [.. parameters.ValidIssuers ?? [], Issuer];
        parameters.IssuerSigningKeys = [.. parameters.IssuerSigningKeys ?? [], _key];
        parameters.ValidateIssuer = true;
        parameters.ValidateIssuerSigningKey = true;
        if (Audience is null)
        {
            parameters.ValidateAudience = false;
        }
    }

    internal static bool IsValidUserId(string userId) => UserIdPattern().IsMatch(userId);

    private static byte[] LoadOrCreateKey(string file)
    {
        if (File.Exists(file))
        {
            return Convert.FromBase64String(File.ReadAllText(file).Trim());
        }
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var key = RandomNumberGenerator.GetBytes(32);
        try
        {
            using var stream = new FileStream(file, FileMode.CreateNew, FileAccess.Write);
            using var writer = new StreamWriter(stream);
            writer.Write(Convert.ToBase64String(key));
        }
        catch (IOException) when (File.Exists(file))
        {
            return Convert.FromBase64String(File.ReadAllText(file).Trim());
        }
        return key;
    }

    [GeneratedRegex("^[A-Za-z0-9._@-]{1,100}$")]
    private static partial Regex UserIdPattern();
}

/// <summary><c>POST /api/dev/token</c>: the web UI's local sign-in, in Development and Testing only (404 elsewhere).</summary>
public static class DevTokenApi
{
    public static IEndpointRouteBuilder MapDevSignIn(this IEndpointRouteBuilder routes)
    {
        if (!SecuritySetup.IsDevelopment(routes.ServiceProvider.GetRequiredService<IHostEnvironment>()))
        {
            return routes;
        }
        routes.MapGroup("/api/dev").WithTags("Development").WithAccess(Access.Public)
            .MapPost("/token", IssueToken)
            .WithSummary("Development only: a signed token for any user id and role (seeker, adviser, recruiter, admin).");
        return routes;
    }

    public static Results<Ok<DevToken>, ValidationProblem> IssueToken(DevTokenRequest request, DevTokenIssuer issuer)
    {
        if (string.IsNullOrWhiteSpace(request.UserId) || !DevTokenIssuer.IsValidUserId(request.UserId))
        {
            return ProblemResults.Invalid("userId", "Give a user id of 1 to 100 letters, digits, '.', '_', '@' or '-'.");
        }
        if (request.Role is null || !Roles.All.Contains(request.Role))
        {
            return ProblemResults.Invalid("role", $"The role must be one of {string.Join(", ", Roles.All)}.");
        }
        if (request.Hours is < 1 or > 24 * 30)
        {
            return ProblemResults.Invalid("hours", "A token lives 1 to 720 hours (default 8).");
        }
        var lifetime = TimeSpan.FromHours(request.Hours ?? 8);
        var token = issuer.Issue(request.UserId, request.Role, lifetime);
        return TypedResults.Ok(new DevToken(token, request.UserId, request.Role, DateTimeOffset.UtcNow + lifetime));
    }
}

public sealed record DevTokenRequest(
    [property: Description("Any user id, e.g. \"alice\".")] string? UserId,
    [property: Description("seeker, adviser, recruiter or admin.")] string? Role,
    [property: Description("Lifetime in hours, 1 to 720 (default 8).")] int? Hours);

public sealed record DevToken(string Token, string UserId, string Role, DateTimeOffset ExpiresAt);
