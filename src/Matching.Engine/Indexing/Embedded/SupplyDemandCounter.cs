using System.Numerics;
using Matching.Engine.Scoring;

namespace Matching.Engine.Indexing.Embedded;

/// <summary>Offers demanding vs profiles supplying a skill (exactly) or an occupation, per area, within a radius of a place when given.</summary>
internal static class SupplyDemandCounter
{
    /// <summary>Counts per area id (-1 = unknown).</summary>
    public static Dictionary<int, (long Offers, long Profiles)> Count(OfferTable offers, ProfileTable profiles, int skill, int occupation, Place? place, double radiusKm)
    {
        var areas = new Dictionary<int, (long Offers, long Profiles)>();
        var box = place is null ? RadiusBox.Everywhere : RadiusBox.Around(place.Latitude, radiusKm);
        bool Within(double lat, double lon) =>
            place is null || (!double.IsNaN(lat) && !box.SurelyBeyond(place.Latitude, place.Longitude, lat, lon)
                && MatchScorer.DistanceKm(lat, lon, place.Latitude, place.Longitude) <= radiusKm);

        if (skill >= 0)
        {
            ForEachDoc(offers, skill, doc =>
            {
                ref readonly var offer = ref offers.Column(doc);
                if (Within(offer.Latitude, offer.Longitude))
                {
                    Bump(areas, offer.Area, offers: 1, profiles: 0);
                }
            });
            ForEachDoc(profiles, skill, doc =>
            {
                ref readonly var profile = ref profiles.Column(doc);
                if (Within(profile.Latitude, profile.Longitude))
                {
                    Bump(areas, profile.Area, offers: 0, profiles: 1);
                }
            });
        }
        else
        {
            for (var doc = 0; doc < offers.HighWater; doc++)
            {
                ref readonly var offer = ref offers.Column(doc);
                if (offers.IsAlive(doc) && offer.Occupation == occupation && Within(offer.Latitude, offer.Longitude))
                {
                    Bump(areas, offer.Area, offers: 1, profiles: 0);
                }
            }
            for (var doc = 0; doc < profiles.HighWater; doc++)
            {
                ref readonly var profile = ref profiles.Column(doc);
                if (profiles.IsAlive(doc) && profiles.Occupations(doc).Contains(occupation) && Within(profile.Latitude, profile.Longitude))
                {
                    Bump(areas, profile.Area, offers: 0, profiles: 1);
                }
            }
        }
        return areas;
    }

    /// <summary>Live docs holding a skill.</summary>
    private static void ForEachDoc(DocumentTable table, int skill, Action<int> visit)
    {
        var blocks = table.Postings.Blocks(skill);
        var masks = table.Postings.Masks(skill);
        for (var i = 0; i < blocks.Length; i++)
        {
            var mask = masks[i] & table.Alive[blocks[i]];
            while (mask != 0)
            {
                visit((blocks[i] << 6) + BitOperations.TrailingZeroCount(mask));
                mask &= mask - 1;
            }
        }
    }

    private static void Bump(Dictionary<int, (long Offers, long Profiles)> areas, int area, long offers, long profiles)
    {
        var (o, p) = areas.GetValueOrDefault(area);
        areas[area] = (o + offers, p + profiles);
    }
}
