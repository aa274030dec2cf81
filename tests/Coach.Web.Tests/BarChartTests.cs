using System.Globalization;
using Bunit;
using Coach.Web.Components;

namespace Coach.Web.Tests;

public sealed class BarChartTests : BunitContext
{
    public BarChartTests() => CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("fr");

    private IRenderedComponent<BarChart> Chart(params BarChart.Row[] rows) => Render<BarChart>(p => p
        .Add(c => c.Id, "t")
        .Add(c => c.Title, "Offres et profils")
        .Add(c => c.Description, "Lecture")
        .Add(c => c.Series, ["Offres", "Profils"])
        .Add(c => c.Rows, rows)
        .Add(c => c.Empty, "Rien ici"));

    [Fact]
    public void DrawsOneBarPerValueOnOneScale()
    {
        var chart = Chart(new BarChart.Row("Lyon", [40, 10]), new BarChart.Row("Villeurbanne", [20, 0]));

        var bars = chart.FindAll("rect");
        Assert.Equal(4, bars.Count);
        var widths = bars.Select(b => double.Parse(b.GetAttribute("width")!, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(540, widths[0]);
        Assert.Equal(135, widths[1]);
        Assert.Equal(270, widths[2]);
        Assert.Equal(0, widths[3]);
    }

    [Fact]
    public void IsLabelledForScreenReadersAndBackedByATable()
    {
        var chart = Chart(new BarChart.Row("Lyon", [3, 5]));

        var svg = chart.Find("svg");
        Assert.Equal("img", svg.GetAttribute("role"));
        Assert.Equal("t-svg-title t-svg-desc", svg.GetAttribute("aria-labelledby"));
        Assert.Equal("Offres et profils", chart.Find("svg > title").TextContent);
        Assert.Equal("Lyon — Profils : 5", chart.FindAll("rect > title")[1].TextContent);
        Assert.Equal(["Lyon", "3", "5"], chart.FindAll("tbody tr > *").Select(c => c.TextContent));
    }

    [Fact]
    public void SaysSoWhenThereIsNothingToDraw()
    {
        var chart = Chart();

        Assert.Empty(chart.FindAll("svg"));
        Assert.Contains("Rien ici", chart.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void NegativeOrNonFiniteValuesDrawNoBar()
    {
        var chart = Chart(new BarChart.Row("A", [double.NaN, -3]), new BarChart.Row("B", [2, double.PositiveInfinity]));

        var widths = chart.FindAll("rect").Select(b => b.GetAttribute("width") ?? "").ToArray();
        Assert.Equal(["0", "0", "540", "0"], widths);
    }
}
