using System.IO;
using ChamberCtl;
using ChamberFirmware.Core;
using Xunit;

namespace ChamberFirmware.Tools.Tests.ChamberCtl;

public class VersionCommandTests
{
    [Fact]
    public void Version_prints_the_core_version()
    {
        var output = new StringWriter();
        var error = new StringWriter();

        var exit = ChamberCtlApp.Run(new[] { "version" }, output, error);

        Assert.Equal(0, exit);
        Assert.Equal("chamberctl " + CoreInfo.VersionText, output.ToString().Trim());
        Assert.Equal(string.Empty, error.ToString());
    }

    [Fact]
    public void The_version_option_prints_what_the_version_command_prints()
    {
        var command = CliRun.Of("version");
        var option = CliRun.Of("--version");

        Assert.Equal(0, option.ExitCode);
        Assert.Equal(command.Output, option.Output);
        Assert.Equal(string.Empty, option.Error);
    }

    [Fact]
    public void An_unknown_command_fails_with_a_message()
    {
        var output = new StringWriter();
        var error = new StringWriter();

        var exit = ChamberCtlApp.Run(new[] { "no-such-command" }, output, error);

        Assert.NotEqual(0, exit);
        Assert.Contains("no-such-command", error.ToString());
    }
}
