package dev.glimpse.model;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The ONNX engine: a bundle (see DESIGN.md, "Model contract") loaded into two ONNX Runtime
 * sessions, checked (checksums, tensor contract, golden vectors) before it translates anything,
 * and decoded greedily in batches. Safe for concurrent callers; {@link #close()} waits for
 * running translations and then releases all native memory.
 */
public final class OnnxTranslator implements Translator {

    /** The model shipped in the jar. */
    public static final String DEFAULT_MODEL = "wordrev";

    /**
     * @param intraOpThreads ONNX Runtime threads per run; 1 keeps one translation on one core
     * @param maxBatchRows the most segments one model run decodes together
     */
    public record Options(int intraOpThreads, int maxBatchRows) {
        public Options {
            if (intraOpThreads < 1 || maxBatchRows < 1) {
                throw new IllegalArgumentException(
                        "threads and batch rows must be positive: " + intraOpThreads + ", " + maxBatchRows);
            }
        }

        public static Options defaults() {
            return new Options(1, 32);
        }
    }

    private final ModelManifest manifest;
    private final ModelInfo info;
    private final OrtSession.SessionOptions sessionOptions;
    private final OrtSession encoder;
    private final OrtSession decoder;
    private final TextDecoder textDecoder;
    private final ReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private boolean closed;

    private OnnxTranslator(ModelManifest manifest, OrtSession.SessionOptions sessionOptions,
            OrtSession encoder, OrtSession decoder, TextDecoder textDecoder) {
        this.manifest = manifest;
        this.info = new ModelInfo(manifest.name(), manifest.version());
        this.sessionOptions = sessionOptions;
        this.encoder = encoder;
        this.decoder = decoder;
        this.textDecoder = textDecoder;
    }

    public static OnnxTranslator load(Path directory) {
        return load(directory, Options.defaults());
    }

    public static OnnxTranslator load(Path directory, Options options) {
        return open(BundleFiles.fromDirectory(directory), options);
    }

    /** Loads {@code models/<name>/} from the classpath. */
    public static OnnxTranslator loadBundled(String name) {
        return loadBundled(name, Options.defaults());
    }

    public static OnnxTranslator loadBundled(String name, Options options) {
        return open(BundleFiles.fromClasspath(name), options);
    }

    private static OnnxTranslator open(BundleFiles files, Options options) {
        ModelManifest manifest;
        try {
            manifest = ModelManifest.parse(files.get(BundleFiles.MANIFEST));
        } catch (ModelLoadException e) {
            throw new ModelLoadException(files.origin() + ": " + e.getMessage(), e);
        }
        files.verifyChecksum(BundleFiles.ENCODER, manifest.sha256());
        files.verifyChecksum(BundleFiles.DECODER, manifest.sha256());
        GoldenVector.Golden golden = GoldenVector.parse(files.origin(), files.get(BundleFiles.GOLDEN),
                manifest.vocabulary().eos());

        OrtEnvironment environment = OrtRuntime.environment();
        OrtSession.SessionOptions sessionOptions = null;
        OrtSession encoder = null;
        OrtSession decoder = null;
        try {
            sessionOptions = new OrtSession.SessionOptions();
            sessionOptions.setIntraOpNumThreads(options.intraOpThreads());
            sessionOptions.setInterOpNumThreads(1);
            sessionOptions.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            encoder = session(environment, files, BundleFiles.ENCODER, sessionOptions);
            decoder = session(environment, files, BundleFiles.DECODER, sessionOptions);
            ModelManifest.Dimensions dims = manifest.dimensions();
            int vocabularySize = manifest.vocabulary().size();
            try {
                OnnxContract.check(BundleFiles.ENCODER, encoder, OnnxContract.encoderInputs(),
                        OnnxContract.encoderOutputs(dims));
                OnnxContract.check(BundleFiles.DECODER, decoder, OnnxContract.decoderInputs(dims),
                        OnnxContract.decoderOutputs(dims, vocabularySize));
            } catch (ModelLoadException e) {
                throw new ModelLoadException(files.origin() + ": " + e.getMessage(), e);
            }
            OnnxStepModel stepModel = new OnnxStepModel(environment, encoder, decoder,
                    manifest.vocabulary().pad(), vocabularySize, dims.hidden(), dims.coverage());
            TextDecoder textDecoder = new TextDecoder(manifest.vocabulary(), stepModel,
                    manifest.maxSourceLength(), manifest.segmentLength(), manifest::maxTargetLength,
                    options.maxBatchRows());
            GoldenVector.selfTest(files.origin(), golden, manifest, stepModel);
            return new OnnxTranslator(manifest, sessionOptions, encoder, decoder, textDecoder);
        } catch (OrtException e) {
            closeAll(decoder, encoder, sessionOptions);
            throw new ModelLoadException(files.origin() + ": ONNX Runtime: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeAll(decoder, encoder, sessionOptions);
            throw e;
        }
    }

    private static OrtSession session(OrtEnvironment environment, BundleFiles files, String name,
            OrtSession.SessionOptions options) {
        try {
            return environment.createSession(files.get(name), options);
        } catch (OrtException e) {
            throw new ModelLoadException(files.origin() + ": ONNX Runtime cannot load " + name + ": "
                    + e.getMessage(), e);
        }
    }

    /** The parsed model.json. */
    public ModelManifest manifest() {
        return manifest;
    }

    @Override
    public ModelInfo info() {
        return info;
    }

    @Override
    public TranslationResult translate(String text) {
        return translate(List.of(text)).get(0);
    }

    @Override
    public List<TranslationResult> translate(List<String> texts) {
        lifecycle.readLock().lock();
        try {
            if (closed) {
                throw new IllegalStateException("translator for " + info + " is closed");
            }
            return textDecoder.translate(texts);
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    @Override
    public void close() {
        lifecycle.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                closeAll(decoder, encoder, sessionOptions);
            }
        } finally {
            lifecycle.writeLock().unlock();
        }
    }

    /** Closes in the order given (reverse of creation); nulls are skipped; the first failure wins. */
    private static void closeAll(AutoCloseable... resources) {
        RuntimeException failure = null;
        for (AutoCloseable resource : resources) {
            if (resource == null) {
                continue;
            }
            try {
                resource.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new ModelRunException("could not release ONNX Runtime resources", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
