using Coach.Api.Cli;
using Spectre.Console;

namespace Coach.Api.Tests.Cli;

/// <summary>How every <c>coach</c> command reads its options: values applied, help, unknown options, bad or missing values.</summary>
public sealed class CliOptionsTests
{
    private const string Usage = "Usage: coach try --count N [--store PATH] [--fast]";

    private static (int? Exit, string Output, int Count, string? Store, bool Fast) Read(params string[] args)
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No, Interactive = InteractionSupport.No });
        console.Profile.Width = 1000;
        int count = 0;
        string? store = null;
        var fast = false;
        var exit = CliSetup.ReadOptions(console, ["try", .. args], 1, Usage, (option, value) =>
        {
            switch (option)
            {
                case "--count": count = CliSetup.Number(option, value()); return true;
                case "--store": store = value(); return true;
                case "--fast": fast = true; return true;
                default: return false;
            }
        });
        return (exit, output.ToString(), count, store, fast);
    }

    [Fact]
    public void Options_and_flags_are_applied_in_any_order()
    {
        var read = Read("--fast", "--store", "/tmp/x.db", "--count", "12");

        Assert.Null(read.Exit);
        Assert.Equal((12, "/tmp/x.db", true), (read.Count, read.Store, read.Fast));
        Assert.Empty(read.Output);
    }

    [Fact]
    public void Help_prints_the_usage_and_exits_zero()
    {
        var read = Read("--count", "3", "--help", "--unknown");

        Assert.Equal(0, read.Exit);
        Assert.Contains(Usage, read.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "--colour", "red" }, "Unknown option --colour.")]
    [InlineData(new[] { "--count" }, "--count needs a value.")]
    [InlineData(new[] { "--count", "twelve" }, "--count needs a whole number, not 'twelve'.")]
    [InlineData(new[] { "--count", "99999999999" }, "--count needs a whole number, not '99999999999'.")]
    public void Bad_options_exit_two_naming_the_option_with_the_usage(string[] args, string message)
    {
        var read = Read(args);

        Assert.Equal(2, read.Exit);
        Assert.Contains(message, read.Output, StringComparison.Ordinal);
        Assert.Contains(Usage, read.Output, StringComparison.Ordinal);
    }
}
