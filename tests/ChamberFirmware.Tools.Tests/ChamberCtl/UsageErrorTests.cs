using System;
using Xunit;

namespace ChamberFirmware.Tools.Tests.ChamberCtl;

/// <summary>Every command's usage errors: exit 2, one line naming the problem and one hint, never the whole help.</summary>
public class UsageErrorTests
{
    [Theory]
    [InlineData("chamberctl sim: ", "abc", "sim", "--seed", "abc")]
    [InlineData("chamberctl: ", "bogus", "bogus")]
    [InlineData("chamberctl release verify: ", "verify", "release", "verify")]
    [InlineData("chamberctl diag decode: ", "decode", "diag", "decode")]
    [InlineData("chamberctl provision: ", "--no-such-option", "provision", "--no-such-option")]
    [InlineData("chamberctl: ", "command", new string[0])]
    public void A_usage_error_is_one_line_and_a_hint_with_exit_2(string prefix, string named, params string[] args)
    {
        var run = CliRun.Of(args);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(string.Empty, run.Output);
        var lines = run.Error.TrimEnd().Split(Environment.NewLine);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith(prefix, lines[0], StringComparison.Ordinal);
        Assert.Contains(named, lines[0], StringComparison.Ordinal);
        Assert.Contains("--help", lines[1], StringComparison.Ordinal);
        Assert.DoesNotContain("Usage:", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_number_option_given_a_word_says_a_whole_number_is_expected()
    {
        var run = CliRun.Of("sim", "--seed", "abc");

        Assert.Contains("'abc'", run.Error, StringComparison.Ordinal);
        Assert.Contains("whole number", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("System.Int32", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_command_is_named_rather_than_a_missing_command()
    {
        var run = CliRun.Of("bogus");

        Assert.Contains("Unrecognized command or argument 'bogus'", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_is_still_printed_when_asked_for()
    {
        var run = CliRun.Of("sim", "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("--seed", run.Output, StringComparison.Ordinal);
    }
}
