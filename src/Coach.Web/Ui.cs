using System.Globalization;
using System.Resources;

namespace Coach.Web;

/// <summary>The interface texts (Ui.resx, French; Ui.en.resx, English) in the request's culture.</summary>
public static class Ui
{
    private static readonly ResourceManager Resources = new("Coach.Web.Ui", typeof(Ui).Assembly);

    /// <summary>The texts of the journey pages (alerts, progress, skills portfolio, exploring), in their own files.</summary>
    private static readonly ResourceManager JourneyResources = new("Coach.Web.Journey.JourneyTexts", typeof(Ui).Assembly);

    public static IReadOnlyList<CultureInfo> Cultures { get; } = [CultureInfo.GetCultureInfo("fr"), CultureInfo.GetCultureInfo("en")];

    /// <summary>The text of <paramref name="key"/>; the key itself when missing, so a gap shows instead of breaking the page.</summary>
    public static string T(string key) => Get(key, CultureInfo.CurrentUICulture) ?? key;

    private static string? Get(string key, CultureInfo culture) => Resources.GetString(key, culture) ?? JourneyResources.GetString(key, culture);

    public static string T(string key, params object?[] args) => string.Format(CultureInfo.CurrentCulture, T(key), args);

    /// <summary>
    /// A text about a count: the <c>.one</c> variant of the key when the count reads singular (0 and 1 in
    /// French, 1 in English), so "1 candidat" and "0 offer"s never show. The count is argument {0}.
    /// </summary>
    public static string Count(string key, long count, params object?[] more)
    {
        var singular = Language == "fr" ? count is 0 or 1 : count == 1;
        var chosen = singular && Get(key + ".one", CultureInfo.CurrentUICulture) is not null ? key + ".one" : key;
        return T(chosen, [count, .. more]);
    }

    /// <summary>
    /// A text about a figure that may have decimals (offers per 10 job seekers): the <c>.one</c> variant of the key when the
    /// figure, as shown to one decimal, reads singular ("0,3 offre", "1,5 offre" in French, below 2; "1 offer" in English).
    /// </summary>
    public static string Figure(string key, double figure, params object?[] args)
    {
        var shown = Math.Abs(Math.Round(figure, 1));
        var singular = Language == "fr" ? shown < 2 : shown == 1;
        return T(singular && Get(key + ".one", CultureInfo.CurrentUICulture) is not null ? key + ".one" : key, args);
    }

    /// <summary>"fr" or "en": the language the engine's labels are asked in.</summary>
    public static string Language => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? "en" : "fr";

    public static bool HasText(string key) => Get(key, CultureInfo.InvariantCulture) is not null;

    /// <summary>
    /// The target job as the pages name it, the same for the seeker and the adviser: the title chosen, its ROME code and its
    /// sheet in the job's gender form, the sheet said once when it is the title itself ("Serveuse (ROME G1803 : Serveuse en
    /// restauration)", "Aide-soignante (ROME J1501)"); null without an understood job.
    /// </summary>
    public static string? TargetJob(Matching.Engine.Coaching.UnderstoodTarget? target)
    {
        if (target is not { OccupationLabel: not null })
        {
            return null;
        }
        var job = target.Rome4Title ?? target.OccupationLabel;
        var sheet = target.RomeLabel is { } label ? Matching.Engine.Seekers.JobReadings.AsTyped(label, job) : null;
        return string.Equals(sheet ?? job, job, StringComparison.OrdinalIgnoreCase)
            ? T("job.named.same", job, target.RomeCode ?? "—")
            : T("job.named", job, target.RomeCode ?? "—", sheet);
    }
}
