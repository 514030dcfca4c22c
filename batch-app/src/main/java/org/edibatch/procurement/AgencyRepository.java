package org.edibatch.procurement;

import org.springframework.jdbc.core.JdbcTemplate;

import java.util.Optional;

/** The registered contracting agencies (reference data set agencies). */
public class AgencyRepository {

    private final JdbcTemplate jdbc;

    public AgencyRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The registration number the agency's signing certificate must carry; empty for an unknown agency. */
    public Optional<String> brn(String agencyId) {
        return jdbc.queryForList("SELECT brn FROM ref_agency WHERE agency_id = ?", String.class, agencyId)
                .stream().findFirst();
    }
}
