"""Skills: the taxonomy, the spaCy components that find skills, and the evidence behind each."""
