namespace Feedback.Analysis.Text;

/// <summary>
/// Traditional → simplified, one character at a time, from OpenCC's tables (Data/t2s.txt). Enough for
/// matching: the keyword library and the text are both folded the same way.
/// </summary>
public static class ScriptConverter
{
    private static readonly char[] Table = Load();
    private static readonly sbyte[] Markers = LoadMarkers();

    /// <summary>The simplified form of a character, or the character itself.</summary>
    public static char ToSimplified(char c) => Table[c];

    /// <summary>+1 for a character only traditional script uses, -1 for one only simplified uses, 0 otherwise.</summary>
    public static int ScriptMarker(char c) => Markers[c];

    public static string ToSimplified(string text) => string.Create(text.Length, text, (span, source) =>
    {
        for (var i = 0; i < source.Length; i++) span[i] = Table[source[i]];
    });

    private static sbyte[] LoadMarkers()
    {
        var markers = new sbyte[char.MaxValue + 1];
        using var reader = new StreamReader(Resource("scripts.txt"));
        foreach (var c in reader.ReadLine() ?? "") markers[c] = 1;
        foreach (var c in reader.ReadLine() ?? "") markers[c] = -1;
        return markers;
    }

    private static Stream Resource(string name) => typeof(ScriptConverter).Assembly.GetManifestResourceStream(name)
        ?? throw new InvalidOperationException($"The embedded {name} table is missing.");

    private static char[] Load()
    {
        var table = new char[char.MaxValue + 1];
        for (var i = 0; i < table.Length; i++) table[i] = (char)i;
        using var reader = new StreamReader(Resource("t2s.txt"));
        while (reader.ReadLine() is { } line)
            if (line.Length == 2) table[line[0]] = line[1];
        return table;
    }
}
