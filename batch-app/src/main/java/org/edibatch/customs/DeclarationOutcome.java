package org.edibatch.customs;

import java.util.List;

/**
 * What the customs rules decided for one declaration message. A value, never an exception: rejected
 * declarations are answered and reported like accepted ones.
 *
 * @param amendment for an accepted replacement or cancellation, the version it made and the one before it; null
 *                  for an original and for any rejection
 */
public record DeclarationOutcome(Status status, Declaration declaration, List<ContentError> errors,
                                 Assessment assessment, Selection selection, String acceptanceNo,
                                 Amendments.Applied amendment) {

    public enum Status { ACCEPTED, REJECTED }

    public DeclarationOutcome(Status status, Declaration declaration, List<ContentError> errors, Assessment assessment,
                              Selection selection, String acceptanceNo) {
        this(status, declaration, errors, assessment, selection, acceptanceNo, null);
    }

    public static DeclarationOutcome rejected(Declaration d, List<ContentError> errors) {
        return new DeclarationOutcome(Status.REJECTED, d, List.copyOf(errors), null, null, null);
    }

    public boolean accepted() {
        return status == Status.ACCEPTED;
    }

    /** The message function: original, replacement or cancellation. */
    public MessageFunction function() {
        return declaration.function();
    }

    /** An accepted cancellation: nothing assessed, the declaration's assessment reversed. */
    public boolean cancelled() {
        return amendment != null && amendment.cancelled();
    }

    public DeclarationOutcome asDuplicate() {
        return rejected(declaration, List.of(new ContentError(CustomsErrorCode.DUPLICATE_DECLARATION, "BGM",
                "declaration " + declaration.declarationNo() + " was already accepted")));
    }
}
