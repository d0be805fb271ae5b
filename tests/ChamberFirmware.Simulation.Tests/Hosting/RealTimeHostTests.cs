using System;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using ChamberFirmware.ConsoleLink.Client;
using ChamberFirmware.ConsoleLink.Transport;
using ChamberFirmware.Simulation.Engine;
using ChamberFirmware.Simulation.Hosting;
using Xunit;

namespace ChamberFirmware.Simulation.Tests.Hosting;

public sealed class RealTimeHostTests
{
    [Fact]
    public async Task A_console_connects_over_tcp_exactly_as_to_a_device()
    {
        byte[] key = new byte[32];
        key[5] = 42;
        var simulation = new ChamberSimulation(new SimulationSetup { Provisioning = ProvisioningMode.GivenKey, LinkKey = key, CryptographicDeviceNonces = true });
        await using var host = new RealTimeHost(simulation, TimeProvider.System);
        host.StartServers(0, null, null);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        Task running = host.RunAsync(SimulationSpeed.RealTime, 60_000, TimeSpan.FromMilliseconds(100), () => { }, stop.Token);

        var tcp = new TcpClient();
        await tcp.ConnectAsync(host.LinkEndPoint!, stop.Token);
        await using var client = new ConsoleLinkClient(new LengthPrefixedStreamTransport(tcp.GetStream()), key, new SeededNonceSource(3));
        var confirm = await client.ConnectAsync(stop.Token);
        await client.SendHeartbeatAsync(stop.Token);
        var status = await client.GetStatusAsync(stop.Token);
        await stop.CancelAsync();
        await running;

        Assert.True(confirm.Reply.IsOk);
        Assert.True(status.Status.Provisioned);
        Assert.Equal(Core.Treatment.ChamberState.Idle, status.Status.State);
        Assert.True(simulation.Firmware.Link.AcceptedFrameCount >= 3);
    }

    [Theory]
    [InlineData("1", 1.0)]
    [InlineData("10", 10.0)]
    [InlineData("0.5", 0.5)]
    public void Speeds_parse_as_factors(string text, double factor) => Assert.Equal(factor, SimulationSpeed.Parse(text).Factor);

    [Fact]
    public void Max_speed_and_durations_parse()
    {
        Assert.True(SimulationSpeed.Parse("MAX").IsMax);
        Assert.Equal(30_000, DurationText.ParseMilliseconds("30s"));
        Assert.Equal(300_000, DurationText.ParseMilliseconds("5m"));
        Assert.Equal(250, DurationText.ParseMilliseconds("250ms"));
        Assert.Equal(new SeedRange(1, 20), SeedRange.Parse("1..20"));
        Assert.Equal(new SeedRange(7, 7), SeedRange.Parse("7"));
    }
}
