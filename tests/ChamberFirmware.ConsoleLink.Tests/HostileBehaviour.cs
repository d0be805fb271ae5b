namespace ChamberFirmware.ConsoleLink.Tests;

/// <summary>How the far end of a <see cref="HostileDeviceTransport"/> misbehaves.</summary>
internal enum HostileBehaviour
{
    /// <summary>Never answers the Hello.</summary>
    IgnoreHello,

    /// <summary>Completes the handshake, then answers every request with a frame whose tag fails.</summary>
    GarbleAnswers,

    /// <summary>Completes the handshake, then the console's next receive never ends (not on cancellation, not on disposal).</summary>
    StrandReceive,

    /// <summary>Completes the handshake, then sends a genuine sealed telemetry frame ahead of every answer.</summary>
    TelemetryBeforeAnswers,

    /// <summary>Completes the handshake, then the console's next receive fails as a reset connection does (IOException).</summary>
    ResetAfterHandshake,
}
