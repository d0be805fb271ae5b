using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;

namespace ChamberCtl.Release;

/// <summary>
/// The public keys a bundle may be signed with: the PEMs checked in under Release/TrustedKeys
/// (embedded in chamberctl at build time, so a bundle cannot bring its own), plus any given
/// explicitly with --trusted-key (tests, or a new key before the next chamberctl release).
/// </summary>
internal sealed class TrustedKeyStore : IDisposable
{
    private const string ResourcePrefix = "ChamberCtl.Release.TrustedKeys.";
    private readonly Dictionary<string, (ECDsa Key, string Source)> _keys = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> KeyIds => _keys.Keys;

    public static TrustedKeyStore Create(IEnumerable<string> extraPemFiles, bool includeEmbedded = true)
    {
        var store = new TrustedKeyStore();
        if (includeEmbedded)
        {
            var assembly = typeof(TrustedKeyStore).Assembly;
            foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".pem", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
            {
                using var stream = assembly.GetManifestResourceStream(name)!;
                using var reader = new StreamReader(stream);
                store.Add(reader.ReadToEnd(), "embedded " + name[ResourcePrefix.Length..]);
            }
        }

        foreach (var file in extraPemFiles)
        {
            if (!File.Exists(file))
            {
                store.Dispose();
                throw new FileNotFoundException("trusted key file not found: " + file, file);
            }

            store.Add(File.ReadAllText(file), file);
        }

        return store;
    }

    public bool TryGet(string keyId, out ECDsa key, out string source)
    {
        if (_keys.TryGetValue(keyId, out var entry))
        {
            key = entry.Key;
            source = entry.Source;
            return true;
        }

        key = null!;
        source = string.Empty;
        return false;
    }

    private void Add(string pem, string source)
    {
        var key = SigningKeys.LoadPublicKey(pem, source);
        var id = SigningKeys.KeyId(key);
        if (!_keys.TryAdd(id, (key, source)))
        {
            key.Dispose();
        }
    }

    public void Dispose()
    {
        foreach (var entry in _keys.Values)
        {
            entry.Key.Dispose();
        }

        _keys.Clear();
    }
}
