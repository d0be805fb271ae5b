using System.Globalization;

namespace PortabilityGuard
{
    /// <summary>A source position from the portable PDB; the path is repository-relative when possible.</summary>
    public sealed record SourceLocation(string Path, int Line)
    {
        public override string ToString() =>
            Line > 0 ? Path + ":" + Line.ToString(CultureInfo.InvariantCulture) : Path;
    }
}
