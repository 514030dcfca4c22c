package org.edibatch.codes;

import org.edibatch.customs.Channel;
import org.edibatch.customs.CustomsErrorCode;
import org.edibatch.edifact.SyntaxErrorCode;
import org.edibatch.payment.AdviceCode;
import org.edibatch.payment.PaymentCode;
import org.edibatch.procurement.ProcurementCode;
import org.edibatch.signature.SubReason;
import org.edibatch.xml.XmlErrorCode;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every code list answers each code once, with a text; the 0085 codes are the UN's. */
class CodeListsTest {

    private static final List<Class<? extends CodeList>> LISTS = List.of(SyntaxErrorCode.class, CustomsErrorCode.class,
            XmlErrorCode.class, ProcurementCode.class, SubReason.class, Channel.class,
            PaymentCode.class, AdviceCode.class);

    private static List<CodeList> values(Class<? extends CodeList> list) {
        return Arrays.asList(list.getEnumConstants());
    }

    @Test
    void everyCodeIsUniqueInItsListAndHasAText() {
        for (Class<? extends CodeList> list : LISTS) {
            List<String> codes = values(list).stream().map(CodeList::code).toList();
            assertThat(codes).as(list.getSimpleName()).isNotEmpty().doesNotHaveDuplicates().allMatch(c -> !c.isBlank());
            assertThat(values(list)).as(list.getSimpleName()).allMatch(v -> v.text() != null && !v.text().isBlank());
        }
    }

    @Test
    void aDeclarationErrorCodeHasOneOwner() {
        // content (C1xx) and XML intake (X0xx) codes are answered in the same field of the same answers
        List<String> codes = Stream.concat(values(CustomsErrorCode.class).stream(), values(XmlErrorCode.class).stream())
                .map(CodeList::code).toList();
        assertThat(codes).doesNotHaveDuplicates();
        assertThat(values(CustomsErrorCode.class)).allMatch(c -> c.code().startsWith("C"));
        assertThat(values(XmlErrorCode.class)).allMatch(c -> c.code().startsWith("X"));
    }

    @Test
    void theSyntaxErrorCodesAreThoseOfUnEdifactCodeList0085() {
        // ISO 9735 syntax version 4, service code list 0085 "Syntax error, coded": the values this product uses
        Map<String, String> un = new LinkedHashMap<>();
        un.put("2", "Syntax version or level not supported");
        un.put("7", "Interchange recipient not actual recipient");
        un.put("12", "Invalid value");
        un.put("13", "Missing");
        un.put("14", "Value not supported in this position");
        un.put("15", "Not supported in this position");
        un.put("16", "Too many constituents");
        un.put("18", "Unspecified error");
        un.put("21", "Invalid character(s)");
        un.put("23", "Unknown Interchange sender");
        un.put("26", "Duplicate detected");
        un.put("28", "References do not match");
        un.put("29", "Control count does not match number of instances received");
        un.put("35", "Too many repetitions");
        un.put("36", "Too many segment group repetitions");
        un.put("37", "Invalid type of character(s)");
        un.put("39", "Data element too long");
        un.put("40", "Data element too short");
        un.put("45", "Trailing separator");

        assertThat(Arrays.stream(SyntaxErrorCode.values()).map(SyntaxErrorCode::code))
                .containsExactlyElementsOf(un.keySet());
        for (SyntaxErrorCode c : SyntaxErrorCode.values()) {
            assertThat(c.text()).as(c.code()).isEqualToIgnoringCase(un.get(c.code()));
            assertThat(SyntaxErrorCode.textOf(c.code())).isEqualTo(c.text());
        }
        assertThat(SyntaxErrorCode.textOf("17")).isEqualTo("Syntax error 17");
    }

    @Test
    void theSignatureCodesFollowTheKcsSigList() {
        assertThat(values(SubReason.class).stream().filter(r -> r != SubReason.NONE).map(CodeList::code))
                .containsExactly("S01", "S02", "S03", "S04", "S05", "S06", "S07", "S08", "S09", "S10", "S11", "S12",
                        "S13", "S14");
        assertThat(SubReason.MALFORMED.code()).isEqualTo("S14");
        assertThat(SubReason.DIGEST_MISMATCH.code()).isEqualTo("S01");
    }
}
