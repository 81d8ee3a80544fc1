"""Records out in other formats: the spreadsheet template, W3C Organization Ontology, Popolo."""
