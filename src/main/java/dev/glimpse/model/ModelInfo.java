package dev.glimpse.model;

/** Identity of a model bundle, as written in its model.json. */
public record ModelInfo(String name, String version) {}
