using Matching.Engine.Hosting;

namespace Matching.Engine.Ingest;

/// <summary>The offer and profile document builders over the loaded reference data, built once on first use.</summary>
public sealed class DocumentBuilders(ReferenceDataProvider referenceData)
{
    private readonly Lock _gate = new();
    private (OfferDocumentBuilder Offers, ProfileDocumentBuilder Profiles)? _built;

    /// <summary>Offers in Coach's schema or France Travail's, to documents.</summary>
    public OfferDocumentBuilder Offers => Built().Offers;

    /// <summary>Bare matching profiles, to documents.</summary>
    public ProfileDocumentBuilder Profiles => Built().Profiles;

    private (OfferDocumentBuilder Offers, ProfileDocumentBuilder Profiles) Built()
    {
        if (_built is { } built)
        {
            return built;
        }
        // Require() throws while the data loads: nothing is cached before it is there.
        var data = referenceData.Require();
        lock (_gate)
        {
            _built ??= (new OfferDocumentBuilder(data.Taxonomy, PlaceResolvers.From(data.Geography), () => data.OccupationClassifier.Value),
                new ProfileDocumentBuilder(data.Taxonomy, PlaceResolvers.From(data.Geography)));
            return _built.Value;
        }
    }
}
