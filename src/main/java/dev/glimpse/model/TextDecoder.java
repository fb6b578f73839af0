package dev.glimpse.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntUnaryOperator;

/**
 * Text in, {@link TranslationResult} out, over any {@link StepModel}: splits text into code points,
 * cuts it into segments that fit the model, decodes every segment of every text in length-sorted
 * batches, replaces emitted unknowns through attention and joins the segments back with the
 * original whitespace. Stateless between calls, so safe for concurrent callers.
 */
public final class TextDecoder {

    private final Vocabulary vocabulary;
    private final StepModel model;
    private final Segmenter segmenter;
    private final IntUnaryOperator targetLimit;
    private final int maxBatchRows;
    private final GreedyDecoder decoder;

    /**
     * @param maxSourceLength the most tokens one segment may have
     * @param segmentLength the most tokens of one run of words cut from text over {@code maxSourceLength}
     * @param targetLimit source length to the most tokens the model may emit for it
     * @param maxBatchRows the most segments decoded in one model batch
     */
    public TextDecoder(Vocabulary vocabulary, StepModel model, int maxSourceLength, int segmentLength,
            IntUnaryOperator targetLimit, int maxBatchRows) {
        if (maxBatchRows < 1) {
            throw new IllegalArgumentException("batch size must be positive: " + maxBatchRows);
        }
        this.vocabulary = vocabulary;
        this.model = model;
        this.segmenter = new Segmenter(maxSourceLength, segmentLength);
        this.targetLimit = targetLimit;
        this.maxBatchRows = maxBatchRows;
        this.decoder = new GreedyDecoder(vocabulary.bos(), vocabulary.eos(), vocabulary.pad());
    }

    public TranslationResult translate(String text) {
        return translate(List.of(text)).get(0);
    }

    public List<TranslationResult> translate(List<String> texts) {
        List<Plan> plans = new ArrayList<>(texts.size());
        List<Job> jobs = new ArrayList<>();
        for (String text : texts) {
            Plan plan = new Plan(text);
            for (Segmenter.Piece piece : plan.pieces) {
                if (piece.translated()) {
                    Job job = new Job(plan, piece,
                            vocabulary.encode(plan.tokens.subList(piece.start(), piece.end())));
                    plan.jobs.add(job);
                    jobs.add(job);
                }
            }
            plans.add(plan);
        }
        decodeAll(jobs);
        List<TranslationResult> results = new ArrayList<>(plans.size());
        for (Plan plan : plans) {
            results.add(assemble(plan));
        }
        return results;
    }

    /** Similar lengths share a batch, so little of each batch is padding. */
    private void decodeAll(List<Job> jobs) {
        List<Job> sorted = new ArrayList<>(jobs);
        sorted.sort(Comparator.comparingInt((Job job) -> job.ids.length).reversed());
        for (int from = 0; from < sorted.size(); from += maxBatchRows) {
            List<Job> batch = sorted.subList(from, Math.min(from + maxBatchRows, sorted.size()));
            int[][] sources = new int[batch.size()][];
            int[] limits = new int[batch.size()];
            for (int b = 0; b < sources.length; b++) {
                sources[b] = batch.get(b).ids;
                limits[b] = targetLimit.applyAsInt(sources[b].length);
            }
            List<DecodedSequence> decoded = decoder.decode(model, sources, limits);
            for (int b = 0; b < sources.length; b++) {
                batch.get(b).result = decoded.get(b);
            }
        }
    }

    private TranslationResult assemble(Plan plan) {
        List<String> source = plan.tokens;
        int targetLength = 0;
        for (Segmenter.Piece piece : plan.pieces) {
            targetLength += piece.translated() ? 0 : piece.length();
        }
        for (Job job : plan.jobs) {
            targetLength += job.result.ids().length;
        }
        float[][] attention = new float[targetLength][source.size()];
        float[] probabilities = new float[targetLength];
        List<String> target = new ArrayList<>(targetLength);
        boolean eos = true;
        int t = 0;
        int nextJob = 0;
        for (Segmenter.Piece piece : plan.pieces) {
            if (!piece.translated()) {
                // Copied whitespace attends to itself with certainty.
                for (int s = piece.start(); s < piece.end(); s++) {
                    target.add(source.get(s));
                    attention[t][s] = 1f;
                    probabilities[t] = 1f;
                    t++;
                }
                continue;
            }
            Job job = plan.jobs.get(nextJob++);
            DecodedSequence sequence = job.result;
            eos &= sequence.eosReached();
            for (int k = 0; k < sequence.ids().length; k++) {
                float[] row = sequence.attention()[k];
                target.add(tokenFor(vocabulary, sequence.ids()[k], row, job.ids, source, piece.start()));
                System.arraycopy(row, 0, attention[t], piece.start(), row.length);
                probabilities[t] = sequence.probabilities()[k];
                t++;
            }
        }
        return new TranslationResult(plan.text, String.join("", target), List.copyOf(source),
                List.copyOf(target), attention, probabilities, eos, plan.jobs.size());
    }

    /**
     * An emitted unknown (or any special id other than eos, which a sane model never emits here)
     * becomes a source character, so characters outside the vocabulary survive (attention-based
     * unknown replacement, Luong et al. 2015): the most attended source character that is itself
     * unknown (a known one would have been emitted as such), or the most attended character when
     * the source has no unknown one. This is model.json's "unk_replacement" rule; ties go to the
     * first position, as in the exporter.
     *
     * @param sourceIds the segment's ids, {@code attentionRow} is as wide
     * @param offset where the segment starts in {@code source}
     */
    static String tokenFor(Vocabulary vocabulary, int id, float[] attentionRow, int[] sourceIds,
            List<String> source, int offset) {
        if (!vocabulary.isSpecial(id)) {
            return vocabulary.token(id);
        }
        int best = -1;
        for (int s = 0; s < attentionRow.length; s++) {
            if (sourceIds[s] == vocabulary.unk() && (best < 0 || attentionRow[s] > attentionRow[best])) {
                best = s;
            }
        }
        if (best < 0) {
            best = 0;
            for (int s = 1; s < attentionRow.length; s++) {
                if (attentionRow[s] > attentionRow[best]) {
                    best = s;
                }
            }
        }
        return source.get(offset + best);
    }

    /** One input text on its way through. */
    private final class Plan {
        final String text;
        final List<String> tokens;
        final List<Segmenter.Piece> pieces;
        final List<Job> jobs = new ArrayList<>();

        Plan(String text) {
            this.text = text;
            this.tokens = CodePoints.split(text);
            this.pieces = segmenter.cut(tokens);
        }
    }

    /** One segment to decode. */
    private static final class Job {
        final Plan plan;
        final Segmenter.Piece piece;
        final int[] ids;
        DecodedSequence result;

        Job(Plan plan, Segmenter.Piece piece, int[] ids) {
            this.plan = plan;
            this.piece = piece;
            this.ids = ids;
        }

        @Override
        public String toString() {
            return "Job" + piece + Arrays.toString(ids);
        }
    }
}
