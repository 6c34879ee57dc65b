"""Reads for the fraud queue and for promoters and merchants."""
