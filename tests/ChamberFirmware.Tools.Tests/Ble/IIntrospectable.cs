using System.Threading.Tasks;
using Tmds.DBus;

namespace ChamberFirmware.Tools.Tests.Ble;

/// <summary>org.freedesktop.DBus.Introspectable (D-Bus specification), to read what the stand-in really exports.</summary>
[DBusInterface("org.freedesktop.DBus.Introspectable")]
public interface IIntrospectable : IDBusObject
{
    Task<string> IntrospectAsync();
}
