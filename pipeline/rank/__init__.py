"""Ranking: profiles, scores, explanations, and what the nightly run must re-rank."""
