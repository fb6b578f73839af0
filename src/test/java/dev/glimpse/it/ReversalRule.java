package dev.glimpse.it;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The reference task, written independently of the model: reverse every word, keep all whitespace. */
public final class ReversalRule {

    private static final Pattern WORD = Pattern.compile("\\S+");

    private ReversalRule() {}

    public static String apply(String text) {
        Matcher m = WORD.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String word = m.group();
            m.appendReplacement(sb, Matcher.quoteReplacement(new StringBuilder(word).reverse().toString()));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
