package dev.atoll.bench.model;

import dev.atoll.internal.codec.Accessors;

import java.util.List;

/**
 * Written by hand for the benchmark: what an annotation processor would generate for {@link Post} (direct
 * field reads and writes, {@code new}) in place of reflection. Properties by schema position (sorted by
 * name): archived, averageWordLength, title, wordCount, words. Used only when {@value Accessors#PROPERTY} is true.
 */
public final class Post_Accessors implements Accessors {
    @Override
    public Object create(Object[] args) {
        return new Post();
    }

    @Override
    public Object get(Object object, int index) {
        Post p = (Post) object;
        return switch (index) {
            case 0 -> p.archived;
            case 1 -> p.averageWordLength;
            case 2 -> p.title;
            case 3 -> p.wordCount;
            case 4 -> p.words;
            default -> throw new IndexOutOfBoundsException(index);
        };
    }

    @Override
    @SuppressWarnings("unchecked")
    public void set(Object object, int index, Object value) {
        Post p = (Post) object;
        switch (index) {
            case 0 -> p.archived = (Boolean) value;
            case 1 -> p.averageWordLength = (Double) value;
            case 2 -> p.title = (String) value;
            case 3 -> p.wordCount = (Integer) value;
            case 4 -> p.words = (List<String>) value;
            default -> throw new IndexOutOfBoundsException(index);
        }
    }

    @Override
    public int getInt(Object object, int index) {
        if (index == 3) {
            return ((Post) object).wordCount;
        }
        throw new IndexOutOfBoundsException(index);
    }

    @Override
    public void setInt(Object object, int index, int value) {
        if (index == 3) {
            ((Post) object).wordCount = value;
            return;
        }
        throw new IndexOutOfBoundsException(index);
    }

    @Override
    public double getDouble(Object object, int index) {
        if (index == 1) {
            return ((Post) object).averageWordLength;
        }
        throw new IndexOutOfBoundsException(index);
    }

    @Override
    public void setDouble(Object object, int index, double value) {
        if (index == 1) {
            ((Post) object).averageWordLength = value;
            return;
        }
        throw new IndexOutOfBoundsException(index);
    }

    @Override
    public boolean getBoolean(Object object, int index) {
        if (index == 0) {
            return ((Post) object).archived;
        }
        throw new IndexOutOfBoundsException(index);
    }

    @Override
    public void setBoolean(Object object, int index, boolean value) {
        if (index == 0) {
            ((Post) object).archived = value;
            return;
        }
        throw new IndexOutOfBoundsException(index);
    }

    @Override
    public long id(Object object) {
        return ((Post) object).id;
    }

    @Override
    public void setId(Object object, long id) {
        ((Post) object).id = id;
    }
}
