"""The payment standards (支払基準, DP-23) and the computation a payment notice explains (PN-02, PN-06)."""
