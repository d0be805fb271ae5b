using System;
using ChamberFirmware.Core.Link;
using Xunit;
using Xunit.Abstractions;
using ChamberFirmware.Core.Wire;

namespace ChamberFirmware.Core.Tests.Link;

public class LinkServerFuzzTests
{
    private readonly ITestOutputHelper _output;

    public LinkServerFuzzTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public void A_million_random_and_mutated_frames_never_crash_never_authenticate_and_keep_memory_bounded()
    {
        const int Frames = 1_000_000;
        var rig = new LinkTestRig(rejectBurst: 100_000, rejectPerSecond: 100_000);
        var console = rig.Connect();

        // Genuine frames to mutate: every command shape, sealed in the bound session.
        byte[][] seeds =
        {
            console.Frame(LinkMessageType.Heartbeat),
            console.Frame(LinkMessageType.Arm, new byte[LinkPayloads.ProfileSize]),
            console.Frame(LinkMessageType.SetSettings, new byte[LinkPayloads.SettingsSize]),
            console.Frame(LinkMessageType.ProvisionLinkKey, new byte[LinkProtocol.DeviceKeySize]),
            console.Frame(LinkMessageType.Start),
            console.Frame(LinkMessageType.ClearFault),
        };

        // Deliver them once, so a mutation that happens to restore one is a replay, not news.
        foreach (byte[] seed in seeds)
        {
            rig.Send(seed);
        }

        int heartbeatsBefore = rig.Control.HeartbeatCount;
        int acceptedBefore = rig.Server.AcceptedFrameCount;
        int[] countsBefore = (int[])rig.Server.RejectCounts.Clone();
        byte[] genuine = new byte[LinkProtocol.MaxFrameSize];
        byte[] frame = new byte[LinkProtocol.MaxFrameSize + 64];
        byte[] response = new byte[LinkProtocol.MaxFrameSize];
        var random = new Random(20240501);
        int legitimate = 0;
        int accepted = 0;
        int forgedAt = -1;
        int lostGenuineAt = -1;
        int falseAccepts = 0;
        int falseAcceptAt = -1;

        // Memory bound: the bytes this thread allocated in the loop, which is exact and
        // deterministic (every per-frame allocation shows, even one the GC would reclaim), so
        // nothing the loop does can grow the heap. (The process-wide heap is no measure here:
        // other test classes run in parallel in the same process.)
        long bytesBefore = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Frames; i++)
        {
            int length;
            int kind = random.Next(4);
            if (kind == 0)
            {
                // Pure noise of any length, sometimes with a plausible header.
                length = random.Next(frame.Length + 1);
                random.NextBytes(frame.AsSpan(0, length));
                if (length >= LinkProtocol.HeaderSize && random.Next(2) == 0)
                {
                    frame[0] = LinkProtocol.Version;
                    LittleEndian.WriteUInt16(frame, 2, Math.Max(0, length - LinkProtocol.MinFrameSize));
                }
            }
            else
            {
                // A genuine frame with 1..4 mutations (bit flips, byte sets, cut or extended tail).
                byte[] seed = seeds[random.Next(seeds.Length)];
                Array.Copy(seed, frame, seed.Length);
                length = seed.Length;
                int mutations = 1 + random.Next(4);
                bool changed = false;
                for (int m = 0; m < mutations; m++)
                {
                    switch (random.Next(4))
                    {
                        case 0:
                        {
                            int bit = random.Next(length * 8);
                            frame[bit / 8] ^= (byte)(1 << (bit % 8));
                            changed = true;
                            break;
                        }

                        case 1:
                        {
                            int at = random.Next(length);
                            byte value = (byte)random.Next(256);
                            changed |= frame[at] != value;
                            frame[at] = value;
                            break;
                        }

                        case 2:
                            length = random.Next(length);
                            changed = true;
                            break;
                        default:
                            int extra = 1 + random.Next(16);
                            random.NextBytes(frame.AsSpan(length, extra));
                            length += extra;
                            changed = true;
                            break;
                    }
                }

                if (!changed)
                {
                    frame[random.Next(length == 0 ? 1 : length)] ^= 0x80;
                }
            }

            // 20 µs per frame: the budget (100k/s) refills faster than the fuzz drains it, so every
            // frame is actually parsed and checked rather than dropped unread.
            rig.Clock.AdvanceMicroseconds(20);
            int before = rig.Control.HeartbeatCount + rig.Control.ActuationCalls;
            rig.Server.ProcessFrame(frame, 0, length, response, 0);
            if (rig.Server.LastRejectReason == LinkRejectReason.None)
            {
                accepted++;

                // A false accept: anything but a Hello (which only opens a pending handshake)
                // taken from the fuzz. Nothing else may pass without the session keys.
                if (length < LinkProtocol.HeaderSize || frame[LinkProtocol.OffsetType] != (byte)LinkMessageType.Hello)
                {
                    falseAccepts++;
                    falseAcceptAt = falseAcceptAt < 0 ? i : falseAcceptAt;
                }
            }

            // Nothing forged ever reaches the chamber or the provisioning store. (Plain checks in
            // the loop: Assert allocates, and the loop's allocations are what is measured.)
            if (before != rig.Control.HeartbeatCount + rig.Control.ActuationCalls)
            {
                forgedAt = forgedAt < 0 ? i : forgedAt;
            }

            // Every 1000 frames the genuine console must still get through: the fuzz moved nothing.
            if (i % 1000 == 999)
            {
                int sealedLength = console.Session.Seal((byte)LinkMessageType.Heartbeat, genuine, 0, 0);
                rig.Server.ProcessFrame(genuine, 0, sealedLength, response, 0);
                legitimate++;
                if (heartbeatsBefore + legitimate != rig.Control.HeartbeatCount)
                {
                    lostGenuineAt = lostGenuineAt < 0 ? i : lostGenuineAt;
                }
            }
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - bytesBefore;
        _output.WriteLine($"{Frames} frames: {accepted} accepted (Hellos), {falseAccepts} false accepts, {allocated} bytes allocated");
        Assert.True(falseAccepts == 0, $"{falseAccepts} fuzzed frames were accepted without the key, the first at frame {falseAcceptAt}");
        Assert.Equal(-1, forgedAt);
        Assert.Equal(-1, lostGenuineAt);
        Assert.True(allocated < 4096, $"the fuzz loop allocated {allocated} bytes");
        Assert.Empty(rig.Provisioning.Calls);
        Assert.Equal(LinkTestRig.DeviceKey, rig.Provisioning.CommittedKey);

        // Only unauthenticated Hellos (which touch nothing but the pending handshake) can pass.
        int counted = 0;
        for (int r = 0; r < countsBefore.Length; r++)
        {
            counted += rig.Server.RejectCounts[r] - countsBefore[r];
        }

        Assert.Equal(Frames, counted + accepted);
        Assert.Equal(accepted + legitimate, rig.Server.AcceptedFrameCount - acceptedBefore);
        Assert.True(rig.Server.GetRejectCount(LinkRejectReason.BadTag) > 100_000);
        Assert.Equal(0, rig.Server.GetRejectCount(LinkRejectReason.RateLimited));
    }
}
