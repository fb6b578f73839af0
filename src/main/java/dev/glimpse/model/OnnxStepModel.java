package dev.glimpse.model;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * The contract's two ONNX graphs as a {@link StepModel}. Per batch, the encoder runs once and its
 * outputs stay native, fed to every decoder step as they are. Every step's inputs and outputs live
 * in direct buffers allocated once per batch: the previous ids are written in place, and the
 * decoder writes logits, attention and the next hidden state (and coverage, when the model has it)
 * into pinned output tensors (each recurrent state alternates between two), so a step allocates
 * nothing and copies nothing to Java except what the decoder reads. The sessions are thread-safe;
 * per-batch state is per call.
 */
final class OnnxStepModel implements StepModel {

    static final String SRC_IDS = "src_ids";
    static final String SRC_MASK = "src_mask";
    static final String ENC_STATES = "enc_states";
    static final String ENC_KEYS = "enc_keys";
    static final String DEC_HIDDEN = "dec_hidden";
    static final String PREV_IDS = "prev_ids";
    static final String LOGITS = "logits";
    static final String NEXT_HIDDEN = "next_hidden";
    static final String ATTENTION = "attention";
    static final String COVERAGE = "coverage";
    static final String NEXT_COVERAGE = "next_coverage";

    private final OrtEnvironment environment;
    private final OrtSession encoder;
    private final OrtSession decoder;
    private final int pad;
    private final int vocabularySize;
    private final int hiddenSize;
    private final boolean coverage;

    OnnxStepModel(OrtEnvironment environment, OrtSession encoder, OrtSession decoder, int pad,
            int vocabularySize, int hiddenSize, boolean coverage) {
        this.environment = environment;
        this.encoder = encoder;
        this.decoder = decoder;
        this.pad = pad;
        this.vocabularySize = vocabularySize;
        this.hiddenSize = hiddenSize;
        this.coverage = coverage;
    }

    @Override
    public StepSession start(int[][] sources) {
        Batch batch = new Batch(sources);
        try {
            batch.encode(sources);
            return batch;
        } catch (OrtException | RuntimeException e) {
            batch.close();
            throw new ModelRunException("encoder failed on a batch of " + sources.length, e);
        }
    }

    private static ByteBuffer direct(int bytes) {
        return ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
    }

    /** One batch's native state; everything it creates is closed, in reverse order, by close(). */
    private final class Batch implements StepSession {
        private final Deque<AutoCloseable> owned = new ArrayDeque<>();
        private final int rows;
        private final int width;
        private final LongBuffer previous;
        private final FloatBuffer logits;
        private final FloatBuffer attention;
        private final Map<String, OnnxTensor> inputs = new HashMap<>();
        private final Map<String, OnnxTensor> outputs = new HashMap<>();
        private final OnnxTensor[] hidden = new OnnxTensor[2];
        private final OnnxTensor[] covered = new OnnxTensor[2];
        private int steps;

        Batch(int[][] sources) {
            this.rows = sources.length;
            int longest = 0;
            for (int[] row : sources) {
                if (row.length == 0) {
                    throw new IllegalArgumentException("a source row is empty");
                }
                longest = Math.max(longest, row.length);
            }
            this.width = longest;
            this.previous = direct(rows * Long.BYTES).asLongBuffer();
            this.logits = direct(rows * vocabularySize * Float.BYTES).asFloatBuffer();
            this.attention = direct(rows * width * Float.BYTES).asFloatBuffer();
        }

        void encode(int[][] sources) throws OrtException {
            LongBuffer ids = direct(rows * width * Long.BYTES).asLongBuffer();
            ByteBuffer mask = direct(rows * width);
            for (int b = 0; b < rows; b++) {
                for (int s = 0; s < width; s++) {
                    boolean real = s < sources[b].length;
                    ids.put(b * width + s, real ? sources[b][s] : pad);
                    mask.put(b * width + s, (byte) (real ? 1 : 0));
                }
            }
            long[] matrix = {rows, width};
            OnnxTensor srcMask = own(OnnxTensor.createTensor(environment, mask, matrix, OnnxJavaType.BOOL));
            OrtSession.Result encoded;
            try (OnnxTensor srcIds = OnnxTensor.createTensor(environment, ids, matrix)) {
                encoded = own(encoder.run(Map.of(SRC_IDS, srcIds, SRC_MASK, srcMask)));
            }
            inputs.put(SRC_MASK, srcMask);
            inputs.put(ENC_STATES, tensor(encoded, ENC_STATES));
            inputs.put(ENC_KEYS, tensor(encoded, ENC_KEYS));
            inputs.put(DEC_HIDDEN, tensor(encoded, DEC_HIDDEN));
            inputs.put(PREV_IDS, own(wrap(OnnxTensor.createTensor(environment, previous, new long[] {rows}))));
            long[] hiddenShape = {rows, hiddenSize};
            for (int i = 0; i < hidden.length; i++) {
                hidden[i] = own(wrap(OnnxTensor.createTensor(environment,
                        direct(rows * hiddenSize * Float.BYTES).asFloatBuffer(), hiddenShape)));
            }
            outputs.put(LOGITS, own(wrap(OnnxTensor.createTensor(environment, logits,
                    new long[] {rows, vocabularySize}))));
            outputs.put(ATTENTION, own(wrap(OnnxTensor.createTensor(environment, attention, matrix))));
            if (coverage) {
                // Direct buffers start zeroed: the first step reads covered[1] as "nothing covered yet".
                for (int i = 0; i < covered.length; i++) {
                    covered[i] = own(wrap(OnnxTensor.createTensor(environment,
                            direct(rows * width * Float.BYTES).asFloatBuffer(), matrix)));
                }
            }
        }

        @Override
        public int batchSize() {
            return rows;
        }

        @Override
        public int sourceLength() {
            return width;
        }

        @Override
        public int vocabularySize() {
            return vocabularySize;
        }

        @Override
        public void step(long[] previousIds) {
            previous.put(0, previousIds, 0, rows);
            if (steps > 0) {
                inputs.put(DEC_HIDDEN, hidden[(steps - 1) % 2]);
            }
            outputs.put(NEXT_HIDDEN, hidden[steps % 2]);
            if (coverage) {
                inputs.put(COVERAGE, covered[(steps + 1) % 2]);
                outputs.put(NEXT_COVERAGE, covered[steps % 2]);
            }
            try (OrtSession.Result ignored = decoder.run(inputs, outputs)) {
                steps++;
            } catch (OrtException e) {
                throw new ModelRunException("decoder failed at step " + steps + " of a batch of " + rows, e);
            }
        }

        @Override
        public FloatBuffer logits() {
            return logits;
        }

        @Override
        public FloatBuffer attention() {
            return attention;
        }

        @Override
        public void close() {
            RuntimeException failure = null;
            while (!owned.isEmpty()) {
                try {
                    owned.pop().close();
                } catch (Exception e) {
                    if (failure == null) {
                        failure = new ModelRunException("could not release a batch's native memory", e);
                    } else {
                        failure.addSuppressed(e);
                    }
                }
            }
            if (failure != null) {
                throw failure;
            }
        }

        private <T extends AutoCloseable> T own(T resource) {
            owned.push(resource);
            return resource;
        }

        private OnnxTensor tensor(OrtSession.Result result, String name) {
            return (OnnxTensor) result.get(name).orElseThrow(
                    () -> new ModelRunException("encoder returned no '" + name + "'", null));
        }
    }

    /** A tensor meant to share a buffer Java writes or reads in place; a copy would break that. */
    private static OnnxTensor wrap(OnnxTensor tensor) {
        if (tensor.ownsBuffer()) {
            tensor.close();
            throw new IllegalStateException("ONNX Runtime copied a direct buffer instead of sharing it");
        }
        return tensor;
    }
}
