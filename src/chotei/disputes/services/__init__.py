"""Services of the dispute procedure: the only code that writes cases. Views, API and CLI call these."""
