namespace VideoVault.Benchmarks.Scaling;

/// <param name="Items">Tasks queued (sweep) or listed (page).</param>
/// <param name="TableOperations">Table requests the code issued in one run.</param>
/// <param name="QueueOperations">Queue requests (the sweep's reconcile messages).</param>
internal sealed record Measured(int Items, double Seconds, long TableOperations, long QueueOperations)
{
    public long Operations => TableOperations + QueueOperations;
}

/// <summary>One operation through the index and as a scan of the table, and for a page the one query it is made of, issued alone.</summary>
internal sealed record Comparison(Measured Index, Measured Scan, Measured? Floor = null)
{
    public double TimeRatio => Index.Seconds / Scan.Seconds;

    /// <summary>Index / floor time: how much the product adds to the one query of a page.</summary>
    public double? FloorRatio => Floor is { } floor ? Index.Seconds / floor.Seconds : null;

    public double OperationsRatio => (double)Index.Operations / Scan.Operations;
}

/// <param name="SeedIndexSeconds">Writing the index rows (not compared with anything; says what a run costs).</param>
/// <param name="SeedTaskSeconds">Writing the task rows.</param>
internal sealed record ScalingFigures(int Tasks, int OpenTasks, double SeedIndexSeconds, double SeedTaskSeconds, Comparison Sweep, Comparison PendingPage, Comparison FirstPage);
