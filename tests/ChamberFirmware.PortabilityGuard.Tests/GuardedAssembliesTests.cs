using PortabilityGuard;
using Xunit;

namespace ChamberFirmware.PortabilityGuard.Tests
{
    /// <summary>The real host builds of the shared code pass the guard with the checked-in allowlist.</summary>
    public class GuardedAssembliesTests
    {
        [Fact]
        public void Hal_assembly_is_portable()
        {
            var result = Check(typeof(ChamberFirmware.Hal.Clock.IMonotonicClock).Assembly.Location);
            Assert.Equal("ChamberFirmware.Hal", result.AssemblyName);
            Assert.True(result.HasSymbols);
        }

        [Fact]
        public void Core_assembly_is_portable()
        {
            var result = Check(typeof(ChamberFirmware.Core.CoreInfo).Assembly.Location);
            Assert.Equal("ChamberFirmware.Core", result.AssemblyName);
        }

        private static CheckResult Check(string assemblyPath)
        {
            var result = new PortabilityChecker(Allowlist.LoadDirectory(RepositoryPaths.Allowlist)).Check(assemblyPath);
            Assert.True(result.IsPortable, string.Join("\n", System.Linq.Enumerable.Select(result.Violations, v => v.Format())));
            return result;
        }
    }
}
