using System.Collections.Generic;
using ChamberFirmware.Core.Link;
using ChamberFirmware.Core.Tests.Runtime;

namespace ChamberFirmware.Core.Tests.Link;

/// <summary>
/// The runtime behind a model of firmware/ChamberFirmware.App.Esp32/Ble/ControlGattService: each
/// GATT event (write, subscribers changed, session closed, telemetry) is handled as that adapter
/// handles it, with CentralBinding deciding, so an attack by several centrals runs on the host. The
/// adapter posts an admitted write to the LinkInbox for the link thread; here it is processed at once
/// (the inbox and the LinkPump have tests of their own).
/// </summary>
public sealed class BleCentralRig
{
    /// <summary><see cref="Write"/>'s answer when the write was refused with a protocol error.</summary>
    public const int Refused = -1;

    private readonly byte[] _response = new byte[LinkProtocol.MaxFrameSize];
    private readonly byte[] _telemetry = new byte[LinkProtocol.MaxFrameSize];
    private readonly Dictionary<int, int> _notifications = new();
    private int[] _subscribers = System.Array.Empty<int>();

    public BleCentralRig(int seed)
    {
        Rig = new RuntimeRig(seed);
    }

    public RuntimeRig Rig { get; }

    public CentralBinding Binding { get; } = new();

    /// <summary>A GATT write from <paramref name="central"/>: the response length, or <see cref="Refused"/>.</summary>
    public int Write(int central, byte[] frame)
    {
        if (!Binding.AdmitWrite(central))
        {
            return Refused;
        }

        int length = Rig.Runtime.HandleLinkFrame(frame, 0, frame.Length, _response, 0);
        if (length > 0)
        {
            Notify();
        }

        return length;
    }

    /// <summary>The characteristic's subscribers are now exactly <paramref name="centrals"/>.</summary>
    public void Subscribe(params int[] centrals)
    {
        _subscribers = centrals;
        if (Binding.OnSubscribersChanged(centrals, centrals.Length))
        {
            Rig.Runtime.OnLinkTransportClosed();
        }
    }

    /// <summary>The server's GATT session reports Closed (some central disconnected).</summary>
    public void Disconnect()
    {
        if (Binding.OnSessionClosed())
        {
            Rig.Runtime.OnLinkTransportClosed();
        }
    }

    public void SendTelemetry()
    {
        if (Rig.Runtime.BuildTelemetryFrame(_telemetry, 0) > 0)
        {
            Notify();
        }
    }

    public int NotificationsTo(int central) => _notifications.TryGetValue(central, out int count) ? count : 0;

    private void Notify()
    {
        foreach (int central in _subscribers)
        {
            if (Binding.MayNotify(central))
            {
                _notifications[central] = NotificationsTo(central) + 1;
            }
        }
    }
}
