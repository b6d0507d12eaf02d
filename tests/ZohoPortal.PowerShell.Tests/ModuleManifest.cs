using System.Collections;
using System.Management.Automation.Language;

namespace ZohoPortal.PowerShell.Tests;

/// <summary>The staged manifest read as data (parsed, never executed), the way Import-Module reads it.</summary>
public static class ModuleManifest
{
    public static Hashtable Read(string? path = null)
    {
        var ast = Parser.ParseFile(path ?? ModulePath.Manifest, out _, out var errors);
        Assert.Empty(errors);
        var table = ast.Find(a => a is HashtableAst, searchNestedScriptBlocks: false) as HashtableAst
                    ?? throw new InvalidOperationException("The manifest holds no hashtable.");
        return (Hashtable)table.SafeGetValue();
    }

    public static IReadOnlyList<string> Strings(string key, string? path = null)
    {
        var value = Read(path)[key];
        return value switch
        {
            null => Array.Empty<string>(),
            string s => new[] { s },
            object[] items => items.Select(i => (string)i).ToList(),
            _ => throw new InvalidOperationException(key + " is neither a string nor an array."),
        };
    }
}
