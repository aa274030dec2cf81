using System.Globalization;
using System.Resources;

namespace Coach.Web;

/// <summary>The interface texts (Ui.resx, French; Ui.en.resx, English) in the request's culture.</summary>
public static class Ui
{
    private static readonly ResourceManager Resources = new("Coach.Web.Ui", typeof(Ui).Assembly);

    public static IReadOnlyList<CultureInfo> Cultures { get; } = [CultureInfo.GetCultureInfo("fr"), CultureInfo.GetCultureInfo("en")];

    /// <summary>The text of <paramref name="key"/>; the key itself when missing, so a gap shows instead of breaking the page.</summary>
    public static string T(string key) => Resources.GetString(key, CultureInfo.CurrentUICulture) ?? key;

    public static string T(string key, params object?[] args) => string.Format(CultureInfo.CurrentCulture, T(key), args);

    /// <summary>"fr" or "en": the language the engine's labels are asked in.</summary>
    public static string Language => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? "en" : "fr";

    public static bool HasText(string key) => Resources.GetString(key, CultureInfo.InvariantCulture) is not null;
}
