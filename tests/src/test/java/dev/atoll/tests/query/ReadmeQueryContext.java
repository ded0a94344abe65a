package dev.atoll.tests.query;

import dev.atoll.Atoll;
import dev.atoll.AtollCollection;

/**
 * The variables the README's query example (a fragment by design) uses; {@code ReadmeCompileTest}
 * compiles that fragment inside a subclass of this. {@link ReadmeQueryExampleTest} runs it.
 */
public abstract class ReadmeQueryContext {
    protected Atoll db;
    protected Atoll restored;
    protected AtollCollection<Post> posts;
    protected AtollCollection<Post> other;
    protected long t0;
    protected long t1;
}
