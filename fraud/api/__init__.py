"""The fraud API: the admin queue, and what promoters and merchants see."""
