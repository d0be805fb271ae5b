using ChamberFirmware.Tests.Shared;
using Xunit;
using Xunit.Sdk;

namespace ChamberFirmware.FieldDiagnostics.Tests;

public class TestPrerequisiteTests
{
    [Fact]
    public void A_missing_prerequisite_skips_with_its_reason_outside_ci()
    {
        var skip = Assert.Throws<Xunit.SkipException>(() => TestPrerequisite.Require("Chromium not found at /usr/bin/chromium", "apt-get install chromium", ci: false));

        Assert.Contains("Chromium not found at /usr/bin/chromium", skip.Message, System.StringComparison.Ordinal);
        Assert.Contains("apt-get install chromium", skip.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_prerequisite_fails_under_ci_rather_than_skipping()
    {
        var failure = Assert.Throws<XunitException>(() => TestPrerequisite.Require("node is not on PATH", "install nodejs", ci: true));

        Assert.IsNotType<Xunit.SkipException>(failure);
        Assert.Contains("CI is set but this test cannot run: node is not on PATH", failure.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_missing_runs_the_test()
    {
        TestPrerequisite.Require(null, "unused", ci: true);
        TestPrerequisite.Require(null, "unused", ci: false);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("1", true)]
    [InlineData("false", false)]
    [InlineData("FALSE", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Ci_is_any_value_but_empty_or_false(string? value, bool ci) => Assert.Equal(ci, TestPrerequisite.IsCiValue(value));
}
