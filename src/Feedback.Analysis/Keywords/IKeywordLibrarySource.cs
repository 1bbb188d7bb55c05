namespace Feedback.Analysis.Keywords;

/// <summary>Where the analyzer gets the library in force; it may change between two calls.</summary>
public interface IKeywordLibrarySource
{
    KeywordLibrary Current { get; }
}

/// <summary>The built-in library, for tools and tests that have no store.</summary>
public sealed class DefaultKeywordSource : IKeywordLibrarySource
{
    public static DefaultKeywordSource Instance { get; } = new();
    public KeywordLibrary Current { get; } = DefaultKeywords.Load();
}
