package dev.atoll.tests.query;

import dev.atoll.schema.Embedded;

@Embedded
public class Author {
    public String name;
    public int age;

    public Author() {
    }

    public Author(String name, int age) {
        this.name = name;
        this.age = age;
    }
}
