# The JVM options of a run, sourced by nightly.sh and bench-customs.sh so both run the same JVM (JAVA_OPTS
# replaces them). Why each:
#   -Xmx1g               the heap a night needs at most: memory is flat in the input size (docs/PERFORMANCE.md)
#   -XX:+UseParallelGC   a batch run wants throughput, not short pauses: 4-10% faster than G1 in paired runs
#   -XX:NewRatio=1       half the heap young instead of a third: the parse leaves ~190 KB of garbage per message,
#                        and each young collection copies what a chunk (1,000 messages) still holds, so fewer
#                        collections cost less GC time; the heap in use peaks higher before a collection (~550 MB),
#                        still under -Xmx1g
#   CompileThresholdScaling for java.util.stream (x100)
#                        StAEDI's validator runs a java.util.stream pipeline several times per element, and the
#                        JIT inlines it only when the JDK's stream methods were profiled on StAEDI's lambdas
#                        alone. Spring's start-up runs many pipelines of its own first; profiled then, the
#                        stream methods stay megamorphic calls in the parse. Scaled, they are profiled and
#                        compiled once the customs step runs. The application's own message path has no
#                        streams for the same reason (MessagePathStreamsTest).
#   -XX:+ExitOnOutOfMemoryError
#                        the JVM ends at the first OutOfMemoryError, wherever it is thrown, with exit 3 (the
#                        application's code for a failed run, which the next run resumes) and one line on stderr.
#                        Without it the application halts itself the same way (run.FatalErrors), but only where
#                        the Error reaches a place that checks; this covers every thread and library too.
# Measurements of each: docs/PERFORMANCE.md.
EDIBATCH_JAVA_OPTS_DEFAULT="-Xmx1g -XX:+ExitOnOutOfMemoryError -XX:+UseParallelGC -XX:NewRatio=1 -XX:CompileCommand=quiet -XX:CompileCommand=CompileThresholdScaling,java.util.stream.*::*,100.0"
