"""Call lists: who goes on them and in what order, the files, outcomes, local time and people."""
