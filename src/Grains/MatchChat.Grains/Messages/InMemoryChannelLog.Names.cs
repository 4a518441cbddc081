namespace MatchChat.Grains.Messages;

internal sealed partial class InMemoryChannelLog
{
    /// <summary>The distinct sender ids (or handles) of a channel, each kept once: a list, indexed once it grows.</summary>
    private sealed class Names
    {
        private const int IndexFrom = 16;
        private readonly List<string> _names = [];
        private Dictionary<string, int>? _index;

        public string this[int index] => _names[index];

        public int IndexOf(string name)
        {
            if (_index is not null)
            {
                return _index.GetValueOrDefault(name, -1);
            }

            for (var i = 0; i < _names.Count; i++)
            {
                if (string.Equals(_names[i], name, StringComparison.Ordinal))
                {
                    return i;
                }
            }

            return -1;
        }

        public int Add(string name)
        {
            var index = IndexOf(name);
            return index >= 0 ? index : Append(name);
        }

        /// <summary>Adds a name that is not in the list yet.</summary>
        public int Append(string name)
        {
            _names.Add(name);
            if (_index is not null)
            {
                _index[name] = _names.Count - 1;
            }
            else if (_names.Count >= IndexFrom)
            {
                _index = new Dictionary<string, int>(StringComparer.Ordinal);
                for (var i = 0; i < _names.Count; i++)
                {
                    _index[_names[i]] = i;
                }
            }

            return _names.Count - 1;
        }
    }
}
