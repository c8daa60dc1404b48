namespace VideoVault.Tests.Architecture;

/// <summary>
/// The core's folders follow the flows and depend one way: the task model at the bottom, the stores and the
/// endpoints at the top. A folder that names one which names it back (directly or round a longer loop) fails.
/// </summary>
public sealed class FolderDependencyTests
{
    [Fact]
    public void No_folder_depends_on_one_that_depends_on_it()
    {
        var graph = Graph();

        var cycle = FindCycle(graph);

        Assert.True(cycle is null, $"Folders that depend on each other: {string.Join(" -> ", cycle ?? [])}");
    }

    [Fact]
    public void The_task_model_and_the_root_name_no_flow()
    {
        var graph = Graph();

        Assert.Empty(graph.GetValueOrDefault("(root)", []));
        Assert.Empty(graph.GetValueOrDefault("Tasks", []).Except(["Catalog", "PiApi"]));
    }

    [Fact]
    public void The_reader_sees_a_real_dependency()
    {
        Assert.Equal(["Events", "Tasks"], SourceTree.FoldersNamedIn("using VideoVault.Events;\nnamespace VideoVault.Http;\nvar x = new VideoVault.Tasks.VideoTask();\n// VideoVault.Workers\nvar r = \"VideoVault.Http.openapi.json\";"));
    }

    private static Dictionary<string, HashSet<string>> Graph()
    {
        var graph = new Dictionary<string, HashSet<string>>();
        foreach (var file in SourceTree.CoreFiles(".cs"))
        {
            var folder = SourceTree.FolderOf(file);
            var named = graph.TryGetValue(folder, out var set) ? set : graph[folder] = [];
            named.UnionWith(SourceTree.FoldersNamedIn(File.ReadAllText(file)).Where(other => other != folder));
        }

        Assert.True(graph.Count > 10, $"Only {graph.Count} folders found under {SourceTree.CoreRoot}");
        return graph;
    }

    /// <returns>A loop of folders, first repeated last, or null when there is none.</returns>
    private static List<string>? FindCycle(Dictionary<string, HashSet<string>> graph)
    {
        var done = new HashSet<string>();
        var path = new List<string>();
        foreach (var start in graph.Keys.Order(StringComparer.Ordinal))
        {
            if (Visit(start) is { } cycle)
            {
                return cycle;
            }
        }

        return null;

        List<string>? Visit(string folder)
        {
            if (path.IndexOf(folder) is var at and >= 0)
            {
                return [.. path[at..], folder];
            }

            if (!done.Add(folder))
            {
                return null;
            }

            path.Add(folder);
            foreach (var next in graph.GetValueOrDefault(folder, []).Order(StringComparer.Ordinal))
            {
                if (Visit(next) is { } cycle)
                {
                    return cycle;
                }
            }

            path.RemoveAt(path.Count - 1);
            return null;
        }
    }
}
