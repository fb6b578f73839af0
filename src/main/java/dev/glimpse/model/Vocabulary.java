package dev.glimpse.model;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The model's token table: one entry per id; ordinary entries are single code points, the special
 * entries (pad, bos, eos, unk) are addressed by id only.
 */
public final class Vocabulary {

    private final List<String> tokens;
    private final Map<String, Integer> ids;
    private final int pad;
    private final int bos;
    private final int eos;
    private final int unk;

    public Vocabulary(List<String> tokens, int pad, int bos, int eos, int unk) {
        this.tokens = List.copyOf(tokens);
        for (int special : new int[] {pad, bos, eos, unk}) {
            if (special < 0 || special >= tokens.size()) {
                throw new IllegalArgumentException(
                        "special id " + special + " is outside the vocabulary of " + tokens.size());
            }
        }
        this.pad = pad;
        this.bos = bos;
        this.eos = eos;
        this.unk = unk;
        this.ids = new HashMap<>();
        for (int id = 0; id < this.tokens.size(); id++) {
            if (!isSpecial(id)) {
                Integer previous = ids.put(this.tokens.get(id), id);
                if (previous != null) {
                    throw new IllegalArgumentException(
                            "vocabulary entry " + quote(this.tokens.get(id)) + " appears twice (ids "
                                    + previous + " and " + id + ")");
                }
            }
        }
    }

    /** The id of one code-point token; characters the model never saw map to unk. */
    public int id(String token) {
        return ids.getOrDefault(token, unk);
    }

    public int[] encode(List<String> tokens) {
        int[] out = new int[tokens.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = id(tokens.get(i));
        }
        return out;
    }

    public String token(int id) {
        return tokens.get(id);
    }

    public boolean isSpecial(int id) {
        return id == pad || id == bos || id == eos || id == unk;
    }

    public int size() {
        return tokens.size();
    }

    public int pad() {
        return pad;
    }

    public int bos() {
        return bos;
    }

    public int eos() {
        return eos;
    }

    public int unk() {
        return unk;
    }

    static String quote(String token) {
        StringBuilder out = new StringBuilder("'");
        token.codePoints().forEach(cp -> {
            if (Character.isISOControl(cp) || Character.isWhitespace(cp)) {
                out.append(String.format("\\u%04x", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.append('\'').toString();
    }
}
