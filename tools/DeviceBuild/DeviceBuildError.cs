using System;
using System.Globalization;

namespace DeviceBuild
{
    /// <summary>
    /// One error of the device build, printed as <c>file:line: error CODE: message</c> (the form
    /// compilers and editors understand). File paths are repository-relative.
    /// </summary>
    internal sealed record DeviceBuildError(string File, int Line, string Code, string Message)
    {
        public override string ToString() =>
            File + ":" + Line.ToString(CultureInfo.InvariantCulture) + ": error " + Code + ": " + Message;
    }

    /// <summary>A problem in the inputs (a project file, packages.config, the toolchain) that stops a project's build.</summary>
    internal sealed class DeviceBuildException : Exception
    {
        public DeviceBuildException(DeviceBuildError error)
            : base(error.ToString())
        {
            Error = error;
        }

        public DeviceBuildError Error { get; }
    }
}
