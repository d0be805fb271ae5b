using System;
using System.Threading;
using System.Threading.Tasks;
using ChamberFirmware.ConsoleLink.Client;
using ChamberFirmware.Core.Config;
using ChamberFirmware.Core.Treatment;
using ChamberFirmware.Fuzz.Harness;

namespace ChamberFirmware.Fuzz.Targets;

/// <summary>
/// What the console (chamberctl, the simulator's console) reads from whatever answers on the link:
/// ConsoleLinkClient's handshake, replies, status and device-info payloads, telemetry, against a
/// scripted far end that may or may not hold the key (ScriptedDeviceTransport). The client's
/// documented refusal is a LinkProtocolException; it must never wait past its caller's deadline
/// on a link that has closed.
/// </summary>
public sealed class ConsoleRepliesTarget : IFuzzTarget
{
    private static readonly TimeSpan CallDeadline = TimeSpan.FromSeconds(3);

    public string Name => "console-replies";

    public string Description => "frames a console reads from the device (ConsoleLinkClient: challenge, responses, status, device info, telemetry)";

    public bool Run(byte[] input) => RunAsync(input).GetAwaiter().GetResult();

    private static async Task<bool> RunAsync(byte[] input)
    {
        var transport = new ScriptedDeviceTransport(input);
        var client = new ConsoleLinkClient(transport, HarnessDevice.LinkKey, new SeededNonceSource(47));
        bool accepted = false;
        try
        {
            await Call(client, c => c.ConnectAsync(CancellationToken.None)).ConfigureAwait(false);
            accepted = true;
            await Call(client, c => c.GetStatusAsync(CancellationToken.None)).ConfigureAwait(false);
            await Call(client, c => c.GetIdentityAsync(CancellationToken.None)).ConfigureAwait(false);
            await Call(client, c => c.ArmAsync(new TreatmentProfile(), CancellationToken.None)).ConfigureAwait(false);
            await Call(client, c => c.SetSettingsAsync(new ChamberSettings(), CancellationToken.None)).ConfigureAwait(false);
            await Call(client, c => c.BeginProvisioningAsync(CancellationToken.None)).ConfigureAwait(false);
            await Call(client, c => c.StageIdentityAsync("FUZZ-0003", "C", CancellationToken.None)).ConfigureAwait(false);
            await Call(client, c => c.CommitProvisioningAsync(CancellationToken.None)).ConfigureAwait(false);
        }
        catch (LinkProtocolException)
        {
            // The documented refusal: a malformed, unauthenticated or missing answer.
        }
        finally
        {
            await client.DisposeAsync().ConfigureAwait(false);
        }

        return accepted;
    }

    /// <summary>
    /// One client call with a deadline. Made even when the link has already closed: such a call fails
    /// at once, with "The link closed." (a refusal) after a close, or with the receive loop's own
    /// exception after a parser or handler threw there (a crash), which skipping it would hide.
    /// </summary>
    private static async Task Call<T>(ConsoleLinkClient client, Func<ConsoleLinkClient, Task<T>> call)
    {
        try
        {
            _ = await call(client).WaitAsync(CallDeadline).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new FuzzInvariantException("the console waited " + CallDeadline.TotalSeconds + " s for an answer that the link cannot bring any more");
        }
    }
}
