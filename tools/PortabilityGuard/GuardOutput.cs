namespace PortabilityGuard
{
    /// <summary>Output conventions shared with Directory.Build.targets (CustomErrorRegularExpression="^portability: ").</summary>
    public static class GuardOutput
    {
        /// <summary>Every error line starts with this so MSBuild reports it as a build error.</summary>
        public const string ErrorPrefix = "portability: ";
    }
}
