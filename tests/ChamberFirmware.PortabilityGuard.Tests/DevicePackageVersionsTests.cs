using System.Collections.Generic;
using Xunit;

namespace ChamberFirmware.PortabilityGuard.Tests
{
    /// <summary>nanoFramework.Versions.props and every packages.config pin the same device package versions.</summary>
    public class DevicePackageVersionsTests
    {
        [Fact]
        public void Device_package_versions_match_between_props_and_packages_config()
        {
            var problems = DevicePackageVersionCheck.FindProblems(RepositoryPaths.Root);
            Assert.True(problems.Count == 0, string.Join("\n", problems));
        }

        [Fact]
        public void A_drifted_version_is_reported()
        {
            var properties = new Dictionary<string, string> { ["NfCoreLibraryVersion"] = "1.17.11" };
            var hints = new[] { new DevicePackageVersionCheck.HintPath("a.nfproj", "nanoFramework.CoreLibrary", "NfCoreLibraryVersion") };
            var packages = new[] { new DevicePackageVersionCheck.PackageEntry("a/packages.config", "nanoFramework.CoreLibrary", "1.17.10") };

            var problem = Assert.Single(DevicePackageVersionCheck.Compare(properties, hints, packages));
            Assert.Contains("nanoFramework.CoreLibrary 1.17.10 differs from NfCoreLibraryVersion = 1.17.11", problem, System.StringComparison.Ordinal);
        }

        [Fact]
        public void An_undefined_hint_path_property_is_reported()
        {
            var hints = new[] { new DevicePackageVersionCheck.HintPath("a.nfproj", "nanoFramework.System.Math", "NfSystemMathVersion") };
            var problem = Assert.Single(DevicePackageVersionCheck.Compare(new Dictionary<string, string>(), hints, System.Array.Empty<DevicePackageVersionCheck.PackageEntry>()));
            Assert.Contains("$(NfSystemMathVersion), which nanoFramework.Versions.props does not define", problem, System.StringComparison.Ordinal);
        }
    }
}
