using System;
using System.Security.Cryptography;
using System.Threading.Tasks;
using ChamberFirmware.ConsoleLink.Client;
using ChamberFirmware.Core.Link;
using ChamberFirmware.Simulation.Engine;
using ChamberFirmware.Simulation.Hosting;
using Xunit;

namespace ChamberFirmware.Tools.Tests.Security;

/// <summary>
/// Issue 13, finding 6: one TCP connection must not hold the live simulator's only console slot.
/// The simulator and its socket deadlines run on a manual clock; each test advances it only once
/// the deadline it attacks is armed, then shows the real console gets the slot.
/// </summary>
public sealed class ConsoleSlotHoggingTests
{
    private static byte[] Hello()
    {
        byte[] frame = new byte[LinkProtocol.HeaderSize + LinkProtocol.NonceSize + LinkProtocol.TagSize];
        RandomNumberGenerator.Fill(frame.AsSpan(LinkProtocol.OffsetPayload, LinkProtocol.NonceSize));
        int length = LinkFrame.WriteUnauthenticated(frame, 0, (byte)LinkMessageType.Hello, LinkProtocol.NonceSize);
        return frame.AsSpan(0, length).ToArray();
    }

    private static async Task<bool> ClosedByDeviceAsync(System.Net.Sockets.TcpClient tcp, LiveSimulator sim)
    {
        var buffer = new byte[512];
        while (true)
        {
            int read = await tcp.GetStream().ReadAsync(buffer, sim.Deadline);
            if (read == 0)
            {
                return true;
            }
        }
    }

    [Fact]
    public async Task An_idle_socket_loses_the_slot_at_the_handshake_deadline_and_the_real_console_binds()
    {
        using var temp = new TempDirectory();
        var clock = new ObservedTimeProvider();
        await using var sim = new LiveSimulator(5, temp.Combine("link.key"), factoryFresh: false, time: clock);
        var slot = sim.Host.Link!.Deadlines;

        var (idleTcp, _) = await sim.ConnectAsync();
        using (idleTcp)
        {
            await clock.WaitForTimerAsync(slot.Handshake, sim.Deadline);
            var (consoleTcp, transport) = await sim.ConnectAsync();
            using (consoleTcp)
            {
                await using var console = new ConsoleLinkClient(transport, DevelopmentKey.LoadOrCreate(temp.Combine("link.key"), out _), new RandomNonceSource());
                Task<StatusReply> binding = console.ConnectAsync(sim.Deadline);
                clock.Advance(slot.Handshake);

                Assert.True(await ClosedByDeviceAsync(idleTcp, sim));
                Assert.Contains("no session was confirmed within 5 s", await sim.Host.Link.EndedConnections.ReadAsync(sim.Deadline), StringComparison.Ordinal);
                Assert.True((await binding).Reply.IsOk);
                Assert.True(sim.Simulation.Firmware.Link.IsSessionBound);
            }
        }
    }

    [Fact]
    public async Task A_frame_trickled_a_byte_at_a_time_ends_its_connection_at_the_frame_deadline()
    {
        using var temp = new TempDirectory();
        var clock = new ObservedTimeProvider();
        await using var sim = new LiveSimulator(6, temp.Combine("link.key"), factoryFresh: false, time: clock);
        var slot = sim.Host.Link!.Deadlines;

        var (tcp, _) = await sim.ConnectAsync();
        using (tcp)
        {
            await tcp.GetStream().WriteAsync(new byte[] { 40 }, sim.Deadline); // first byte of a 40-byte record
            await clock.WaitForTimerAsync(slot.Frame, sim.Deadline);
            await tcp.GetStream().WriteAsync(new byte[] { 0, 1 }, sim.Deadline);
            clock.Advance(slot.Frame);

            Assert.True(await ClosedByDeviceAsync(tcp, sim));
            Assert.Contains("did not arrive within 2000 ms of its first byte", await sim.Host.Link.EndedConnections.ReadAsync(sim.Deadline), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_bound_console_that_went_silent_frees_the_slot_at_the_idle_deadline()
    {
        using var temp = new TempDirectory();
        var clock = new ObservedTimeProvider();
        await using var sim = new LiveSimulator(7, temp.Combine("link.key"), factoryFresh: false, time: clock);
        var slot = sim.Host.Link!.Deadlines;
        byte[] key = DevelopmentKey.LoadOrCreate(temp.Combine("link.key"), out _);

        var (silentTcp, silentTransport) = await sim.ConnectAsync();
        using (silentTcp)
        {
            await using var silent = new ConsoleLinkClient(silentTransport, key, new RandomNonceSource());
            Assert.True((await silent.ConnectAsync(sim.Deadline)).Reply.IsOk);
            await clock.WaitForTimerAsync(slot.Idle, sim.Deadline);

            var (nextTcp, nextTransport) = await sim.ConnectAsync();
            using (nextTcp)
            {
                await using var next = new ConsoleLinkClient(nextTransport, key, new RandomNonceSource());
                Task<StatusReply> binding = next.ConnectAsync(sim.Deadline);
                clock.Advance(slot.Idle);

                Assert.True(await ClosedByDeviceAsync(silentTcp, sim));
                Assert.Contains("took no frame for 10 s", await sim.Host.Link.EndedConnections.ReadAsync(sim.Deadline), StringComparison.Ordinal);
                Assert.True((await binding).Reply.IsOk);
            }
        }
    }

    [Fact]
    public async Task A_zero_length_record_is_rejected_as_a_bad_frame_and_does_not_end_the_connection()
    {
        using var temp = new TempDirectory();
        var clock = new ObservedTimeProvider();
        await using var sim = new LiveSimulator(8, temp.Combine("link.key"), factoryFresh: false, time: clock);
        var (tcp, transport) = await sim.ConnectAsync();
        using (tcp)
        {
            int truncatedBefore = sim.Simulation.Firmware.Link.GetRejectCount(LinkRejectReason.Truncated);
            await tcp.GetStream().WriteAsync(new byte[] { 0, 0 }, sim.Deadline);
            await transport.SendAsync(Hello(), sim.Deadline);
            var answer = new byte[LinkProtocol.MaxFrameSize + 1];
            int length = await transport.ReceiveAsync(answer, sim.Deadline);

            Assert.True(length > 0, "the connection ended at the empty record");
            Assert.Equal((byte)LinkMessageType.HelloChallenge, answer[LinkProtocol.OffsetType]);
            Assert.Equal(truncatedBefore + 1, sim.Simulation.Firmware.Link.GetRejectCount(LinkRejectReason.Truncated));
        }
    }
}
