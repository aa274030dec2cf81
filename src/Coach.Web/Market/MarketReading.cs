namespace Coach.Web.Market;

/// <summary>A short reading of the market charts, in plain words.</summary>
public static class MarketReading
{
    /// <param name="tension">The DARES figure of the place's employment area: its name and offers per ten job seekers.</param>
    public static string Read(string what, string? place, double? radiusKm, long offers, long profiles, (string Area, double? PerTen)? tension)
    {
        var where = place is null ? Ui.T("market.read.nationwide") : Ui.T("market.read.around", place, radiusKm ?? 0);
        // "Lieu : Annecy, dans un rayon de 30 km : 40 offres…" (a place name after "de" would need an elision: "d'Annecy").
        var separator = place is null ? "," : "";
        var parts = new List<string> { $"{where}{separator} {Ui.Count("market.read.offers", offers, what)} {Ui.Count("market.read.profiles", profiles)}" };
        parts.Add((offers, profiles) switch
        {
            (0, 0) => Ui.T("market.read.nothing"),
            (_, 0) => Ui.T("market.read.noSupply"),
            (0, _) => Ui.T("market.read.noDemand"),
            _ when offers >= 2 * profiles => Ui.T("market.read.demand", Math.Round((double)offers / profiles, 1)),
            _ when profiles >= 2 * offers => Ui.T("market.read.supply", Math.Round((double)profiles / offers, 1)),
            _ => Ui.T("market.read.balanced"),
        });
        if (tension is { PerTen: { } perTen } t)
        {
            parts.Add(Ui.Figure(perTen < 3 ? "market.read.tension.low" : perTen >= 10 ? "market.read.tension.high" : "market.read.tension", perTen, t.Area, Math.Round(perTen, 1)));
        }
        return string.Join(" ", parts);
    }
}
