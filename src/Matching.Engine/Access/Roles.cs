namespace Matching.Engine.Access;

/// <summary>The roles a token carries (claim <c>role</c>): <c>dotnet user-jwts create --role seeker</c>.</summary>
public static class Roles
{
    public const string Seeker = "seeker";
    public const string Adviser = "adviser";
    public const string Recruiter = "recruiter";
    public const string Admin = "admin";

    public static IReadOnlyList<string> All { get; } = [Seeker, Adviser, Recruiter, Admin];

    /// <summary>The most powerful first: a token that carries several roles acts in the first it holds.</summary>
    internal static IReadOnlyList<string> ByPower { get; } = [Admin, Adviser, Recruiter, Seeker];
}
