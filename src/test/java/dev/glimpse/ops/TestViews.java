package dev.glimpse.ops;

import java.util.ArrayList;
import java.util.List;

/** Attention views for tests: a word reversed, with the attention on the mirrored character. */
final class TestViews {

    private TestViews() {}

    static AttentionView reversed(String id, String word) {
        List<String> source = word.codePoints().mapToObj(Character::toString).toList();
        List<String> target = new ArrayList<>(source);
        java.util.Collections.reverse(target);
        int n = source.size();
        List<List<Float>> weights = new ArrayList<>();
        List<Float> entropy = new ArrayList<>();
        for (int row = 0; row < n; row++) {
            List<Float> r = new ArrayList<>();
            for (int col = 0; col < n; col++) {
                float w = n == 1 ? 1f : (col == n - 1 - row ? 0.9f : 0.1f / (n - 1));
                r.add(w);
            }
            weights.add(r);
            entropy.add(0.5f);
        }
        return new AttentionView(id, id, "reverse", "1", source, target, weights, entropy, 0.5, 0, 0, 0);
    }
}
