"""Records in from other formats: the spreadsheet template, public organograms and registers."""
