namespace DeviceBench
{
    /// <summary>
    /// A budget an operation must fit on the ESP32 estimate (issue 17), per call. CI fails when a
    /// budget is missed, unless it is still open: then <see cref="Open"/> says why it cannot be met
    /// yet, and the bench reports it without failing (the instruction-count baseline still guards it).
    /// </summary>
    internal sealed record Budget(string Operation, double LimitMicroseconds, string What, string Open)
    {
        public static readonly Budget[] All =
        {
            new("supervisor-step", 1000, "10% of the 10 ms supervisor period",
                "every check runs every tick on the interpreter; the rest is in docs/safety.md, 'Device timing on nanoCLR'"),
            new("heartbeat-verify", 1000, "1 ms per heartbeat frame",
                "the managed HMAC-SHA256 needs two SHA-256 compressions per frame; the native HMACSHA256 (nanoFramework.System.Security.Cryptography) is not on this machine's NuGet copy nor in ../shared/nanoframework"),
            new("period", 2500, "25% of one core: every loop at its default rate, per 10 ms period",
                "the heartbeats (20 Hz) and telemetry frames (10 Hz) are mostly HMAC-SHA256, as above"),
        };

        public bool Enforced => Open is null;
    }
}
