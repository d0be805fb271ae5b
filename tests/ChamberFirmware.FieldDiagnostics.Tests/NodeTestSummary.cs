using System.Globalization;
using System.Text.RegularExpressions;

namespace ChamberFirmware.FieldDiagnostics.Tests;

/// <summary>The totals node's test runner prints at the end (TAP: "# tests N", "# pass N", ...).</summary>
internal sealed partial record NodeTestSummary(int Tests, int Pass, int Fail, int Skipped, int Cancelled)
{
    public static NodeTestSummary? Parse(string output)
    {
        int? Read(string key)
        {
            var m = Regex.Match(output, @"^(?:#|ℹ) " + key + @" (\d+)\s*$", RegexOptions.Multiline);
            return m.Success ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : null;
        }

        var tests = Read("tests");
        var pass = Read("pass");
        var fail = Read("fail");
        if (tests is null || pass is null || fail is null)
        {
            return null;
        }

        return new NodeTestSummary(tests.Value, pass.Value, fail.Value, Read("skipped") ?? 0, Read("cancelled") ?? 0);
    }
}
