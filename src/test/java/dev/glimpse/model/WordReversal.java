package dev.glimpse.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The reference task's rule, written independently of the engine: reverse every word by code point. */
final class WordReversal {

    private WordReversal() {}

    static String reverseWords(String text) {
        StringBuilder out = new StringBuilder(text.length());
        List<String> word = new ArrayList<>();
        for (String token : CodePoints.split(text)) {
            if (CodePoints.isWhitespace(token)) {
                flush(word, out);
                out.append(token);
            } else {
                word.add(token);
            }
        }
        flush(word, out);
        return out.toString();
    }

    private static void flush(List<String> word, StringBuilder out) {
        Collections.reverse(word);
        word.forEach(out::append);
        word.clear();
    }
}
