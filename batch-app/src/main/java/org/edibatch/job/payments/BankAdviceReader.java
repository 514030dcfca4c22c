package org.edibatch.job.payments;

import org.edibatch.config.CrashPoints;
import org.edibatch.payment.PaymentRepository;
import org.edibatch.run.FatalErrors;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Hands out the advices of the banks' files this run claimed, file by file in id order, in batches (one per
 * transaction): payments are matched in the order the banks' files were received, so a night has one outcome however
 * it was interrupted. Its position (file number, advices handed out) is saved in the step's ExecutionContext at each
 * commit, as the customs reader's is.
 *
 * <p>Parsing a file (StAEDI's validation, the XML parser) costs more than matching and storing its lines, so up to
 * {@code readAhead} files are parsed ahead on their own threads, each into a small bounded queue; the step's thread
 * takes their advices in file order. The order and the outcome are those of reading on one thread; only the waiting
 * overlaps, and the heap held stays bounded by the queues. The batch after the one handed out is put together at
 * once, so that its lookups ({@link BatchLookups}) run while the one handed out is written.
 */
final class BankAdviceReader implements ItemStreamReader<AdviceBatch>, StepExecutionListener {

    /** About how many credit lines one transaction takes (an advice is never split). */
    static final int LINES_PER_BATCH = 10_000;
    private static final String FILE_KEY = "payments.file";
    private static final String ADVICE_KEY = "payments.advice";
    /** Advices parsed ahead per file: enough to keep the parser busy while the step's thread writes. */
    private static final int QUEUED_PER_FILE = 8;
    private static final Object END = new Object();

    private final PaymentRepository repository;
    private final BatchLookups lookups;
    private final int maxAdvices;
    private final int readAhead;
    private long runId;

    private List<PaymentRepository.BankFile> files;
    private int fileIndex;
    private int read;
    /** The position after the last batch handed out: what a commit saves. */
    private int handedFile;
    private int handedRead;
    /** The next batch, put together ahead (null: none yet, or the end). */
    private AdviceBatch pending;
    private ExecutorService parsers;
    private final Deque<Feed> feeds = new ArrayDeque<>();

    /**
     * @param maxAdvices the most advices per batch (the chunk size)
     * @param readAhead  how many files are parsed at a time, ahead of the step's thread
     */
    BankAdviceReader(PaymentRepository repository, BatchLookups lookups, int maxAdvices, int readAhead) {
        this.repository = repository;
        this.lookups = lookups;
        this.maxAdvices = Math.max(1, maxAdvices);
        this.readAhead = Math.max(1, readAhead);
    }

    /** Before {@link #open}: the run whose files are read. */
    @Override
    public void beforeStep(StepExecution step) {
        runId = step.getJobExecution().getJobInstance().getInstanceId();
    }

    @Override
    public void open(ExecutionContext ctx) {
        CrashPoints.reach("payments.open");
        files = repository.bankFiles(runId);
        fileIndex = ctx.getInt(FILE_KEY, 0);
        int skip = ctx.getInt(ADVICE_KEY, 0);
        read = 0;
        pending = null;
        handedFile = fileIndex;
        handedRead = skip;
        lookups.open();
        AtomicInteger n = new AtomicInteger();
        parsers = Executors.newFixedThreadPool(readAhead, r -> {
            Thread t = new Thread(r, "payments-reader-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        startFeeds();
        if (fileIndex < files.size()) {
            // the advices of the current file committed before the restart
            for (int i = 0; i < skip; i++) {
                feeds.getFirst().take();
            }
            read = skip;
        }
    }

    @Override
    public AdviceBatch read() {
        AdviceBatch current = pending != null ? pending : assemble();
        if (current == null) {
            return null;
        }
        handedFile = current.file();
        handedRead = current.read();
        pending = assemble();
        return current;
    }

    /** The next batch from the feeds, its lookups started; null at the end. */
    private AdviceBatch assemble() {
        List<AdviceItem> items = new ArrayList<>();
        int lines = 0;
        while (items.size() < maxAdvices && lines < LINES_PER_BATCH) {
            AdviceItem item = next();
            if (item == null) {
                break;
            }
            items.add(item);
            if (item.advice() != null) {
                lines += item.advice().lines().size() + item.advice().refusals().size();
            }
        }
        return items.isEmpty() ? null : new AdviceBatch(items, fileIndex, read, lookups.start(items));
    }

    private AdviceItem next() {
        while (fileIndex < files.size()) {
            AdviceItem item = feeds.getFirst().take();
            if (item != null) {
                read++;
                return item;
            }
            feeds.removeFirst();
            fileIndex++;
            read = 0;
            startFeeds();
        }
        return null;
    }

    /** Parsing started for the current file and the next ones, up to {@code readAhead} files. */
    private void startFeeds() {
        while (feeds.size() < readAhead && fileIndex + feeds.size() < files.size()) {
            feeds.addLast(new Feed(files.get(fileIndex + feeds.size()), parsers));
        }
    }

    @Override
    public void update(ExecutionContext ctx) {
        ctx.putInt(FILE_KEY, handedFile);
        ctx.putInt(ADVICE_KEY, handedRead);
    }

    @Override
    public void close() {
        pending = null;
        lookups.close();
        feeds.forEach(Feed::cancel);
        feeds.clear();
        if (parsers != null) {
            parsers.shutdownNow();
            try {
                // the parsers close their files as they stop
                parsers.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            parsers = null;
        }
    }

    /** One file parsed on a parser thread into a bounded queue: its advices, then END, or what failed. */
    private static final class Feed {

        private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUED_PER_FILE);
        private final Future<?> task;

        Feed(PaymentRepository.BankFile file, ExecutorService parsers) {
            task = parsers.submit(() -> {
                try (AdviceFileReader reader = new AdviceFileReader(file)) {
                    AdviceItem item;
                    while ((item = reader.next()) != null) {
                        queue.put(item);
                    }
                    queue.put(END);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt(); // closed: nobody takes any more
                } catch (Throwable t) {
                    FatalErrors.haltIfFatal(t);
                    try {
                        // after the advices read before it: the step's thread throws it at this point of the file
                        queue.put(new Failure(t));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            });
        }

        /** The file's next advice, null at its end; what failed reading it is thrown here, in file order. */
        AdviceItem take() {
            Object o;
            try {
                o = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ItemStreamException("interrupted while reading the banks' files", e);
            }
            if (o == END) {
                queue.offer(END); // stays at its end
                return null;
            }
            if (o instanceof Failure f) {
                queue.offer(f);
                if (f.cause() instanceof RuntimeException e) {
                    throw e;
                }
                if (f.cause() instanceof Error e) {
                    throw e;
                }
                throw new ItemStreamException(f.cause());
            }
            return (AdviceItem) o;
        }

        void cancel() {
            task.cancel(true);
        }
    }

    private record Failure(Throwable cause) {
    }
}
