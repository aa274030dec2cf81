using Matching.Engine.Indexing;
using Matching.Engine.Indexing.Embedded;

namespace Matching.Engine.Tests.Indexing;

/// <summary>
/// The dense keys a doc's own bound reads (<see cref="OfferKey"/>, <see cref="ProfileKey"/>) hold each column as it is or as a value that can
/// only raise the bound: otherwise the pruned search could drop a doc of the page (the exactness tests' generated values are round numbers,
/// which a float holds exactly, so they would not see it).
/// </summary>
public sealed class DocumentKeyTests
{
    [Theory]
    [InlineData(0.1)]
    [InlineData(1.0 / 3)]
    [InlineData(2.5)]
    [InlineData(16_777_217.0)]
    public void Years_asked_round_down_and_a_seekers_years_round_up(double years)
    {
        var asked = OfferKey.FloatAtMost(years);
        var held = OfferKey.FloatAtLeast(years);

        Assert.True(asked <= years, $"{asked} > {years}");
        Assert.True(MathF.BitIncrement(asked) > years, "not the largest float at most the value");
        Assert.True(held >= years, $"{held} < {years}");
        Assert.True(MathF.BitDecrement(held) < years, "not the smallest float at least the value");
    }

    [Fact]
    public void A_missing_value_stays_missing()
    {
        Assert.True(float.IsNaN(OfferKey.FloatAtMost(double.NaN)));
        Assert.True(float.IsNaN(OfferKey.FloatAtLeast(double.NaN)));
    }

    [Fact]
    public void An_offer_key_holds_the_columns_and_states_an_id_too_large_as_unknown()
    {
        var key = OfferKey.Of(new OfferColumns
        {
            Latitude = double.NaN,
            ExperienceYears = 2,
            Rome = 70_000,
            Occupation = 41,
            Contract = ContractType.FixedTerm,
            Experience = ExperienceRequirement.Required,
        });

        Assert.Equal(OfferKey.Unknown, key.Rome);
        Assert.Equal(42, key.Occupation);
        Assert.Equal(2f, key.YearsAsked);
        Assert.Equal((byte)ContractType.FixedTerm, key.Contract);
        Assert.Equal((byte)ExperienceRequirement.Required, key.Experience);
        Assert.True(key.Unlocated);
        Assert.Equal(0, OfferKey.Of(new OfferColumns { Rome = -1, Occupation = -1 }).Rome);
    }

    [Fact]
    public void A_profile_key_takes_wishes_that_do_not_fit_a_byte_as_any_contract()
    {
        var key = ProfileKey.Of(new ProfileColumns { Latitude = 45, ContractWishes = 1 << 9, SkillCount = 70_000, ExperienceYears = 3 });

        Assert.Equal(0, key.Wishes);
        Assert.Equal(ushort.MaxValue, key.SkillCount);
        Assert.Equal(3f, key.Years);
        Assert.False(key.Unlocated);
        Assert.Equal(6, ProfileKey.Of(new ProfileColumns { ContractWishes = 6 }).Wishes);
    }
}
