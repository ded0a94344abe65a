package dev.atoll.tests.query;

public enum Color {
    RED, GREEN, BLUE
}
