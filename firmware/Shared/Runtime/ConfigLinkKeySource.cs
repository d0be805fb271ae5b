using ChamberFirmware.Core.Config;
using ChamberFirmware.Core.Link;

namespace ChamberFirmware.Core.Runtime
{
    /// <summary>
    /// The link server's view of the committed link key: the configuration store in force. Adapts
    /// ConfigStore.CopyLinkKey (true/false) to ILinkKeySource (key length or 0).
    /// </summary>
    public sealed class ConfigLinkKeySource : ILinkKeySource
    {
        private readonly ConfigStore _store;

        public ConfigLinkKeySource(ConfigStore store)
        {
            _store = store;
        }

        public int CopyLinkKey(byte[] destination, int offset)
        {
            if (destination == null || offset < 0 || offset > destination.Length - ConfigRecord.LinkKeyLength)
            {
                return 0;
            }

            return _store.CopyLinkKey(destination, offset) ? ConfigRecord.LinkKeyLength : 0;
        }
    }
}
