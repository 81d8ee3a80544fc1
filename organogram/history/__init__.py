"""Pure helpers about the record's history that are neither core rules nor queries."""
