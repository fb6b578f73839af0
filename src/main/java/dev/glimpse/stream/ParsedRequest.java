package dev.glimpse.stream;

import java.util.Map;
import java.util.Objects;

/**
 * A request as decoded from the input, before an id is assigned.
 *
 * @param id the caller's id, or null when the request has none (Glimpse then assigns
 *     topic-partition-offset)
 * @param text the text to translate, validated: not blank, within the length limit
 * @param attributes the caller's attributes, copied to the Translation
 * @param format how the request was encoded
 */
public record ParsedRequest(String id, String text, Map<String, String> attributes, RequestFormat format) {

    public ParsedRequest {
        Objects.requireNonNull(text, "text");
        attributes = Map.copyOf(attributes);
        Objects.requireNonNull(format, "format");
    }
}
