package org.edibatch.job.payments;

import org.edibatch.payment.PaymentLine;
import org.edibatch.payment.PaymentRepository;
import org.edibatch.payment.Receivable;
import org.edibatch.schemas.PaymentNumber;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * What a batch's matching reads from the database (its receivables, the bank's transactions known), looked up on a
 * thread and connection of their own as soon as the reader has put the batch together, while the batch before it
 * is still being written: the step's one connection then waits only for the writes. The rows are read as
 * committed then, so the writer corrects them by what the batch before changed ({@link PaymentWriter}); nothing
 * older can be missing, as a batch is put together only after the one two before it committed.
 */
final class BatchLookups {

    /** A batch's receivables by payment number key (accepted originals only) and known transactions by bank. */
    record Found(Map<PaymentNumber.Key, Receivable> receivables, Map<String, Set<String>> known) {
    }

    private final PaymentRepository payments;
    private volatile Function<String, String> partyOf;
    private ExecutorService executor;

    BatchLookups(PaymentRepository payments) {
        this.payments = payments;
    }

    /** The importer's party id from its customs code, as the writer's reference data has it (before any start). */
    void partyOf(Function<String, String> partyOf) {
        this.partyOf = partyOf;
    }

    void open() {
        executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "payments-lookup");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts the lookup of the items' keys and transaction references. */
    Future<Found> start(List<AdviceItem> items) {
        Set<PaymentNumber.Key> keys = new LinkedHashSet<>();
        Map<String, Set<String>> refsByBank = new HashMap<>();
        for (AdviceItem item : items) {
            if (item.advice() == null) {
                continue;
            }
            for (PaymentLine line : item.advice().lines()) {
                PaymentNumber.parse(line.paymentReference()).ifPresent(keys::add);
                if (line.transactionRef() != null) {
                    refsByBank.computeIfAbsent(item.bankSender(), b -> new HashSet<>()).add(line.transactionRef());
                }
            }
        }
        Function<String, String> parties = partyOf;
        if (executor == null) { // not opened (a reader used alone): looked up at once
            return CompletableFuture.completedFuture(find(keys, refsByBank, parties));
        }
        return executor.submit(() -> find(keys, refsByBank, parties));
    }

    private Found find(Set<PaymentNumber.Key> keys, Map<String, Set<String>> refsByBank,
                       Function<String, String> parties) {
        Map<PaymentNumber.Key, Receivable> receivables = payments.receivables(keys, parties);
        Map<String, Set<String>> known = new HashMap<>();
        for (Map.Entry<String, Set<String>> e : refsByBank.entrySet()) {
            known.put(e.getKey(), payments.knownTransactions(e.getKey(), e.getValue()));
        }
        return new Found(receivables, known);
    }

    void close() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }
}
