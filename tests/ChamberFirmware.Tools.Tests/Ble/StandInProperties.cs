using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Tmds.DBus;

namespace ChamberFirmware.Tools.Tests.Ble;

/// <summary>
/// org.freedesktop.DBus.Properties for one stand-in object: Get/GetAll/Set, and PropertiesChanged
/// emitted through the handler Tmds.DBus registers when the object is exported. Read-only
/// properties refuse Set with BlueZ's error.
/// </summary>
internal sealed class StandInProperties
{
    private readonly Dictionary<string, object> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _writable;
    private readonly object _lock = new();
    private Action<PropertyChanges>? _changed;

    public StandInProperties(params string[] writable)
    {
        _writable = new HashSet<string>(writable, StringComparer.Ordinal);
    }

    public object this[string name]
    {
        get
        {
            lock (_lock)
            {
                return _values[name];
            }
        }
    }

    /// <summary>Sets a value without a signal (before export).</summary>
    public void Init(string name, object value)
    {
        lock (_lock)
        {
            _values[name] = value;
        }
    }

    public void Remove(string name)
    {
        lock (_lock)
        {
            _values.Remove(name);
        }
    }

    /// <summary>Sets a value and emits PropertiesChanged for it.</summary>
    public void Change(string name, object value)
    {
        Action<PropertyChanges>? changed;
        lock (_lock)
        {
            _values[name] = value;
            changed = _changed;
        }

        changed?.Invoke(PropertyChanges.ForProperty(name, value));
    }

    public bool TryGet(string name, out object? value)
    {
        lock (_lock)
        {
            return _values.TryGetValue(name, out value);
        }
    }

    public IDictionary<string, object> Snapshot()
    {
        lock (_lock)
        {
            return new Dictionary<string, object>(_values, StringComparer.Ordinal);
        }
    }

    public Task<object> GetAsync(string prop)
    {
        lock (_lock)
        {
            return _values.TryGetValue(prop, out object? value)
                ? Task.FromResult(value)
                : Task.FromException<object>(new DBusException("org.freedesktop.DBus.Error.InvalidArgs", "No such property '" + prop + "'"));
        }
    }

    public Task<IDictionary<string, object>> GetAllAsync() => Task.FromResult(Snapshot());

    public Task SetAsync(string prop, object val)
    {
        if (!_writable.Contains(prop))
        {
            return Task.FromException(new DBusException("org.freedesktop.DBus.Error.PropertyReadOnly", "Property '" + prop + "' is not writable"));
        }

        Change(prop, val);
        return Task.CompletedTask;
    }

    public Task<IDisposable> WatchAsync(Action<PropertyChanges> handler)
    {
        lock (_lock)
        {
            _changed += handler;
        }

        return Task.FromResult<IDisposable>(new Unwatch(this, handler));
    }

    private sealed class Unwatch(StandInProperties owner, Action<PropertyChanges> handler) : IDisposable
    {
        public void Dispose()
        {
            lock (owner._lock)
            {
                owner._changed -= handler;
            }
        }
    }
}
