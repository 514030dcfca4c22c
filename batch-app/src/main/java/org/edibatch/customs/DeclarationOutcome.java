package org.edibatch.customs;

import java.util.List;

/**
 * What the customs rules decided for one declaration message. A value, never an exception: rejected
 * declarations are answered and reported like accepted ones.
 */
public record DeclarationOutcome(Status status, Declaration declaration, List<ContentError> errors,
                                 Assessment assessment, Selection selection, String acceptanceNo) {

    public enum Status { ACCEPTED, REJECTED }

    public static DeclarationOutcome rejected(Declaration d, List<ContentError> errors) {
        return new DeclarationOutcome(Status.REJECTED, d, List.copyOf(errors), null, null, null);
    }

    public boolean accepted() {
        return status == Status.ACCEPTED;
    }

    public DeclarationOutcome asDuplicate() {
        return rejected(declaration, List.of(new ContentError(CustomsErrorCode.DUPLICATE_DECLARATION, "BGM",
                "declaration " + declaration.declarationNo() + " was already accepted")));
    }
}
