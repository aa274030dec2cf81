namespace Coach.Api.Infrastructure;

public static class RequestLanguage
{
    /// <summary>The language asked for: <c>lang</c> query parameter, else Accept-Language, else French.</summary>
    public static string Of(HttpContext context, string? lang)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (lang is "fr" or "en")
        {
            return lang;
        }
        var header = context.Request.Headers.AcceptLanguage.ToString();
        return header.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? "en" : "fr";
    }
}
